"""The just-culture decision aid: the incident decision tree's four tests, in order.

Only for the rare report referred to it; never an input to routine learning, and its
results are seen by the learning team alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.learning.models import (
    JustCultureConclusion,
    JustCultureReferral,
    JustCultureReview,
)
from candour.reporting.models import Report


@dataclass(frozen=True)
class Answers:
    deliberate_harm: bool
    deliberate_harm_reason: str
    incapacity: bool | None = None
    incapacity_reason: str = ""
    foresight: bool | None = None
    foresight_reason: str = ""
    substitution: bool | None = None
    substitution_reason: str = ""
    mitigating_circumstances: str = ""


def conclude(answers: Answers) -> JustCultureConclusion:
    """Apply the tests in order; each later test is needed only if the earlier ones pass."""
    if answers.deliberate_harm:
        return JustCultureConclusion.OUTSIDE_LEARNING
    if answers.incapacity is None:
        raise ValidationError({"incapacity": _("Answer the incapacity (health) test")})
    if answers.incapacity:
        return JustCultureConclusion.HEALTH
    if answers.foresight is None:
        raise ValidationError({"foresight": _("Answer the foresight test")})
    if answers.substitution is None:
        raise ValidationError({"substitution": _("Answer the substitution test")})
    if answers.foresight and not answers.substitution:
        return JustCultureConclusion.INDIVIDUAL
    return JustCultureConclusion.SYSTEM


TESTS = ("deliberate_harm", "incapacity", "foresight", "substitution")


def missing_reasons(answers: Answers) -> list[str]:
    """The tests answered without a reason: every answer must say why."""
    return [
        test
        for test in TESTS
        if getattr(answers, test) is not None and not getattr(answers, f"{test}_reason").strip()
    ]


def referral_of(report: Report) -> JustCultureReferral | None:
    return JustCultureReferral.objects.filter(report=report).first()


@transaction.atomic
def refer_report(*, analyst: User, report: Report, reason: str) -> JustCultureReferral:
    """Refer a report to the decision aid, saying why: it is never routine."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why this report needs the decision aid")})
    existing = referral_of(report)
    if existing is not None:
        return existing
    referral = JustCultureReferral.objects.create(
        report=report, referred_by=analyst, reason=reason.strip()
    )
    record(
        AuditEventType.JUST_CULTURE_REFERRED,
        actor_id=analyst.pk,
        organisation=report.organisation,
        target=report,
    )
    return referral


@transaction.atomic
def record_review(*, analyst: User, report: Report, answers: Answers) -> JustCultureReview:
    """Record the decision aid's answers, reasons and conclusion for a referred report."""
    if referral_of(report) is None:
        raise ValidationError(_("Refer the report to the decision aid first"))
    missing = missing_reasons(answers)
    if missing:
        raise ValidationError(
            {f"{test}_reason": _("Give the reason for your answer") for test in missing}
        )
    conclusion = conclude(answers)
    review = JustCultureReview.objects.create(
        report=report,
        analyst=analyst,
        conclusion=conclusion,
        **{field: getattr(answers, field) for field in Answers.__dataclass_fields__},
    )
    record(
        AuditEventType.JUST_CULTURE_REVIEWED,
        actor_id=analyst.pk,
        organisation=report.organisation,
        target=report,
    )
    return review
