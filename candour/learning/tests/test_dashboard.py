from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from candour.learning import services
from candour.learning.dashboard import build_dashboard
from candour.reporting.tests.factories import reviewed_report, submit
from candour.reporting.vocabulary import Outcome
from conftest import World, signed_in_client
from tests.clock import A_THURSDAY

# Held on a Thursday: reports count in the week of their Thursday (ADR 0020's dashboard
# rule), so on another weekday this week's reports would count nowhere yet.
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(A_THURSDAY, tick=False)]


def test_the_dashboard_counts_and_hides_small_numbers(world: World) -> None:
    for _ in range(5):
        submit(world, today=timezone.localdate())
    today = timezone.localdate()
    dashboard = build_dashboard(world.riverside, start=today.replace(day=1), end=today)
    outcome = next(c for c in dashboard.charts if c.title == "Outcome")
    shown = {row.label: row.shown for row in outcome.rows}
    assert shown["It was caught before it reached a child or family"] == "5"
    assert shown["A child or family was harmed"] == "fewer than 5"


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("analyst", 200),
        ("manager", 200),
        ("other_manager", 200),
        ("staff", 404),
        ("admin", 404),
        ("other_admin", 404),
    ],
)
def test_the_learning_team_and_managers_see_only_their_own_organisations_dashboard(
    world: World, persona: str, status: int
) -> None:
    submit(world)
    client = signed_in_client(getattr(world, persona))
    response = client.get(reverse("learning:dashboard"))
    assert response.status_code == status
    body = response.content.decode()
    own = getattr(world, persona).organisation_ids()
    if status == 200:
        assert ("Riverside" in body) == (world.riverside.pk in own)
    other = client.get(reverse("learning:dashboard") + f"?organisation={world.hub.pk}")
    assert other.status_code == 404


def test_a_hidden_outcome_cannot_be_worked_out_from_the_others(world: World) -> None:
    # Six reports, five near misses and one harm: showing "5" beside the months' total
    # of 6 would give the harm away, so the near misses are hidden too.
    today = timezone.localdate()
    for _ in range(5):
        submit(world, today=today)
    submit(world, today=today, outcome=Outcome.HARM)
    dashboard = build_dashboard(world.riverside, start=today.replace(day=1), end=today)
    outcome = {
        row.label: row for row in next(c for c in dashboard.charts if c.title == "Outcome").rows
    }
    assert outcome["It was caught before it reached a child or family"].count is None
    assert outcome["A child or family was harmed"].count is None
    assert outcome["A child or family was harmed"].shown == "not shown"
    assert outcome["It was caught before it reached a child or family"].shown == "not shown"


def test_a_week_counts_in_the_month_holding_its_thursday(world: World) -> None:
    # The week of Monday 29 September 2025 has its Thursday on 2 October: October's.
    submitted = [submit(world, today=date(2025, 9, 29 + n % 2)) for n in range(5)]
    assert {s.report.received_week for s in submitted} == {date(2025, 9, 29)}
    dashboard = build_dashboard(world.riverside, start=date(2025, 9, 1), end=date(2025, 10, 31))
    months = {row.label: row.count for row in dashboard.charts[0].rows}
    assert months == {"Sep 2025": None, "Oct 2025": 5}
    september = build_dashboard(world.riverside, start=date(2025, 9, 1), end=date(2025, 9, 30))
    assert all(row.count in (0, None) for row in september.charts[1].rows)


def test_the_analysts_coded_outcome_is_what_the_dashboard_counts(world: World) -> None:
    today = timezone.localdate()
    for _ in range(5):
        report = reviewed_report(world, today=today)
        services.save_coding(analyst=world.analyst, report=report, choices=[], outcome="harm")
    dashboard = build_dashboard(world.riverside, start=today.replace(day=1), end=today)
    shown = {row.label: row.count for row in dashboard.charts[1].rows}
    assert shown["A child or family was harmed"] == 5


def test_the_learning_team_sees_how_many_reports_a_child_was_harmed_in_full(
    world: World,
) -> None:
    today = timezone.localdate()
    for _ in range(5):
        submit(world, today=today)
    submit(world, today=today, outcome=Outcome.HARM)
    submit(world, today=today, outcome=Outcome.HARM)
    analyst = signed_in_client(world.analyst).get(reverse("learning:dashboard")).content.decode()
    assert "Reports where a child or family was harmed: 2" in analyst
    # Beyond the learning team the small-number rule applies, as on the outcome chart.
    dashboard = build_dashboard(world.riverside, start=today.replace(day=1), end=today)
    assert dashboard.harmed is not None
    assert dashboard.harmed.count is None
    assert dashboard.harmed.shown == "not shown"
