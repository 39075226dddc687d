from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.reporting.models import Report
from candour.reporting.tests.factories import (
    answer_every_page,
    page_answers,
    receipt_of,
    send_checked,
)
from candour.reporting.vocabulary import Status
from conftest import World, make_person, signed_in_client

pytestmark = pytest.mark.django_db


def _submit(client: Client, world: World, **overrides: str) -> str:
    """Answer every page, check, send; the receipt."""
    check = answer_every_page(client, page_answers(world, **overrides))
    assert "Check your report before sending it" in check.content.decode()
    return receipt_of(send_checked(client, check))


def test_reporting_stores_no_address_or_browser_and_names_no_reporter(world: World) -> None:
    client = Client(REMOTE_ADDR="203.0.113.77", HTTP_USER_AGENT="UniqueBrowser/9.9")
    client.force_login(world.staff)
    _submit(client, world)
    event = AuditEvent.objects.get(event_type=AuditEventType.REPORT_SUBMITTED)
    assert event.actor_id is None
    from django.core import serializers

    everything = serializers.serialize("json", [*Report.objects.all(), *AuditEvent.objects.all()])
    assert "203.0.113.77" not in everything
    assert "UniqueBrowser" not in everything


def test_the_reporter_comes_back_with_the_receipt_and_answers(world: World) -> None:
    receipt = _submit(Client(), world)
    report = Report.objects.get()
    from candour.reporting import services

    services.ask_reporter(actor=world.analyst, report=report, question="Was the baby seen later?")

    reporter = Client()
    wrong = reporter.post("/report/follow-up/", {"receipt": "0000-0000-0000-0000"})
    assert wrong.status_code == 400
    assert "We could not find a report with that code" in wrong.content.decode()
    ok = reporter.post("/report/follow-up/", {"receipt": receipt.lower()})
    assert ok["Location"] == reverse("reporting:your-report")
    page = reporter.get(reverse("reporting:your-report")).content.decode()
    assert "Was the baby seen later?" in page
    assert "Waiting for the reporter" in page
    reporter.post(reverse("reporting:your-report"), {"text": "Yes, next morning."})
    report.refresh_from_db()
    assert report.status == Status.IN_REVIEW
    reporter.post(reverse("reporting:leave-follow-up"))
    assert reporter.get(reverse("reporting:your-report"))["Location"] == reverse(
        "reporting:follow-up"
    )


def test_a_signed_in_reporters_session_row_does_not_say_which_report_is_theirs(
    world: World,
) -> None:
    # Before: a signed-in reporter who came back with their receipt left a session row
    # holding both their user id and the report's id, in plain text, for anyone with the
    # session table (a backup, a database administrator) to join.
    import json

    from django.contrib.sessions.models import Session

    receipt = _submit(Client(), world)
    report = Report.objects.get()
    reporter = Client()
    reporter.force_login(world.staff)
    assert reporter.post("/report/follow-up/", {"receipt": receipt})["Location"] == reverse(
        "reporting:your-report"
    )
    assert reporter.get(reverse("reporting:your-report")).status_code == 200

    (row,) = [r for r in Session.objects.all() if r.get_decoded().get("_auth_user_id")]
    decoded = row.get_decoded()
    assert decoded["_auth_user_id"] == str(world.staff.pk)
    # Besides the login, only sealed values: nothing readable without the browser's key.
    others = {k: v for k, v in decoded.items() if not k.startswith("_auth")}
    assert others
    assert all(set(value) == {"sealed", "until"} for value in others.values())
    assert report.reference not in row.session_data + json.dumps(decoded)


def test_a_signed_in_reporters_session_cannot_be_joined_to_their_report(world: World) -> None:
    # Before: the session kept the check page's one-off token in plain text, and
    # ReportSubmission keeps its plain SHA-256: hashing the session's tokens found the
    # report of the user the session row names.
    import hashlib

    from django.contrib.sessions.models import Session

    from candour.reporting.models import ReportSubmission

    reporter = Client()
    reporter.force_login(world.staff)
    _submit(reporter, world)
    assert ReportSubmission.objects.filter(report__isnull=False).count() == 1

    (row,) = [r for r in Session.objects.all() if r.get_decoded().get("_auth_user_id")]
    kept = row.get_decoded().get("candour_report_tokens", [])
    assert kept
    digests = [hashlib.sha256(str(item).encode()).hexdigest() for item in kept]
    assert not ReportSubmission.objects.filter(token_digest__in=digests).exists()


def test_receipt_guessing_is_slowed_down(world: World, settings) -> None:
    settings.CANDOUR_RECEIPT_ATTEMPTS_PER_SESSION = 2
    client = Client()
    for _ in range(2):
        client.post("/report/follow-up/", {"receipt": "0000-0000-0000-0000"})
    limited = client.post("/report/follow-up/", {"receipt": "0000-0000-0000-0000"})
    assert limited.status_code == 429
    assert "Too many attempts" in limited.content.decode()


def test_the_learning_team_triages_with_the_raw_words_highlighted(world: World) -> None:
    _submit(Client(), world)
    report = Report.objects.get()
    analyst = signed_in_client(world.analyst)
    queue = analyst.get(reverse("reporting:queue")).content.decode()
    assert report.reference in queue
    # The task list shows no raw words; the redactions task page does, and says so in the
    # audit trail.
    tasks = analyst.get(reverse("reporting:learning-detail", args=[report.reference]))
    assert "Kasia Nowak" not in tasks.content.decode()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.REPORT_RAW_TEXT_VIEWED).exists()
    detail = analyst.get(reverse("reporting:review-redactions", args=[report.reference]))
    body = detail.content.decode()
    assert '<mark class="candour-redaction" title="person">Kasia Nowak</mark>' in body
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.REPORT_RAW_TEXT_VIEWED, actor_id=world.analyst.pk
    ).exists()


def test_managers_see_nothing_until_review_then_only_de_identified_text(world: World) -> None:
    _submit(Client(), world)
    report = Report.objects.get()
    manager = signed_in_client(world.manager)
    assert report.reference not in manager.get(reverse("reporting:reports")).content.decode()
    url = reverse("reporting:report-detail", args=[report.reference])
    assert manager.get(url).status_code == 404

    analyst = signed_in_client(world.analyst)
    detected = report.redactions["what_happened"]
    analyst.post(
        reverse("reporting:review-redactions", args=[report.reference]),
        {"keep_what_happened": [str(i) for i in range(len(detected))]},
    )
    body = manager.get(url).content.decode()
    assert "did not see the baby" in body
    assert "Kasia" not in body
    assert "Elm Road" not in body
    # Assessment has one member: too few for its name to be shown.
    assert "Not shown (small team)" in body
    assert world.assessment.name not in body.split("<main")[1]


def test_team_names_appear_once_enough_people_could_have_sent_it(world: World) -> None:
    for index in range(4):
        make_person(f"colleague{index}@riverside.example", world.riverside, Role.STAFF,
                    world.assessment)  # fmt: skip
    _submit(Client(), world)
    report = Report.objects.get()
    from candour.reporting import services

    services.review_redactions(actor=world.analyst, report=report, keep={}, add_phrases={})
    body = (
        signed_in_client(world.manager)
        .get(reverse("reporting:report-detail", args=[report.reference]))
        .content.decode()
    )
    assert "Assessment" in body


@pytest.mark.parametrize("persona", ["staff", "manager", "admin", "other_admin", "other_manager",
                                     "national_analyst"])  # fmt: skip
def test_only_the_organisations_analysts_reach_triage(world: World, persona: str) -> None:
    _submit(Client(), world)
    report = Report.objects.get()
    client = signed_in_client(getattr(world, persona))
    assert report.reference not in client.get(reverse("reporting:queue")).content.decode()
    for name in ("learning-detail", "review-redactions", "ask", "update", "close"):
        url = reverse(f"reporting:{name}", args=[report.reference])
        response = client.post(url, {}) if name != "learning-detail" else client.get(url)
        assert response.status_code == 404, (persona, name)


def test_an_analyst_of_another_organisation_cannot_reach_the_report(world: World) -> None:
    moorland_analyst = make_person("analyst@moorland.example", world.moorland, Role.ANALYST)
    _submit(Client(), world)
    report = Report.objects.get()
    client = signed_in_client(moorland_analyst)
    url = reverse("reporting:learning-detail", args=[report.reference])
    assert client.get(url).status_code == 404


def test_closing_through_the_page(world: World) -> None:
    _submit(Client(), world)
    report = Report.objects.get()
    analyst = signed_in_client(world.analyst)
    close_url = reverse("reporting:close", args=[report.reference])
    analyst.post(close_url, {"reason": "learning_captured", "outcome_for_reporter": "Done"})
    report.refresh_from_db()
    assert report.status != Status.CLOSED  # redactions not yet reviewed
    keep_all = [str(i) for i in range(len(report.redactions["what_happened"]))]
    analyst.post(
        reverse("reporting:review-redactions", args=[report.reference]),
        {"keep_what_happened": keep_all},
    )
    asked = analyst.post(
        close_url, {"reason": "learning_captured", "outcome_for_reporter": "Done"}
    ).content.decode()
    # A confirmation first, which keeps what was chosen: nothing is destroyed yet.
    assert "Are you sure you want to close this report?" in asked
    assert '<input type="hidden" name="outcome_for_reporter" value="Done">' in asked
    report.refresh_from_db()
    assert report.status != Status.CLOSED
    analyst.post(
        close_url,
        {"reason": "learning_captured", "outcome_for_reporter": "Done", "confirmed": "yes"},
    )
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    page = analyst.get(reverse("reporting:learning-detail", args=[report.reference]))
    body = page.content.decode()
    assert "Kasia" not in body
    assert "Review the redactions</h2>" not in body


def test_a_closed_report_takes_no_questions_or_assignments_without_crashing(world: World) -> None:
    from candour.reporting import services
    from candour.reporting.vocabulary import ClosureReason

    _submit(Client(), world)
    report = Report.objects.get()
    services.review_redactions(actor=world.analyst, report=report, keep={}, add_phrases={})
    services.close_report(
        actor=world.analyst,
        report=report,
        reason=ClosureReason.NO_FURTHER_ACTION,
        outcome_for_reporter="Nothing more to do.",
    )
    analyst = signed_in_client(world.analyst)
    asked = analyst.post(
        reverse("reporting:ask", args=[report.reference]), {"question": "Late question?"}
    )
    assert asked.status_code == 400
    assert "This report is closed" in asked.content.decode()
    assigned = analyst.post(
        reverse("reporting:update", args=[report.reference]),
        {"analyst": str(world.analyst.pk), "status": "in_review"},
    )
    assert assigned.status_code == 400
    assert "This report is closed" in assigned.content.decode()
    report.refresh_from_db()
    assert report.assigned_to is None


def test_the_organisation_page_gives_the_reporting_link(world: World) -> None:
    page = signed_in_client(world.admin).get(
        reverse("core:organisation", args=[world.riverside.slug])
    )
    assert f"/report/new/?organisation={world.riverside.slug}" in page.content.decode()
