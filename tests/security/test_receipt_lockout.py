"""Route 4 (issue 16): one client must not lock every reporter out of follow-up.

The attack: about 200 receipt checks from one cookie jar used up the service-wide limit
(attempts from an already-refused session still counted), so every real reporter was
refused for ten minutes, and each refused attempt wrote an audit row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from time_machine import TimeMachineFixture

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.core.models import Throttle
from candour.reporting import services
from candour.reporting.services import Narrative
from candour.reporting.vocabulary import Outcome, PartOfDay, Route, Setting
from conftest import World
from tests.security.frozen_time_16a import Clock, hold_time

pytestmark = pytest.mark.django_db

FOLLOW_UP = "/report/follow-up/"
WRONG = "0000-0000-0000-0000"


@pytest.fixture
def clock(time_machine: TimeMachineFixture) -> Clock:
    return hold_time(time_machine)


@pytest.fixture
def limits(settings: Any) -> Any:
    # The real limits scaled down (5 per session, 20 per client, 200 for the service),
    # so the attack needs tens of posts rather than hundreds.
    settings.CANDOUR_RECEIPT_ATTEMPTS_PER_SESSION = 3
    settings.CANDOUR_RECEIPT_ATTEMPTS_PER_CLIENT = 6
    settings.CANDOUR_RECEIPT_ATTEMPTS_PER_SERVICE = 10
    return settings


def _receipt(world: World) -> str:
    return services.submit_report(
        organisation=world.riverside,
        team=world.assessment,
        route=Route.ANONYMOUS,
        outcome=Outcome.NEAR_MISS,
        setting=Setting.HOME_VISIT,
        occurred_month=date(2026, 2, 1),
        part_of_day=PartOfDay.MORNING,
        factors=[],
        narrative=Narrative(what_happened="The wrong file was sent to the panel."),
    ).receipt


def _refusals() -> int:
    return AuditEvent.objects.filter(event_type=AuditEventType.RECEIPT_RATE_LIMITED).count()


def test_one_cookie_jar_cannot_use_up_the_service_wide_limit(
    world: World, clock: Clock, limits: Any
) -> None:
    receipt = _receipt(world)
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    statuses = [attacker.post(FOLLOW_UP, {"receipt": WRONG}).status_code for _ in range(40)]
    assert statuses[:3] == [400, 400, 400]
    assert set(statuses[3:]) == {429}
    # A real reporter elsewhere, during the attack, is still served.
    reporter = Client(REMOTE_ADDR="198.51.100.7")
    answer = reporter.post(FOLLOW_UP, {"receipt": receipt})
    assert answer.status_code == 302
    assert answer["Location"] == reverse("reporting:your-report")
    # 37 refusals, one audit row.
    assert _refusals() == 1


def test_a_client_throwing_away_its_cookies_is_held_by_its_own_limit(
    world: World, clock: Clock, limits: Any
) -> None:
    receipt = _receipt(world)
    for _ in range(40):
        # A fresh cookie jar every time, from one address.
        Client(REMOTE_ADDR="203.0.113.66").post(FOLLOW_UP, {"receipt": WRONG})
    assert _refusals() == 1
    reporter = Client(REMOTE_ADDR="198.51.100.7")
    assert reporter.post(FOLLOW_UP, {"receipt": receipt}).status_code == 302


def test_the_service_wide_limit_still_holds_against_many_clients(
    world: World, clock: Clock, limits: Any
) -> None:
    for index in range(10):
        Client(REMOTE_ADDR=f"203.0.113.{index + 1}").post(FOLLOW_UP, {"receipt": WRONG})
    refused = Client(REMOTE_ADDR="198.51.100.7").post(FOLLOW_UP, {"receipt": WRONG})
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    # After the window the service answers again, and the buckets of clients are gone.
    clock.advance(minutes=16)
    receipt = _receipt(world)
    assert (
        Client(REMOTE_ADDR="198.51.100.7").post(FOLLOW_UP, {"receipt": receipt}).status_code == 302
    )
    assert Throttle.objects.filter(key__startswith="receipt:client:").count() == 1


def test_refused_attempts_are_audited_once_per_client_per_window(
    world: World, clock: Clock, limits: Any
) -> None:
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    for _ in range(30):
        attacker.post(FOLLOW_UP, {"receipt": WRONG})
    assert _refusals() == 1
    clock.advance(minutes=15)
    for _ in range(30):
        attacker.post(FOLLOW_UP, {"receipt": WRONG})
    assert _refusals() == 2
