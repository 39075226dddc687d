"""Who may read organisational health: managers, analysts and administrators of the
organisation. Staff, and everyone outside it, get "not found". The Bradford factor list
goes only to administrators and service managers (a manager with no one team), and only
for one team at a time: never on a page about the whole organisation."""

from __future__ import annotations

from django.http import Http404

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import Organisation, Team
from candour.core.organisation_picker import chosen_organisation, organisations_with_roles

HEALTH_ROLES = (Role.MANAGER, Role.ANALYST, Role.ORG_ADMIN)


def health_organisations(user: User) -> list[Organisation]:
    """Organisations whose health pages the person may read."""
    return organisations_with_roles(user, HEALTH_ROLES)


def can_read_health(user: User) -> bool:
    return any(user.organisation_ids_with_role(role) for role in HEALTH_ROLES)


def chosen_team(organisation: Organisation, value: str | None) -> Team | None:
    """A team of the organisation, None for the whole; not found for anyone else's team."""
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    team = Team.objects.filter(organisation=organisation, pk=int(value)).first()
    if team is None:
        raise Http404
    return team


def may_see_bradford(user: User, organisation: Organisation) -> bool:
    """Administrators and service managers of the organisation; not team managers."""
    return (
        organisation.pk in user.organisation_ids_with_role(Role.ORG_ADMIN)
        or organisation.pk in user.service_manager_organisation_ids()
    )


def administered_health_organisation(user: User, value: str | None) -> Organisation:
    """An organisation the person administers, for the thresholds page; else not found."""
    administered = list(Organisation.objects.administered_by(user).order_by("name"))
    return chosen_organisation(administered, value)


def may_change_thresholds(user: User, organisation: Organisation) -> bool:
    return organisation.pk in user.organisation_ids_with_role(Role.ORG_ADMIN)


def event_organisation(user: User, value: str | None) -> Organisation:
    """An organisation whose chart events the person may add: its managers and admins."""
    allowed = user.organisation_ids_with_role(Role.MANAGER) | user.organisation_ids_with_role(
        Role.ORG_ADMIN
    )
    organisations = list(Organisation.objects.filter(pk__in=allowed).order_by("name"))
    return chosen_organisation(organisations, value)
