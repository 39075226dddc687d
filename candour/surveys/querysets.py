from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from candour.accounts.models import User
    from candour.surveys.models import Wave  # noqa: F401 - string base


class WaveQuerySet(models.QuerySet["Wave"]):
    def visible_to(self, user: User) -> WaveQuerySet:
        """Waves whose results the person may read: managers, analysts and
        administrators of the wave's organisation (staff answer; they do not read)."""
        from candour.accounts.roles import Role

        organisations: set[int] = set()
        for role in (Role.MANAGER, Role.ANALYST, Role.ORG_ADMIN):
            organisations |= user.organisation_ids_with_role(role)
        return self.filter(organisation_id__in=organisations)

    def administered_by(self, user: User) -> WaveQuerySet:
        """Waves the person may open, remind and close: their organisations' administrators."""
        from candour.accounts.roles import Role

        return self.filter(organisation_id__in=user.organisation_ids_with_role(Role.ORG_ADMIN))

    def closed(self) -> WaveQuerySet:
        return self.filter(closed_at__isnull=False)
