"""The reporting journey's check page and sending: Change links, identifiers marked
before sending, one report however often Send is pressed, and when to come back."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.reporting.models import Report
from conftest import World

pytestmark = pytest.mark.django_db

NEW = "/report/new/"


def _answers(world: World, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "organisation": str(world.riverside.pk),
        "team": str(world.assessment.pk),
        "what_happened": "I visited Kasia Nowak at 14 Elm Road and did not see the baby.",
        "outcome": "near_miss",
        "occurred_month": timezone.localdate().replace(day=1).isoformat(),
        "part_of_day": "afternoon",
        "setting": "home_visit",
        "what_caught_it": "The health visitor rang.",
        "factors": ["workload"],
        "what_made_it_likely": "",
        "what_would_prevent": "See the child awake.",
        "route": "anonymous",
        "contact": "",
    }
    data.update(overrides)
    return data


def _token(page: str) -> str:
    match = re.search(r'name="submission_token" value="([^"]+)"', page)
    assert match, page
    return match.group(1)


def test_the_contact_box_is_revealed_only_under_in_confidence() -> None:
    page = Client().get(NEW).content.decode()
    assert 'data-candour-reveals="conditional-contact"' in page
    conditional = page.split('id="conditional-contact"', 1)[1].split("</fieldset>", 1)[0]
    assert 'name="contact"' in conditional
    assert "govuk-radios__conditional--hidden" in page


def test_the_check_page_marks_what_will_be_taken_out_and_offers_change_links(
    world: World,
) -> None:
    client = Client()
    check = client.post(NEW, _answers(world)).content.decode()
    happened = check.split('id="answer-what_happened"', 1)[1].split("</dd>", 1)[0]
    assert re.search(r"<mark[^>]*>.*Kasia Nowak</mark>", happened)
    assert "Will be taken out:" in happened
    assert 'id="removals"' in check
    assert 'name="change" value="what_happened"' in check
    assert 'name="change" value="route"' in check
    change = client.post(NEW, {**_answers(world), "change": "what_caught_it"}).content.decode()
    assert "Your report" in change
    assert re.search(r'<textarea[^>]*name="what_caught_it"[^>]*autofocus', change)
    assert "The health visitor rang." in change
    assert Report.objects.count() == 0


def test_pressing_send_twice_sends_one_report_and_the_last_page_has_a_working_receipt(
    world: World,
) -> None:
    client = Client()
    data = _answers(world)
    token = _token(client.post(NEW, data).content.decode())
    first = client.post(NEW, {**data, "stage": "confirm", "submission_token": token})
    second = client.post(NEW, {**data, "stage": "confirm", "submission_token": token})
    assert Report.objects.count() == 1
    page = second.content.decode()
    assert "Your report was sent once" in page
    assert "Your report was sent once" not in first.content.decode()
    receipt = re.search(r'id="receipt-code">([0-9A-Z-]{19})<', page)
    assert receipt
    assert AuditEvent.objects.filter(event_type=AuditEventType.REPORT_RECEIPT_REISSUED).count() == 1
    # The receipt shown last is the one that opens the report.
    opened = client.post("/report/follow-up/", {"receipt": receipt.group(1)})
    assert opened.status_code == 302


def test_a_token_this_browser_was_not_given_cannot_reissue_a_receipt(world: World) -> None:
    owner = Client()
    data = _answers(world)
    token = _token(owner.post(NEW, data).content.decode())
    owner.post(NEW, {**data, "stage": "confirm", "submission_token": token})
    Client().post(NEW, {**data, "stage": "confirm", "submission_token": token})
    assert Report.objects.count() == 2
    assert not AuditEvent.objects.filter(event_type=AuditEventType.REPORT_RECEIPT_REISSUED).exists()


def test_the_confirmation_says_when_to_come_back(world: World) -> None:
    client = Client()
    data = _answers(world)
    token = _token(client.post(NEW, data).content.decode())
    page = client.post(NEW, {**data, "stage": "confirm", "submission_token": token})
    body = page.content.decode()
    report = Report.objects.get()
    assert "When to come back" in body
    assert "working days" in body
    assert f"{report.due_on.day} {report.due_on:%B %Y}" in body
