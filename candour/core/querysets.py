"""Reads of organisations and teams, always narrowed to what a person may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

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
