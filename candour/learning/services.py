"""Writes for coding reports with the taxonomy."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.learning.agreement import cohens_kappa
from candour.learning.models import Axis, Code, CodedValue, Coding, DefenceState, TaxonomyVersion
from candour.reporting.models import Report
from candour.reporting.vocabulary import Outcome


@dataclass(frozen=True)
class CodeChoice:
    code: Code
    defence_state: DefenceState | None = None


@transaction.atomic
def save_coding(
    *,
    analyst: User,
    report: Report,
    choices: Iterable[CodeChoice],
    note: str = "",
    outcome: str = "",
) -> Coding:
    """Save one analyst's coding of a report; the first analyst's coding is the primary."""
    if report.redactions_reviewed_at is None:
        raise ValidationError(_("Review the redactions before coding the report"))
    existing = Coding.objects.filter(report=report, analyst=analyst).first()
    # Unless the analyst says otherwise (now, or on the outcome's own page), the outcome
    # is the one the reporter gave.
    outcome = outcome or (existing.outcome if existing else "") or report.outcome
    if outcome not in Outcome.values:
        raise ValidationError(_("Choose an outcome"))
    usable = set(Code.objects.usable_by(report.organisation).values_list("pk", flat=True))
    chosen = list(choices)
    for choice in chosen:
        if choice.code.pk not in usable:
            raise ValidationError(_("%(code)s cannot be used here") % {"code": choice.code.label})
        if (choice.code.axis == Axis.DEFENCE) != (choice.defence_state is not None):
            raise ValidationError(_("Say whether each defence held or failed"))
    version = TaxonomyVersion.objects.order_by("-number").first()
    if version is None:
        raise ValidationError(_("No taxonomy has been loaded"))
    coding = existing
    if coding is None:
        coding = Coding.objects.create(
            report=report,
            analyst=analyst,
            taxonomy_version=version,
            is_primary=not Coding.objects.filter(report=report).exists(),
            outcome=outcome,
            note=note,
            submitted_at=timezone.now(),
        )
    else:
        coding.note = note
        coding.outcome = outcome
        coding.submitted_at = timezone.now()
        coding.taxonomy_version = version
        coding.save()
        coding.values.all().delete()
    CodedValue.objects.bulk_create(
        CodedValue(
            coding=coding,
            code=choice.code,
            defence_state=choice.defence_state.value if choice.defence_state else "",
        )
        for choice in chosen
    )
    if chosen and not coding.is_primary:
        _primary_has_codes(report, coding)
    record(
        AuditEventType.REPORT_CODED,
        actor_id=analyst.pk,
        organisation=report.organisation,
        target=report,
        data={"codes": len(chosen), "primary": coding.is_primary},
    )
    return coding


def _primary_has_codes(report: Report, coding: Coding) -> None:
    """The first coding with codes is the primary one: an analyst who only coded the
    outcome first must not leave the report's codes out of themes and dashboards."""
    others = Coding.objects.filter(report=report).exclude(pk=coding.pk)
    if others.filter(values__isnull=False).exists():
        return
    others.update(is_primary=False)
    coding.is_primary = True
    coding.save(update_fields=["is_primary"])


@transaction.atomic
def code_outcome(*, analyst: User, report: Report, outcome: str) -> Coding:
    """Save the analyst's view of the outcome and harm, keeping any codes they chose."""
    if report.redactions_reviewed_at is None:
        raise ValidationError(_("Review the redactions before coding the report"))
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose the outcome")})
    coding = Coding.objects.filter(report=report, analyst=analyst).first()
    if coding is None:
        version = TaxonomyVersion.objects.order_by("-number").first()
        if version is None:
            raise ValidationError(_("No taxonomy has been loaded"))
        coding = Coding.objects.create(
            report=report,
            analyst=analyst,
            taxonomy_version=version,
            is_primary=not Coding.objects.filter(report=report).exists(),
            outcome=outcome,
            submitted_at=timezone.now(),
        )
    else:
        coding.outcome = outcome
        coding.save(update_fields=["outcome"])
    record(
        AuditEventType.REPORT_CODED,
        actor_id=analyst.pk,
        organisation=report.organisation,
        target=report,
        data={"outcome": outcome, "primary": coding.is_primary},
    )
    return coding


@dataclass(frozen=True)
class Difference:
    label: str
    primary: str
    second: str


def differences(primary: Coding, second: Coding) -> list[Difference]:
    """Where two analysts' codings of the same report differ."""

    def as_map(coding: Coding) -> dict[int, tuple[str, str]]:
        return {
            value.code.current.pk: (value.code.current.label, value.defence_state)
            for value in coding.values.select_related("code")
        }

    first, other = as_map(primary), as_map(second)
    result = []
    for code_id in sorted(set(first) | set(other)):
        a, b = first.get(code_id), other.get(code_id)
        if a == b:
            continue
        label = (a or b or ("", ""))[0]
        result.append(Difference(label, _describe(a), _describe(b)))
    return result


def _describe(value: tuple[str, str] | None) -> str:
    if value is None:
        return _("Not coded")
    return value[1].title() if value[1] else _("Coded")


@dataclass(frozen=True)
class CodeAgreement:
    label: str
    axis: str
    reports: int
    kappa: float | None


def agreement_by_code(*, organisation_id: int, start: date, end: date) -> list[CodeAgreement]:
    """Cohen's kappa per code over reports coded by two analysts in the period."""
    # Only reports coded twice can pair up: at national volumes nearly every report is
    # coded once, and loading those too made this page take seconds.
    # A coding of the outcome alone has no codes to agree on: it is left out.
    with_codes = Coding.objects.filter(Exists(CodedValue.objects.filter(coding=OuterRef("pk"))))
    double_coded = (
        with_codes.filter(report__organisation_id=organisation_id)
        .values("report_id")
        .annotate(codings=Count("pk"))
        .filter(codings__gte=2)
        .values("report_id")
    )
    codings = (
        with_codes.filter(report_id__in=double_coded)
        .prefetch_related("values__code")
        .order_by("report_id", "-is_primary", "pk")
    )
    by_report: dict[int, list[Coding]] = {}
    for coding in codings:
        by_report.setdefault(coding.report_id, []).append(coding)
    pairs = []
    # The first two codings of each report form the pair; the pair belongs to the period
    # in which it was completed (the later of the two).
    for first, second, *_rest in (c for c in by_report.values() if len(c) >= 2):
        completed = max(first.submitted_at, second.submitted_at).date()
        if start <= completed <= end:
            pairs.append(
                tuple(
                    {(value.code.current.pk, value.defence_state) for value in coding.values.all()}
                    for coding in (first, second)
                )
            )
    rows = []
    for code in Code.objects.filter(merged_into__isnull=True).order_by("axis", "key"):
        # A defence coded "held" by one analyst and "failed" by the other is a
        # disagreement, so each defence is two units: held, and failed.
        states: list[tuple[str, str]] = (
            [(state.value, f"{code.label} ({state.label})") for state in DefenceState]
            if code.axis == Axis.DEFENCE
            else [("", code.label)]
        )
        for state, label in states:
            unit = (code.pk, state)
            answers = [(unit in a, unit in b) for a, b in pairs]
            if not any(x or y for x, y in answers):
                continue
            rows.append(
                CodeAgreement(label, code.get_axis_display(), len(answers), cohens_kappa(answers))
            )
    return rows
