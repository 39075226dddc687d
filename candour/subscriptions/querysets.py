from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from candour.accounts.models import User
    from candour.subscriptions.models import Subscription  # noqa: F401 - string base


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def of(self, user: User) -> SubscriptionQuerySet:
        """The person's own subscriptions, and nobody else's."""
        return self.filter(user=user)

    def targets(self, kind: str) -> list[str]:
        return list(self.filter(kind=kind).values_list("target", flat=True))
