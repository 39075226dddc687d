"""The organisation (and team) a page is about, chosen from those a person may see.

One copy for every page with an organisation picker (feedback results, organisational
health, improvement measures, national search; ADR 0023). The list is always built from
the person's own roles first; a value from the address that is not in it is "not found",
never a different organisation's page.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import Http404

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import Organisation, Team


def organisations_with_roles(user: User, roles: Iterable[Role]) -> list[Organisation]:
    """Organisations where the person holds any of these roles, by name."""
    allowed: set[int] = set()
    for role in roles:
        allowed |= user.organisation_ids_with_role(role)
    return list(Organisation.objects.filter(pk__in=allowed).order_by("name"))


def chosen_organisation(organisations: list[Organisation], value: str | None) -> Organisation:
    """The organisation asked for, or the first; not found if none, or not among them."""
    if not organisations:
        raise Http404
    if not value:
        return organisations[0]
    return _among(organisations, value)


def chosen_filter(organisations: list[Organisation], value: str | None) -> Organisation | None:
    """An optional filter: None when nothing is asked for; not found if not among them."""
    if not value:
        return None
    return _among(organisations, value)


def chosen_team(teams: list[Team], value: str | None) -> Team | None:
    """The team asked for (None: the whole organisation); not found if not among them."""
    if not value:
        return None
    found = next((team for team in teams if str(team.pk) == value), None)
    if found is None:
        raise Http404
    return found


def _among(organisations: list[Organisation], value: str) -> Organisation:
    found = next((o for o in organisations if str(o.pk) == value), None)
    if found is None:
        raise Http404
    return found
