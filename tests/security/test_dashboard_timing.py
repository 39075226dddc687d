"""Route 3 (issue 16): live dashboard counts time a report.

The attack: a manager reloads the learning dashboard; the moment a count goes up, a report
has just arrived, and who was at a desk at that moment says who sent it. Managers now see
counts only to the end of last week; the learning team, who triage, still see them live.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from time_machine import TimeMachineFixture

from candour.reporting import services
from candour.reporting.services import Narrative
from candour.reporting.vocabulary import Outcome, PartOfDay, Route, Setting
from conftest import World, signed_in_client
from tests.security.frozen_time_16a import Clock, hold_time

pytestmark = pytest.mark.django_db

LAST_WEEK = date(2026, 3, 4)
THIS_WEEK = date(2026, 3, 11)  # the held clock's day


@pytest.fixture
def clock(time_machine: TimeMachineFixture) -> Clock:
    return hold_time(time_machine)


def _report(world: World, today: date) -> None:
    services.submit_report(
        organisation=world.riverside,
        team=world.assessment,
        route=Route.ANONYMOUS,
        outcome=Outcome.NEAR_MISS,
        setting=Setting.OFFICE,
        occurred_month=date(2026, 3, 1),
        part_of_day=PartOfDay.MORNING,
        factors=["workload"],
        narrative=Narrative(what_happened="The referral sat in the wrong tray."),
        today=today,
    )


def _counts(client: Client) -> dict[str, str]:
    response = client.get(reverse("learning:dashboard"))
    assert response.status_code == 200
    chart = response.context["dashboard"].charts[0]
    outcome = response.context["dashboard"].charts[1]
    return {
        **{f"month {row.label}": row.shown for row in chart.rows},
        **{f"outcome {row.label}": row.shown for row in outcome.rows},
    }


def test_a_manager_reloading_the_dashboard_cannot_see_a_report_arrive(
    world: World, clock: Clock
) -> None:
    clock.advance(days=1)  # Thursday: the live count would include this week
    for _ in range(5):
        _report(world, LAST_WEEK)
    for _ in range(5):
        _report(world, THIS_WEEK)
    manager = signed_in_client(world.manager)
    before = _counts(manager)
    assert before["month Mar 2026"] == "5"
    clock.advance(seconds=1)
    _report(world, THIS_WEEK)
    assert _counts(manager) == before
    page = manager.get(reverse("learning:dashboard")).content.decode()
    assert "Counts run to the end of 8 March 2026" in page


def test_the_learning_team_still_sees_the_live_count(world: World, clock: Clock) -> None:
    # A week counts in the month of its Thursday, so from Thursday this week shows.
    clock.advance(days=1)
    for _ in range(5):
        _report(world, THIS_WEEK)
    analyst = signed_in_client(world.analyst)
    assert _counts(analyst)["month Mar 2026"] == "5"
    _report(world, THIS_WEEK)
    assert _counts(analyst)["month Mar 2026"] == "6"


def test_this_weeks_reports_reach_managers_the_next_monday(world: World, clock: Clock) -> None:
    for _ in range(6):
        _report(world, THIS_WEEK)
    manager = signed_in_client(world.manager)
    assert _counts(manager)["month Mar 2026"] == "fewer than 5"
    clock.advance(days=5)  # Monday 16 March
    assert _counts(signed_in_client(world.manager))["month Mar 2026"] == "6"


def test_the_managers_home_page_shows_no_count_of_new_reports(world: World, clock: Clock) -> None:
    _report(world, THIS_WEEK)
    home = signed_in_client(world.manager).get("/").content.decode()
    assert "New reports" not in home
    assert "Open reports" not in home
