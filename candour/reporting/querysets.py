from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from candour.reporting.vocabulary import Status

if TYPE_CHECKING:
    from candour.accounts.models import User
    from candour.reporting.models import Report  # noqa: F401 - string base


class ReportQuerySet(models.QuerySet["Report"]):
    def for_learning_team(self, user: User) -> ReportQuerySet:
        """Everything about reports in organisations where the person is an analyst."""
        from candour.accounts.roles import Role

        return self.filter(organisation_id__in=user.organisation_ids_with_role(Role.ANALYST))

    def visible_to(self, user: User) -> ReportQuerySet:
        """De-identified reports others may read: reviewed, in their own organisations."""
        return self.filter(
            organisation_id__in=user.organisation_ids(),
            redactions_reviewed_at__isnull=False,
        )

    def open(self) -> ReportQuerySet:
        return self.exclude(status=Status.CLOSED)

    def closed(self) -> ReportQuerySet:
        return self.filter(status=Status.CLOSED)
