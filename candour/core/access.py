"""Access functions: the only way views reach one organisation's objects.

Each condition sits on its own line so that a reviewer can see every rule at a glance.
Anything a person may not see is reported as "not found", never "forbidden", so that
existence does not leak.
"""

from __future__ import annotations

from django.http import Http404

from candour.accounts.models import Membership, User
from candour.core.models import Organisation, Team


def get_administered_organisation(user: User, slug: str) -> Organisation:
    organisation = Organisation.objects.administered_by(user).filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def get_administered_membership(user: User, organisation: Organisation, pk: int) -> Membership:
    membership = (
        Membership.objects.active()
        .in_organisation(organisation)
        .filter(organisation__in=Organisation.objects.administered_by(user))
        .filter(pk=pk)
        .select_related("user", "team")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def get_administered_user(user: User, organisation: Organisation, pk: int) -> User:
    person = (
        User.objects.in_organisation(organisation)
        .filter(memberships__organisation__in=Organisation.objects.administered_by(user))
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise Http404
    return person


def get_administered_team(user: User, organisation: Organisation, pk: int) -> Team:
    team = Team.objects.administered_by(user).in_organisation(organisation).filter(pk=pk).first()
    if team is None:
        raise Http404
    return team


def people_of(organisation: Organisation) -> list[tuple[int, str]]:
    return list(User.objects.in_organisation(organisation).values_list("pk", "full_name"))
