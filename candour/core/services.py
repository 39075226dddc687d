"""Writes for organisations and teams."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.languages import ORGANISATION_LANGUAGES
from candour.core.models import Organisation, OrganisationKind, Team
from candour.lib.deid.safe_patterns import UnsafePatternError, check_pattern

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


# Why a pattern is refused, in words an administrator can act on (candour.lib.deid.safe_patterns).
_UNSAFE_REASONS = {
    "construct": gettext_lazy(
        "back-references, look-arounds and conditional groups are not allowed"
    ),
    "repeated_alternatives": gettext_lazy("a group with alternatives (|) cannot be repeated"),
    "nested_repeat": gettext_lazy("a repeat inside a repeat, as in (a+)+, can take hours to run"),
    "unbounded_repeat": gettext_lazy(
        "every repeat needs an upper limit of 32 or less: write \\d{6} or \\d{4,10} "
        "rather than \\d+ or \\d*"
    ),
    "too_long": gettext_lazy("a pattern can be at most 200 characters"),
    "too_complex": gettext_lazy("it has too many parts of varying length"),
}


@transaction.atomic
def set_case_reference_patterns(
    *, actor: User, organisation: Organisation, patterns: list[str]
) -> Organisation:
    """Set the organisation's own case-number shapes that de-identification removes."""
    cleaned = [p.strip() for p in patterns if p.strip()]
    for pattern in cleaned:
        try:
            check_pattern(pattern)
        except re.error as exc:
            raise ValidationError(
                {
                    "patterns": _("“%(pattern)s” is not a valid pattern: %(error)s")
                    % {"pattern": pattern, "error": exc}
                }
            ) from exc
        except UnsafePatternError as exc:
            raise ValidationError(
                {
                    "patterns": _("“%(pattern)s” cannot be used: %(reason)s")
                    % {"pattern": pattern, "reason": _UNSAFE_REASONS[exc.reason]}
                }
            ) from exc
    organisation.case_reference_patterns = cleaned
    organisation.save(update_fields=["case_reference_patterns"])
    record(
        AuditEventType.ORGANISATION_SETTINGS_CHANGED,
        actor_id=actor.pk,
        organisation=organisation,
        target=organisation,
        data={"setting": "case_reference_patterns", "count": len(cleaned)},
    )
    return organisation


@transaction.atomic
def set_safety_lead(*, actor: User, organisation: Organisation, lead: User | None) -> Organisation:
    """Name who receives urgent hazard alerts for the organisation."""
    if lead is not None and organisation.pk not in lead.organisation_ids():
        raise ValidationError({"lead": _("Choose someone in this organisation")})
    organisation.safety_lead = lead
    organisation.save(update_fields=["safety_lead"])
    record(
        AuditEventType.ORGANISATION_SETTINGS_CHANGED,
        actor_id=actor.pk,
        organisation=organisation,
        target=organisation,
        data={"setting": "safety_lead", "user": lead.pk if lead else None},
    )
    return organisation


@transaction.atomic
def set_default_language(*, actor: User, organisation: Organisation, language: str) -> Organisation:
    """Set the language the organisation's public pages start in (English or Welsh)."""
    if language not in dict(ORGANISATION_LANGUAGES):
        raise ValidationError({"language": _("Choose English or Welsh")})
    organisation.default_language = language
    organisation.save(update_fields=["default_language"])
    record(
        AuditEventType.ORGANISATION_SETTINGS_CHANGED,
        actor_id=actor.pk,
        organisation=organisation,
        target=organisation,
        data={"setting": "default_language", "language": language},
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
