"""Reads of organisations and teams, always narrowed to what a person may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models.functions import Coalesce

if TYPE_CHECKING:
    from candour.accounts.models import User
    from candour.core.models import Organisation, Team  # noqa: F401 - string base


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def visible_to(self, user: User) -> OrganisationQuerySet:
        """Organisations the person belongs to; national analysts see every organisation."""
        from candour.accounts.roles import Role

        if user.has_role_anywhere(Role.NATIONAL_ANALYST):
            return self.all()
        return self.filter(pk__in=user.organisation_ids())

    def administered_by(self, user: User) -> OrganisationQuerySet:
        from candour.accounts.roles import Role

        return self.filter(pk__in=user.organisation_ids_with_role(Role.ORG_ADMIN))


class TeamQuerySet(models.QuerySet["Team"]):
    def in_organisation(self, organisation: Organisation) -> TeamQuerySet:
        return self.filter(organisation=organisation)

    def administered_by(self, user: User) -> TeamQuerySet:
        from candour.accounts.roles import Role

        return self.filter(organisation_id__in=user.organisation_ids_with_role(Role.ORG_ADMIN))

    def with_people_count(self) -> TeamQuerySet:
        """Each team's `people_count`: people with an unrevoked role in the team on an
        active account, counted once each, as the ideas measures count a team's people.

        A subquery, not Count("memberships"): after a filter on memberships (as
        `managed_by` does) Django reuses that join, and a count over it sees only the
        filtered rows - the manager's own - which showed every team as having 0 staff.
        """
        from candour.accounts.models import Membership

        people = (
            Membership.objects.filter(
                team=models.OuterRef("pk"), revoked_at__isnull=True, user__is_active=True
            )
            .order_by()
            .values("team")
            .annotate(n=models.Count("user", distinct=True))
            .values("n")
        )
        return self.annotate(
            people_count=Coalesce(models.Subquery(people, output_field=models.IntegerField()), 0)
        )

    def managed_by(self, user: User) -> TeamQuerySet:
        from candour.accounts.roles import Role

        return self.filter(
            memberships__user=user,
            memberships__role=Role.MANAGER,
            memberships__revoked_at__isnull=True,
        ).distinct()

    def member_of(self, user: User) -> TeamQuerySet:
        from candour.accounts.roles import Role

        return self.filter(
            memberships__user=user,
            memberships__role=Role.STAFF,
            memberships__revoked_at__isnull=True,
        ).distinct()
