"""Who may read the feedback results: managers, analysts and administrators of the
organisation. Staff, and everyone outside the organisation, get "not found"."""

from __future__ import annotations

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import Organisation, Team
from candour.core.organisation_picker import organisations_with_roles

RESULTS_ROLES = (Role.MANAGER, Role.ANALYST, Role.ORG_ADMIN)


def results_organisations(user: User) -> list[Organisation]:
    """Organisations whose feedback results the person may read."""
    return organisations_with_roles(user, RESULTS_ROLES)


def can_read_results(user: User) -> bool:
    return any(user.organisation_ids_with_role(role) for role in RESULTS_ROLES)


def organisation_teams(organisation: Organisation) -> list[Team]:
    return list(Team.objects.filter(organisation=organisation).order_by("name"))
