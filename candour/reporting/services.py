"""Writes for reports: submission, triage, follow-up with the reporter, and closure.

The reporter is never recorded as an actor, even when signed in: a report's audit trail
must not say who made it.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core import throttle
from candour.core.channels import Channel
from candour.core.models import Organisation, Team
from candour.keys.services import create_data_key, destroy_data_key, seal, unseal
from candour.lib.coarse_dates import week_start
from candour.lib.deid import Kind, Policy, Span, detect_many, merge_spans, redact
from candour.lib.working_days import add_working_days
from candour.notifications.outbox import erase_reporter_emails
from candour.reporting import receipts
from candour.reporting.models import Report, ReporterContact, ReportMessage, ReportSubmission
from candour.reporting.vocabulary import (
    NARRATIVE_FIELDS,
    ClosureReason,
    Outcome,
    PartOfDay,
    Route,
    Sender,
    Setting,
    Status,
)

_REFERENCE_ALPHABET = "23456789BCDFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class Narrative:
    what_happened: str
    what_caught_it: str = ""
    what_made_it_likely: str = ""
    what_would_prevent: str = ""

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in NARRATIVE_FIELDS}


@dataclass(frozen=True)
class SubmittedReport:
    report: Report
    receipt: str
    # True when this was a second press of Send report: the same report, a new receipt.
    repeated: bool = False


def policy_for(organisation: Organisation) -> Policy:
    return Policy(case_reference_patterns=tuple(organisation.case_reference_patterns))


def _new_reference() -> str:
    while True:
        reference = "CR-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))
        if not Report.objects.filter(reference=reference).exists():
            return reference


def _spans_to_json(spans: list[Span]) -> list[dict[str, object]]:
    return [span.to_dict() for span in spans]


def _spans_from_json(items: list[dict[str, object]]) -> list[Span]:
    return [Span.from_dict(item) for item in items]


@transaction.atomic
def submit_report(
    *,
    organisation: Organisation,
    team: Team | None,
    route: Route,
    outcome: Outcome,
    setting: Setting,
    occurred_month: date,
    part_of_day: PartOfDay,
    factors: list[str],
    narrative: Narrative,
    contact: str = "",
    today: date | None = None,
    submission_token: str = "",
    channel: Channel = Channel.ONLINE,
) -> SubmittedReport:
    """Take a report: de-identify it, seal the reporter's words, and issue a receipt.

    With the check page's `submission_token`, a second send of the same page makes no
    second report: it gives that report a new receipt (the first page was never seen)."""
    if team is not None and team.organisation_id != organisation.pk:
        raise ValidationError({"team": _("Choose a team in the same organisation")})
    claim: ReportSubmission | None = None
    if submission_token:
        token_digest = hashlib.sha256(submission_token.encode()).hexdigest()
        try:
            # Both presses insert the same row; the database lets only one through, and
            # the other waits for it, then finds the report it made.
            with transaction.atomic():
                claim = ReportSubmission.objects.create(token_digest=token_digest)
        except IntegrityError:
            return _receipt_again(token_digest)
    if route == Route.ANONYMOUS:
        contact = ""
    today = today or timezone.localdate()
    received_week = week_start(today)
    raw = narrative.as_dict()
    detected = detect_many([raw[name] for name in NARRATIVE_FIELDS], policy_for(organisation))
    redactions = {
        name: _spans_to_json(spans) for name, spans in zip(NARRATIVE_FIELDS, detected, strict=True)
    }
    receipt = receipts.new_receipt()
    key = create_data_key(purpose="report")
    report = Report(
        reference=_new_reference(),
        organisation=organisation,
        team=team,
        route=route,
        outcome=outcome,
        setting=setting,
        occurred_month=occurred_month.replace(day=1),
        part_of_day=part_of_day,
        factors=sorted(set(factors)),
        channel=channel,
        received_week=received_week,
        redactions=redactions,
        data_key=key,
        receipt_digest=receipts.digest(receipt),
        due_on=add_working_days(received_week, settings.CANDOUR_REPORT_RESPONSE_WORKING_DAYS),
        **{
            name: redact(raw[name], spans)
            for name, spans in zip(NARRATIVE_FIELDS, detected, strict=True)
        },
    )
    report.save()
    report.raw_sealed = seal(key, json.dumps(raw), field="narrative")
    report.save(update_fields=["raw_sealed"])
    if route == Route.CONFIDENTIAL and contact.strip():
        ReporterContact.objects.create(
            report=report, sealed=seal(key, contact.strip(), field="contact")
        )
    if claim is not None:
        claim.report = report
        claim.save(update_fields=["report"])
    record(
        AuditEventType.REPORT_SUBMITTED,
        actor_id=None,
        organisation=organisation,
        target=report,
        data={"route": route.value, "outcome": outcome.value},
    )
    return SubmittedReport(report, receipt)


def submit_answers(
    answers: dict[str, Any], *, submission_token: str = "", channel: Channel = Channel.ONLINE
) -> SubmittedReport:
    """``submit_report`` from the question pages' cleaned answers: the one place the online
    journey and the typed-in route (ADR 0035) turn answers into a report."""
    return submit_report(
        organisation=answers["organisation"],
        team=answers["team_obj"],
        route=Route(answers["route"]),
        outcome=Outcome(answers["outcome"]),
        setting=Setting(answers["setting"]),
        occurred_month=date.fromisoformat(answers["occurred_month"]),
        part_of_day=PartOfDay(answers["part_of_day"]),
        factors=answers["factors"],
        narrative=Narrative(**{name: answers[name] for name in NARRATIVE_FIELDS}),
        contact=answers["contact"],
        channel=channel,
        submission_token=submission_token,
    )


@transaction.atomic
def receipt_again(*, submission_token: str) -> SubmittedReport | None:
    """A new receipt for the report a check page's token already sent, if it did: the
    second press of Send arrived after the first had sent the report and deleted the draft."""
    if not submission_token:
        return None
    token_digest = hashlib.sha256(submission_token.encode()).hexdigest()
    if not ReportSubmission.objects.filter(token_digest=token_digest).exists():
        return None
    return _receipt_again(token_digest)


def _receipt_again(token_digest: str) -> SubmittedReport:
    claim = (
        ReportSubmission.objects.select_related("report").filter(token_digest=token_digest).first()
    )
    if claim is None or claim.report is None:
        raise ValidationError(_("Your report is still being sent. Wait a moment and look again."))
    report = claim.report
    receipt = receipts.new_receipt()
    report.receipt_digest = receipts.digest(receipt)
    report.save(update_fields=["receipt_digest"])
    record(
        AuditEventType.REPORT_RECEIPT_REISSUED,
        actor_id=None,
        organisation=report.organisation,
        target=report,
    )
    return SubmittedReport(report, receipt, repeated=True)


def raw_narrative(report: Report) -> dict[str, str] | None:
    """The reporter's own words while they still exist (learning team only)."""
    if not report.raw_available or report.raw_sealed is None:
        return None
    return dict(json.loads(unseal(report.data_key, bytes(report.raw_sealed), field="narrative")))


@transaction.atomic
def note_raw_text_viewed(*, actor: User, report: Report) -> None:
    """Record that an analyst opened the reporter's own words."""
    record(
        AuditEventType.REPORT_RAW_TEXT_VIEWED,
        actor_id=actor.pk,
        organisation=report.organisation,
        target=report,
    )


def contact_details(report: Report) -> str | None:
    contact = ReporterContact.objects.filter(report=report).first()
    if contact is None or contact.sealed is None or report.data_key.is_destroyed:
        return None
    return unseal(report.data_key, bytes(contact.sealed), field="contact")


def phrases_to_spans(text: str, phrases: list[str]) -> list[Span]:
    """Every occurrence (any case) of each phrase an analyst asks to remove."""
    spans = []
    lowered = text.lower()
    for phrase in phrases:
        needle = phrase.strip().lower()
        if not needle:
            continue
        start = lowered.find(needle)
        while start != -1:
            spans.append(Span(start, start + len(needle), Kind.PERSON, "[removed]"))
            start = lowered.find(needle, start + len(needle))
    return spans


@transaction.atomic
def review_redactions(
    *,
    actor: User,
    report: Report,
    keep: dict[str, list[int]],
    add_phrases: dict[str, list[str]],
) -> Report:
    """Apply an analyst's review: keep chosen detections, add phrases; re-redact the raw text.

    ``keep`` maps each field to the indexes of the detected spans to keep.
    """
    raw = raw_narrative(report)
    if raw is None:
        raise ValidationError(_("The reporter's own words have been destroyed; nothing to review"))
    redactions: dict[str, list[dict[str, object]]] = {}
    kept_total = added_total = 0
    for name in NARRATIVE_FIELDS:
        detected = _spans_from_json(report.redactions.get(name, []))
        chosen = [span for index, span in enumerate(detected) if index in set(keep.get(name, []))]
        added = phrases_to_spans(raw[name], add_phrases.get(name, []))
        spans = merge_spans([*chosen, *added], raw[name]) if raw[name] else []
        redactions[name] = _spans_to_json(spans)
        setattr(report, name, redact(raw[name], spans))
        kept_total += len(chosen)
        added_total += len(added)
    report.redactions = redactions
    report.redactions_reviewed_at = timezone.now()
    if report.status == Status.NEW:
        report.status = Status.IN_REVIEW
    report.save()
    record(
        AuditEventType.REPORT_REDACTIONS_REVIEWED,
        actor_id=actor.pk,
        organisation=report.organisation,
        target=report,
        data={"kept": kept_total, "added": added_total},
    )
    return report


@transaction.atomic
def assign_report(*, actor: User, report: Report, analyst: User | None) -> Report:
    """Give a report to an analyst of its organisation (or to nobody)."""
    if report.is_closed:
        raise ValidationError(_("This report is closed"))
    if analyst is not None and report.organisation_id not in analyst.organisation_ids_with_role(
        Role.ANALYST
    ):
        raise ValidationError({"analyst": _("Choose an analyst in this organisation")})
    report.assigned_to = analyst
    report.save(update_fields=["assigned_to"])
    record(
        AuditEventType.REPORT_ASSIGNED,
        actor_id=actor.pk,
        organisation=report.organisation,
        target=report,
        data={"analyst": analyst.pk if analyst else None},
    )
    return report


@transaction.atomic
def change_status(*, actor: User, report: Report, status: Status) -> Report:
    """Move an open report between the open statuses (closing has its own service)."""
    if report.is_closed:
        raise ValidationError(_("This report is closed"))
    if status == Status.CLOSED:
        raise ValidationError(_("Use close report to close it"))
    old = report.status
    report.status = status
    report.save(update_fields=["status"])
    record(
        AuditEventType.REPORT_STATUS_CHANGED,
        actor_id=actor.pk,
        organisation=report.organisation,
        target=report,
        data={"from": old, "to": status.value},
    )
    return report


@transaction.atomic
def update_triage(*, actor: User, report: Report, analyst: User | None, status: Status) -> Report:
    """Assign the report and set its status together: each audited only if it changed."""
    if report.is_closed:
        raise ValidationError(_("This report is closed"))
    if analyst != report.assigned_to:
        assign_report(actor=actor, report=report, analyst=analyst)
    if status != report.status:
        change_status(actor=actor, report=report, status=status)
    return report


@transaction.atomic
def ask_reporter(*, actor: User, report: Report, question: str) -> ReportMessage:
    """Send the reporter a question; they read it with their receipt."""
    if report.is_closed:
        raise ValidationError(_("This report is closed"))
    message = ReportMessage.objects.create(
        report=report,
        sender=Sender.LEARNING_TEAM,
        sealed=seal(report.data_key, question.strip(), field="message"),
        sent_on=timezone.localdate(),
    )
    report.status = Status.AWAITING_REPORTER
    report.save(update_fields=["status"])
    record(
        AuditEventType.REPORT_QUESTION_SENT,
        actor_id=actor.pk,
        organisation=report.organisation,
        target=report,
    )
    return message


@transaction.atomic
def reply_as_reporter(*, report: Report, text: str) -> ReportMessage:
    """The reporter answers or adds information, through their receipt."""
    if report.is_closed:
        raise ValidationError(_("This report is closed, so it cannot take new information"))
    message = ReportMessage.objects.create(
        report=report,
        sender=Sender.REPORTER,
        sealed=seal(report.data_key, text.strip(), field="message"),
        sent_on=timezone.localdate(),
    )
    if report.status == Status.AWAITING_REPORTER:
        report.status = Status.IN_REVIEW
        report.save(update_fields=["status"])
    record(
        AuditEventType.REPORT_REPLY_RECEIVED,
        actor_id=None,
        organisation=report.organisation,
        target=report,
    )
    return message


@dataclass(frozen=True)
class MessageView:
    from_reporter: bool
    sent_on: date
    text: str | None


def messages_for(report: Report) -> list[MessageView]:
    views = []
    for message in report.messages.all():
        text = None
        if message.sealed is not None and not report.data_key.is_destroyed:
            text = unseal(report.data_key, bytes(message.sealed), field="message")
        views.append(MessageView(message.sender == Sender.REPORTER, message.sent_on, text))
    return views


@transaction.atomic
def close_report(
    *,
    actor: User | None,
    report: Report,
    reason: ClosureReason,
    outcome_for_reporter: str,
) -> Report:
    """Close a report and destroy the reporter's words, contact details and messages.

    The de-identified report stays for learning. Redactions must have been reviewed, so
    that nothing identifying survives in what is kept.
    """
    if report.is_closed:
        return report
    if report.redactions_reviewed_at is None and reason != ClosureReason.RETENTION:
        raise ValidationError(_("Review the redactions before closing the report"))
    report.status = Status.CLOSED
    report.closure_reason = reason
    report.outcome_for_reporter = outcome_for_reporter.strip()
    report.closed_at = timezone.now()
    # Overwrite the ciphertext as well as destroying the key: belt and braces.
    report.raw_sealed = None
    report.redactions = {}
    report.save()
    # Any email to the reporter still in the outbox goes too (issue 16): "destroyed" must
    # mean their address is nowhere in Candour, not only under the destroyed key.
    contact = contact_details(report)
    if contact:
        erase_reporter_emails(contact)
    ReporterContact.objects.filter(report=report).update(sealed=None, destroyed_at=timezone.now())
    ReportMessage.objects.filter(report=report).update(sealed=None)
    destroy_data_key(
        key=report.data_key,
        actor_id=actor.pk if actor else None,
        organisation=report.organisation,
        reason=reason.value,
    )
    record(
        AuditEventType.REPORT_CLOSED,
        actor_id=actor.pk if actor else None,
        organisation=report.organisation,
        target=report,
        data={"reason": reason.value},
    )
    return report


RECEIPT_SESSION_WINDOW = timedelta(minutes=15)
RECEIPT_SERVICE_WINDOW = timedelta(minutes=10)


def _receipt_attempt_allowed(*, session_key: str, client_tag: str) -> bool:
    """Count a receipt check against the client, the session, then the whole service.

    The narrow limits come first and a refused attempt counts nowhere else, so one client
    cannot use up the service-wide limit and lock every other reporter out. A refusal is
    audited at most once per client (or session) per window, so refusals cannot grow the
    audit chain at will.
    """
    # Client windows follow the clock, so their start cannot be matched with an arrival.
    scopes: list[tuple[str, str, int, bool]] = []
    if client_tag:
        scopes.append(
            (
                "client",
                f"receipt:client:{client_tag}",
                settings.CANDOUR_RECEIPT_ATTEMPTS_PER_CLIENT,
                True,
            )
        )
    scopes.append(
        (
            "session",
            f"receipt:session:{receipts_session_tag(session_key)}",
            settings.CANDOUR_RECEIPT_ATTEMPTS_PER_SESSION,
            False,
        )
    )
    for prefix in ("receipt:client:", "receipt:session:", "receipt:asker:"):
        throttle.forget_expired(prefix, window=RECEIPT_SESSION_WINDOW)
    # Audited once per client (or, without one, per session) per window.
    asker = f"receipt:asker:{client_tag or receipts_session_tag(session_key)[:24]}"
    for scope, key, limit, aligned in scopes:
        if not throttle.hit(key, limit=limit, window=RECEIPT_SESSION_WINDOW, aligned=aligned):
            _audit_receipt_refusal(scope, asker)
            return False
    if not throttle.hit(
        "receipt:service",
        limit=settings.CANDOUR_RECEIPT_ATTEMPTS_PER_SERVICE,
        window=RECEIPT_SERVICE_WINDOW,
    ):
        _audit_receipt_refusal("service", asker)
        return False
    return True


def _audit_receipt_refusal(scope: str, asker: str) -> None:
    if throttle.first_refusal(asker, window=RECEIPT_SESSION_WINDOW):
        with transaction.atomic():
            record(AuditEventType.RECEIPT_RATE_LIMITED, actor_id=None, data={"scope": scope})


def find_by_receipt(*, typed: str, session_key: str, client_tag: str = "") -> Report | None:
    """Check a receipt, within the guessing limits; every outcome is audited (a refusal
    once per window per client)."""
    if not _receipt_attempt_allowed(session_key=session_key, client_tag=client_tag):
        raise ReceiptRateLimitedError
    normalised = receipts.normalise(typed)
    report = (
        Report.objects.filter(receipt_digest=receipts.digest(normalised)).first()
        if normalised
        else None
    )
    with transaction.atomic():
        if report is None:
            record(AuditEventType.RECEIPT_REJECTED, actor_id=None)
        else:
            record(
                AuditEventType.RECEIPT_ACCEPTED,
                actor_id=None,
                organisation=report.organisation,
                target=report,
            )
    return report


def receipts_session_tag(session_key: str) -> str:
    import hashlib

    return hashlib.sha256(b"candour-receipt-session" + session_key.encode()).hexdigest()[:32]


class ReceiptRateLimitedError(Exception):
    """Too many receipt checks: wait before trying again."""


@transaction.atomic
def close_expired_reports(*, today: date | None = None) -> int:
    """The retention rule: close reports whose raw text has been kept for too long."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.CANDOUR_RAW_RETENTION_DAYS)
    expired = Report.objects.open().filter(received_week__lt=cutoff).select_related("data_key")
    count = 0
    for report in expired:
        close_report(
            actor=None,
            report=report,
            reason=ClosureReason.RETENTION,
            outcome_for_reporter=_(
                "This report reached the end of the time we keep your own words, so they "
                "have been destroyed. What was learned from it is kept."
            ),
        )
        count += 1
    return count
