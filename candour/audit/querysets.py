from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from candour.accounts.models import User
    from candour.audit.models import AuditEvent  # noqa: F401 - used in a string base


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def for_organisation(self, organisation_id: int) -> AuditEventQuerySet:
        return self.filter(organisation_id=organisation_id)

    def visible_to(self, user: User) -> AuditEventQuerySet:
        """Organisation administrators see their own organisation's trail, nothing else."""
        from candour.accounts.roles import Role
        from candour.audit.events import REPORTER_EVENTS

        org_ids = user.organisation_ids_with_role(Role.ORG_ADMIN)
        return self.filter(organisation_id__in=org_ids).exclude(
            event_type__in=[event.value for event in REPORTER_EVENTS]
        )

    def newest_first(self) -> AuditEventQuerySet:
        return self.order_by("-sequence")
