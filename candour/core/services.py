"""Writes for organisations and teams."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation, OrganisationKind, Team

if TYPE_CHECKING:
    from candour.accounts.models import User


@transaction.atomic
def create_organisation(
    *, actor: User | None, name: str, kind: OrganisationKind, code: str = ""
) -> Organisation:
    """Register an organisation (a local authority, a partner agency or the national hub)."""
    organisation = Organisation(name=name.strip(), slug=slugify(name)[:80], kind=kind, code=code)
    organisation.full_clean()
    organisation.save()
    record(
        AuditEventType.ORGANISATION_CREATED,
        actor_id=actor.pk if actor else None,
        organisation=organisation,
        target=organisation,
        data={"kind": kind.value},
    )
    return organisation


@transaction.atomic
def create_team(*, actor: User | None, organisation: Organisation, name: str) -> Team:
    """Add a team to an organisation."""
    name = name.strip()
    if Team.objects.in_organisation(organisation).filter(name__iexact=name).exists():
        raise ValidationError({"name": _("There is already a team with this name")})
    team = Team(organisation=organisation, name=name)
    team.full_clean()
    team.save()
    record(
        AuditEventType.TEAM_CREATED,
        actor_id=actor.pk if actor else None,
        organisation=organisation,
        target=team,
    )
    return team
