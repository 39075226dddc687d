from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.audit.verification import verify_audit_chain
from candour.keys.services import KeyDestroyedError, unseal
from candour.reporting import receipts, services
from candour.reporting.models import Report, ReporterContact, ReportMessage
from candour.reporting.tests.factories import NARRATIVE, submit
from candour.reporting.vocabulary import (
    ClosureReason,
    Route,
    Status,
)
from conftest import World

pytestmark = pytest.mark.django_db


def test_submission_deidentifies_seals_and_gives_a_receipt(world: World) -> None:
    submitted = submit(world)
    report = Report.objects.get(pk=submitted.report.pk)
    assert report.status == Status.NEW
    assert report.occurred_month == date(2026, 10, 1)
    assert report.received_week == date(2026, 11, 23)  # the Monday, not the day
    assert report.due_on == date(2026, 12, 7)  # ten working days after that Monday
    assert report.factors == ["family_access", "workload"]
    for secret in ("Kasia", "Nowak", "14 Elm Road", "RV1 2AB", "07700 900123"):
        assert secret not in report.what_happened
    assert "home visit" in report.what_happened
    raw = services.raw_narrative(report)
    assert raw is not None
    assert "Kasia Nowak" in raw["what_happened"]
    assert report.raw_sealed is not None
    assert b"Kasia" not in bytes(report.raw_sealed)
    # The receipt is stored only as its slow hash.
    assert report.receipt_digest == receipts.digest(submitted.receipt)
    assert submitted.receipt.replace("-", "") not in report.receipt_digest


def test_the_audit_trail_never_names_the_reporter(world: World) -> None:
    submit(world, route=Route.CONFIDENTIAL, narrative=NARRATIVE, contact="sam@riverside.example")
    event = AuditEvent.objects.get(event_type=AuditEventType.REPORT_SUBMITTED)
    assert event.actor_id is None
    assert event.data == {"route": "confidential", "outcome": "near_miss"}


def test_confidential_contact_is_sealed_apart_and_anonymous_keeps_none(world: World) -> None:
    confidential = submit(world, route=Route.CONFIDENTIAL, contact=" sam@riverside.example ")
    contact = ReporterContact.objects.get(report=confidential.report)
    assert contact.sealed is not None
    assert b"sam@" not in bytes(contact.sealed)
    assert services.contact_details(confidential.report) == "sam@riverside.example"
    anonymous = submit(world, route=Route.ANONYMOUS, contact="ignored@example.org")
    assert not ReporterContact.objects.filter(report=anonymous.report).exists()


def test_a_team_from_another_organisation_is_refused(world: World) -> None:
    with pytest.raises(ValidationError):
        submit(world, team=world.moorland_team)


def test_receipts_find_the_report_whatever_the_typing(world: World) -> None:
    submitted = submit(world)
    typed = submitted.receipt.lower().replace("-", " ")
    found = services.find_by_receipt(typed=typed, session_key="s1")
    assert found == submitted.report
    assert services.find_by_receipt(typed="0000-0000-0000-0000", session_key="s1") is None
    assert services.find_by_receipt(typed="not a code", session_key="s1") is None
    assert AuditEvent.objects.filter(event_type=AuditEventType.RECEIPT_REJECTED).count() == 2
    accepted = AuditEvent.objects.get(event_type=AuditEventType.RECEIPT_ACCEPTED)
    assert accepted.actor_id is None


def test_receipt_guessing_is_limited_per_session_and_audited(world: World, settings) -> None:
    settings.CANDOUR_RECEIPT_ATTEMPTS_PER_SESSION = 3
    submitted = submit(world)
    for _ in range(3):
        services.find_by_receipt(typed="0000-0000-0000-0000", session_key="guesser")
    with pytest.raises(services.ReceiptRateLimitedError):
        # Even the right code is refused until the window passes.
        services.find_by_receipt(typed=submitted.receipt, session_key="guesser")
    assert AuditEvent.objects.filter(event_type=AuditEventType.RECEIPT_RATE_LIMITED).exists()
    # Another session is not punished for the guesser.
    assert services.find_by_receipt(typed=submitted.receipt, session_key="other") is not None


def test_the_service_wide_limit_holds_against_fresh_sessions(world: World, settings) -> None:
    settings.CANDOUR_RECEIPT_ATTEMPTS_PER_SERVICE = 4
    for index in range(4):
        services.find_by_receipt(typed="0000-0000-0000-0000", session_key=f"s{index}")
    with pytest.raises(services.ReceiptRateLimitedError):
        services.find_by_receipt(typed="0000-0000-0000-0000", session_key="fresh")


def test_review_keeps_chosen_redactions_and_adds_missed_words(world: World) -> None:
    report = submit(world).report
    detected = report.redactions["what_happened"]
    assert len(detected) >= 3
    raw = services.raw_narrative(report)
    assert raw is not None
    words = [raw["what_happened"][d["start"] : d["end"]] for d in detected]
    phone_index = next(i for i, w in enumerate(words) if "07700" in w)
    keep = [i for i in range(len(detected)) if i != phone_index]
    services.review_redactions(
        actor=world.analyst,
        report=report,
        keep={"what_happened": keep},
        add_phrases={"what_caught_it": ["health visitor"]},
    )
    report.refresh_from_db()
    assert report.redactions_reviewed_at is not None
    assert report.status == Status.IN_REVIEW
    assert "07700 900123" in report.what_happened  # the analyst chose to un-redact it
    assert "Kasia" not in report.what_happened
    assert "health visitor" not in report.what_caught_it
    assert "[removed]" in report.what_caught_it


def test_questions_and_replies_move_the_status(world: World) -> None:
    report = submit(world).report
    services.ask_reporter(actor=world.analyst, report=report, question="Was the baby seen later?")
    assert Report.objects.get(pk=report.pk).status == Status.AWAITING_REPORTER
    report.refresh_from_db()
    services.reply_as_reporter(report=report, text="Yes, the next morning.")
    assert Report.objects.get(pk=report.pk).status == Status.IN_REVIEW
    views = services.messages_for(report)
    assert [(m.from_reporter, m.text) for m in views] == [
        (False, "Was the baby seen later?"),
        (True, "Yes, the next morning."),
    ]
    reply = AuditEvent.objects.get(event_type=AuditEventType.REPORT_REPLY_RECEIVED)
    assert reply.actor_id is None


def test_closing_needs_reviewed_redactions(world: World) -> None:
    report = submit(world).report
    with pytest.raises(ValidationError, match="Review the redactions"):
        services.close_report(
            actor=world.analyst,
            report=report,
            reason=ClosureReason.LEARNING_CAPTURED,
            outcome_for_reporter="Thanks",
        )


def test_closing_destroys_words_contact_and_messages_but_keeps_the_learning(
    world: World,
) -> None:
    report = submit(world, route=Route.CONFIDENTIAL, contact="sam@riverside.example").report
    services.ask_reporter(actor=world.analyst, report=report, question="Anything else?")
    report.refresh_from_db()
    services.review_redactions(
        actor=world.analyst,
        report=report,
        keep={"what_happened": list(range(len(report.redactions["what_happened"])))},
        add_phrases={},
    )
    sealed_narrative = bytes(Report.objects.get(pk=report.pk).raw_sealed or b"")
    services.close_report(
        actor=world.analyst,
        report=report,
        reason=ClosureReason.LEARNING_CAPTURED,
        outcome_for_reporter="We added 'see the child awake' to the visit checklist.",
    )
    report = Report.objects.select_related("data_key").get(pk=report.pk)
    assert report.status == Status.CLOSED
    assert report.raw_sealed is None
    assert services.raw_narrative(report) is None
    assert services.contact_details(report) is None
    assert ReporterContact.objects.get(report=report).sealed is None
    assert all(m.sealed is None for m in ReportMessage.objects.filter(report=report))
    with pytest.raises(KeyDestroyedError):
        unseal(report.data_key, sealed_narrative, field="narrative")
    assert "home visit" in report.what_happened
    types = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {AuditEventType.REPORT_CLOSED, AuditEventType.DATA_KEY_DESTROYED} <= types
    assert verify_audit_chain().ok


def test_no_plaintext_name_remains_in_the_database_file_after_closure(
    world: World, tmp_path
) -> None:
    report = submit(world, route=Route.CONFIDENTIAL, contact="Zbigniew Wojcik 07700 900999").report
    services.ask_reporter(actor=world.analyst, report=report, question="Tell us more?")
    report.refresh_from_db()
    services.reply_as_reporter(report=report, text="It was Kasia Nowak again")
    services.review_redactions(
        actor=world.analyst,
        report=report,
        keep={"what_happened": list(range(len(report.redactions["what_happened"])))},
        add_phrases={},
    )
    services.close_report(
        actor=world.analyst,
        report=report,
        reason=ClosureReason.LEARNING_CAPTURED,
        outcome_for_reporter="Checklist changed.",
    )
    dump = _database_bytes(tmp_path)
    for secret in (b"Kasia", b"Nowak", b"Zbigniew", b"Wojcik", b"07700 900", b"Elm Road"):
        assert secret not in dump, secret


def _database_bytes(tmp_path) -> bytes:
    """Everything the database holds, as a raw file (SQLite) or a full SQL dump (PostgreSQL)."""
    if connection.vendor == "sqlite":
        # The test database lives in memory: dump every row and blob (as hex and as text).
        # The browser suite checks the real database file of a running server too.
        dump = "\n".join(connection.connection.iterdump())
        blobs = re.findall(r"X'([0-9a-fA-F]*)'", dump)
        return dump.encode() + b"".join(bytes.fromhex(blob) for blob in blobs)
    rows: list[bytes] = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        )
        for (table,) in cursor.fetchall():
            cursor.execute(f'SELECT CAST(t.* AS text) FROM "{table}" t')  # noqa: S608 - catalogue names
            rows.extend(str(row[0]).encode() for row in cursor.fetchall())
    return b"\n".join(rows)


def test_the_retention_rule_closes_old_reports(world: World, settings) -> None:
    settings.CANDOUR_RAW_RETENTION_DAYS = 30
    old = submit(world, today=date(2026, 9, 1)).report
    recent = submit(world, today=date(2026, 11, 20)).report
    assert services.close_expired_reports(today=date(2026, 11, 27)) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.status == Status.CLOSED
    assert old.closure_reason == ClosureReason.RETENTION
    assert old.raw_sealed is None
    assert recent.status == Status.NEW


def test_reporter_events_keep_only_the_day_and_stay_off_the_admin_page(world: World) -> None:
    submitted = submit(world)
    services.find_by_receipt(typed=submitted.receipt, session_key="s")
    for event in AuditEvent.objects.filter(
        event_type__in=[AuditEventType.REPORT_SUBMITTED, AuditEventType.RECEIPT_ACCEPTED]
    ):
        assert (event.occurred_at.hour, event.occurred_at.minute, event.occurred_at.second) == (
            0,
            0,
            0,
        )
    visible = AuditEvent.objects.visible_to(world.admin).values_list("event_type", flat=True)
    assert AuditEventType.REPORT_SUBMITTED not in visible
    assert AuditEventType.RECEIPT_ACCEPTED not in visible
    assert AuditEventType.TEAM_CREATED in visible
    assert verify_audit_chain().ok
