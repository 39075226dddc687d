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

    def for_national_analysts(self, user: User) -> ReportQuerySet:
        """Reviewed, de-identified reports of every organisation, for national analysts only.

        The role counts only when held in a national hub: pooled learning goes no further.
        """
        from candour.accounts.roles import Role
        from candour.core.models import Organisation, OrganisationKind

        hubs = Organisation.objects.filter(
            pk__in=user.organisation_ids_with_role(Role.NATIONAL_ANALYST),
            kind=OrganisationKind.NATIONAL_HUB,
        )
        if not hubs.exists():
            return self.none()
        return self.reviewed()

    def reviewed(self) -> ReportQuerySet:
        """Reports whose redactions were reviewed, so their text is de-identified."""
        return self.filter(redactions_reviewed_at__isnull=False)

    def open(self) -> ReportQuerySet:
        return self.exclude(status=Status.CLOSED)

    def closed(self) -> ReportQuerySet:
        return self.filter(status=Status.CLOSED)
