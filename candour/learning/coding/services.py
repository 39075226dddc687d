"""Writes for coding: local codes, verdicts on suggested codes, and trained suggesters.

Local codes are an organisation's own additions to the taxonomy (ADR 0006).

A local code's key starts with its organisation's id, so no two organisations' codes
(nor a later national code) can clash, and it is usable in that organisation's coding
only (`CodeQuerySet.usable_by`). Retired, never deleted, so old coding keeps its meaning.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation
from candour.learning.coding.training import fit_suggester
from candour.learning.models import (
    Axis,
    Code,
    SuggestionDecision,
    TaxonomyVersion,
    TrainedSuggester,
)
from candour.reporting.models import Report


def local_key(organisation: Organisation, axis: str, label: str) -> str:
    return f"local.{organisation.pk}.{axis}.{slugify(label)[:40] or 'code'}"


@transaction.atomic
def add_local_code(
    *, actor: User, organisation: Organisation, axis: str, label: str, description: str = ""
) -> Code:
    """Add a code for one organisation's coding on one axis."""
    label = " ".join(label.split())
    if axis not in Axis.values:
        raise ValidationError({"axis": _("Choose an axis")})
    if not label:
        raise ValidationError({"label": _("Enter a name for the code")})
    if Code.objects.usable_by(organisation).filter(axis=axis, label__iexact=label).exists():
        raise ValidationError({"label": _("There is already a code with this name on this axis")})
    version = TaxonomyVersion.objects.order_by("-number").first()
    if version is None:
        raise ValidationError(_("No taxonomy has been loaded"))
    base = local_key(organisation, axis, label)
    key, suffix = base, 2
    # A retired local code keeps its key; a new one with the same name gets a fresh key.
    while Code.objects.filter(key=key).exists():
        key, suffix = f"{base}-{suffix}", suffix + 1
    code = Code.objects.create(
        key=key,
        axis=axis,
        level="local",
        label=label,
        description=description.strip(),
        organisation=organisation,
        introduced_in=version,
    )
    record(
        AuditEventType.LOCAL_CODE_ADDED,
        actor_id=actor.pk,
        organisation=organisation,
        target=code,
        data={"axis": axis},
    )
    return code


@transaction.atomic
def retire_local_code(*, actor: User, code: Code) -> Code:
    """Stop offering a local code; coding that used it keeps it."""
    if code.organisation_id is None:
        raise ValidationError(_("National codes change only with a new taxonomy version"))
    if code.retired_in_id is None:
        code.retired_in = TaxonomyVersion.objects.order_by("-number").first()
        code.save(update_fields=["retired_in"])
        record(
            AuditEventType.LOCAL_CODE_RETIRED,
            actor_id=actor.pk,
            organisation=code.organisation,
            target=code,
        )
    return code


@transaction.atomic
def decide_suggestion(
    *, analyst: User, report: Report, code: Code, accepted: bool, score: float
) -> SuggestionDecision:
    """Record an analyst's acceptance or rejection of a suggested code for a report."""
    if report.organisation_id not in analyst.organisation_ids_with_role(Role.ANALYST):
        raise PermissionDenied
    if report.redactions_reviewed_at is None:
        raise ValidationError(_("Review the redactions before coding the report"))
    if not Code.objects.usable_by(report.organisation).filter(pk=code.pk).exists():
        raise ValidationError(_("%(code)s cannot be used here") % {"code": code.label})
    if SuggestionDecision.objects.filter(report=report, code=code, analyst=analyst).exists():
        raise ValidationError(_("You have already decided on this suggestion"))
    decision = SuggestionDecision.objects.create(
        report=report,
        code=code,
        analyst=analyst,
        accepted=accepted,
        score=min(max(score, 0.0), 1.0),
    )
    record(
        AuditEventType.SUGGESTION_DECIDED,
        actor_id=analyst.pk,
        organisation=report.organisation,
        target=report,
        data={"code": code.key, "accepted": accepted, "score": round(decision.score * 100)},
    )
    return decision


def train_suggester(organisation: Organisation, *, actor: User | None = None) -> TrainedSuggester:
    """Train and store the organisation's code suggester from its coding and verdicts."""
    started = timezone.now()
    fitted = fit_suggester(organisation, until=started)
    # Training can take minutes on a large archive: only the writes hold a transaction.
    with transaction.atomic():
        trained = TrainedSuggester.objects.create(
            organisation=organisation,
            trained_at=started,
            examples=fitted.examples,
            decisions=fitted.decisions,
            model=fitted.suggester.to_bytes(),
            code_quality=fitted.quality,
        )
        record(
            AuditEventType.SUGGESTER_TRAINED,
            actor_id=actor.pk if actor else None,
            organisation=organisation,
            target=trained,
            data={
                "examples": trained.examples,
                "decisions": trained.decisions,
                "hidden": sum(1 for item in fitted.quality.values() if not item["shown"]),
            },
        )
    return trained
