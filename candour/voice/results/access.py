"""Who may read the feedback results: managers, analysts and administrators of the
organisation. Staff, and everyone outside the organisation, get "not found"."""

from __future__ import annotations

from django.http import Http404

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import Organisation, Team

RESULTS_ROLES = (Role.MANAGER, Role.ANALYST, Role.ORG_ADMIN)


def results_organisations(user: User) -> list[Organisation]:
    """Organisations whose feedback results the person may read."""
    allowed: set[int] = set()
    for role in RESULTS_ROLES:
        allowed |= user.organisation_ids_with_role(role)
    return list(Organisation.objects.filter(pk__in=allowed).order_by("name"))


def can_read_results(user: User) -> bool:
    return any(user.organisation_ids_with_role(role) for role in RESULTS_ROLES)


def chosen_organisation(organisations: list[Organisation], value: str | None) -> Organisation:
    """The organisation asked for, or the first; not found if none, or not among them."""
    if not organisations:
        raise Http404
    if not value:
        return organisations[0]
    found = next((o for o in organisations if str(o.pk) == value), None)
    if found is None:
        raise Http404
    return found


def organisation_teams(organisation: Organisation) -> list[Team]:
    return list(Team.objects.filter(organisation=organisation).order_by("name"))


def chosen_team(teams: list[Team], value: str | None) -> Team | None:
    """The team asked for (None: the whole organisation); not found if not among them."""
    if not value:
        return None
    found = next((team for team in teams if str(team.pk) == value), None)
    if found is None:
        raise Http404
    return found
