"""Route 1 (issue 16): flooding the duty team and the learning team.

The attacks: a scripted feedback journey made 8 fake disclosures in 7 seconds (8 alerts,
16 urgent emails, each chased every 15 minutes), and anonymous reports had no limit (20
in 4 seconds). Limits must never stop a child's real disclosure.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from candour.reporting.models import Report
from conftest import World
from tests.security.frozen_time_16a import Clock, hold_time

pytestmark = pytest.mark.django_db

NEW_REPORT = "/report/new/"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return hold_time(monkeypatch)


def _report(world: World, what_happened: str) -> dict[str, object]:
    return {
        "organisation": str(world.riverside.pk),
        "team": str(world.assessment.pk),
        "what_happened": what_happened,
        "outcome": "near_miss",
        "occurred_month": timezone.localdate().replace(day=1).isoformat(),
        "part_of_day": "afternoon",
        "setting": "home_visit",
        "what_caught_it": "",
        "what_made_it_likely": "",
        "what_would_prevent": "",
        "route": "anonymous",
        "contact": "",
        "stage": "confirm",
    }


def _sent(response: Any) -> bool:
    return bool(re.search(r'id="receipt-code">[0-9A-Z-]{19}<', response.content.decode()))


def test_one_session_cannot_flood_anonymous_reports(world: World, clock: Clock) -> None:
    script = Client(REMOTE_ADDR="203.0.113.9")
    sent = [_sent(script.post(NEW_REPORT, _report(world, f"Made up {n}."))) for n in range(20)]
    assert sent == [True] * 5 + [False] * 15
    assert Report.objects.count() == 5


def test_a_refused_report_keeps_everything_typed(world: World, clock: Clock) -> None:
    reporter = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(5):
        reporter.post(NEW_REPORT, _report(world, f"Report number {n}."))
    words = "The medication chart for the evening round was not signed & nobody checked."
    refused = reporter.post(NEW_REPORT, _report(world, words))
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "Your report has not been sent yet" in body
    assert "Nothing you wrote is lost" in body
    # Every answer is still on the page, ready to send again.
    assert 'value="The medication chart for the evening round was not signed &amp; nobody' in body
    assert 'name="stage" value="confirm"' in body
    assert Report.objects.count() == 5
    # After the hour, the same page sends it.
    clock.advance(hours=1)
    assert _sent(reporter.post(NEW_REPORT, _report(world, words)))


def test_a_client_throwing_away_its_cookies_is_held_per_client(
    world: World, clock: Clock, settings: Any
) -> None:
    settings.CANDOUR_REPORTS_PER_CLIENT = 8
    sent = [
        _sent(Client(REMOTE_ADDR="203.0.113.9").post(NEW_REPORT, _report(world, f"Fake {n}.")))
        for n in range(20)
    ]
    assert sent.count(True) == 8
    # Someone else, elsewhere, still reports.
    assert _sent(Client(REMOTE_ADDR="198.51.100.7").post(NEW_REPORT, _report(world, "Real.")))
