"""Reads for survey pages, scoped to what the person may see (404 for anything else)."""

from __future__ import annotations

from django.http import Http404

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import Organisation, Team
from candour.surveys.models import Invitation, Wave
from candour.surveys.services import find_invitation


def get_wave_for_admin(user: User, pk: int) -> Wave:
    wave = Wave.objects.administered_by(user).filter(pk=pk).select_related("organisation").first()
    if wave is None:
        raise Http404
    return wave


def get_wave_for_reader(user: User, pk: int) -> Wave:
    """A wave whose results the person may read: a manager, analyst or administrator of
    its organisation. Staff answer the survey; they do not read its results here."""
    wave = Wave.objects.visible_to(user).filter(pk=pk).select_related("organisation").first()
    if wave is None:
        raise Http404
    return wave


def waves_for(user: User) -> list[Wave]:
    return list(Wave.objects.visible_to(user).select_related("organisation"))


def administered_organisation(user: User) -> Organisation:
    organisation = Organisation.objects.administered_by(user).order_by("name").first()
    if organisation is None:
        raise Http404
    return organisation


def teams_of(organisation: Organisation) -> list[Team]:
    return list(Team.objects.filter(organisation=organisation).order_by("name"))


def can_read_results(user: User) -> bool:
    return bool(user.roles() & {Role.MANAGER, Role.ANALYST, Role.ORG_ADMIN})


def is_national_analyst(user: User) -> bool:
    return Role.NATIONAL_ANALYST in user.roles()


def invitation_for_link(token: str) -> Invitation | None:
    """The invitation behind a survey link; None for anything that is not one."""
    return find_invitation(token)
