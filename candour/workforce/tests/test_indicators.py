from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from candour.lib.statistics.control_charts import Rule
from candour.workforce.demand import demand_series
from candour.workforce.health.published import dfe_comparisons
from candour.workforce.indicators import organisation_indicators
from candour.workforce.models import (
    ChartEvent,
    DemandCount,
    DfeNeighbour,
    DfeValue,
    WorkforceSettings,
)
from candour.workforce.tests.builders import (
    TODAY,
    assessment_team,
    batch,
    monthly_demand,
    post,
    small_team,
    spell,
    third_team,
)

JUNE_WORKING_DAYS = 21  # June 2025: 30 days from a Sunday


@pytest.fixture
def built(world):
    assessment_team(world.assessment)
    small_team(world.child_in_need)
    return world


def _team(indicators, team):
    return next(scope for scope in indicators.teams if scope.team == team)


def test_june_indicators_for_a_team_follow_the_dfe_definitions(built):
    indicators = organisation_indicators(built.riverside, today=TODAY)
    june = _team(indicators, built.assessment).latest

    assert june.period == date(2025, 6, 30)
    assert june.in_post_fte == 5.0
    assert june.turnover_rate == pytest.approx(10.0)
    assert june.agency_rate == pytest.approx(100 / 6)
    assert june.vacancy_rate == pytest.approx(100 / 6)
    assert june.average_caseload == pytest.approx(19.5)
    assert june.share_above(20) == pytest.approx(50.0)
    assert june.share_above(30) == pytest.approx(25.0)
    assert june.days_lost == 6.0
    assert june.working_days == JUNE_WORKING_DAYS
    assert june.absence_rate == pytest.approx(100 * 6 / (5 * JUNE_WORKING_DAYS))


def test_the_organisation_adds_its_teams_together(built):
    june = organisation_indicators(built.riverside, today=TODAY).whole.latest
    assert june is not None

    assert june.in_post_fte == 7.0
    assert june.days_lost == 8.0
    assert june.absence_rate == pytest.approx(100 * 8 / (7 * JUNE_WORKING_DAYS))


def test_the_series_runs_twelve_months_to_the_latest_data(built):
    series = organisation_indicators(built.riverside, today=TODAY).whole.series

    assert series[0].period == date(2024, 7, 31)
    assert len(series) == 12
    # No caseload count before June: not known, never zero.
    assert series[0].average_caseload is None


def test_absence_detail_counts_spells_lengths_reasons_and_concentration(built):
    third_team(built.riverside)
    detail = _team(organisation_indicators(built.riverside, today=TODAY), built.assessment).absence
    summary = detail.summary

    assert detail.people == 6
    assert summary.spells == 5
    assert summary.days_lost == 18.0
    assert summary.days_by_reason == {"Musculoskeletal": 10.0, "Cold or flu": 5.0, "Migraine": 3.0}
    assert summary.by_length["short"].spells == 4
    assert summary.by_length["medium"].spells == 1
    # Days per person 0, 0, 0, 3, 5, 10 (A4, A5, A6 none).
    assert summary.gini == pytest.approx(2 * (4 * 3 + 5 * 5 + 6 * 10) / (6 * 18) - 7 / 6)
    assert [round(p.value_share, 4) for p in summary.lorenz][-2:] == [round(8 / 18, 4), 1.0]


def test_the_bradford_list_leaves_out_disability_related_absence_and_is_asked_for(built):
    third_team(built.riverside)
    plain = organisation_indicators(built.riverside, today=TODAY)
    asked = organisation_indicators(built.riverside, today=TODAY, bradford_team=built.assessment)

    assert _team(plain, built.assessment).absence.bradford is None
    assert plain.whole.absence.bradford is None
    assert asked.whole.absence.bradford is None
    scores = _team(asked, built.assessment).absence.bradford
    assert [(s.person, s.spells, s.days, s.factor) for s in scores] == [
        ("A2", 3, 3.0, 27.0),
        ("A1", 1, 5.0, 5.0),
    ]


def test_a_team_of_fewer_than_five_has_no_absence_detail(built):
    detail = _team(organisation_indicators(built.riverside, today=TODAY), built.child_in_need)

    assert detail.too_few
    assert detail.absence.summary is None


def test_dfe_comparisons_sit_beside_neighbours_region_and_england(world):
    WorkforceSettings.objects.create(organisation=world.riverside, dfe_area_code="E1")

    def value(code, level, amount, period="2025", region="R1", measure="turnover_rate_fte"):
        DfeValue.objects.create(
            dataset="csww_indicators",
            measure=measure,
            time_period=period,
            year_ending=date(int(period), 9, 30),
            level=level,
            area_code=code,
            area_name=code,
            region_code=region,
            value=None if amount is None else Decimal(amount),
            suppression="" if amount is not None else "x",
        )

    value("E1", "Local authority", "15.0")
    value("E1", "Local authority", "99.0", period="2024")
    value("N1", "Local authority", "10.0")
    value("N2", "Local authority", "12.0")
    value("N3", "Local authority", None)
    value("R1", "Regional", "13.0", region="")
    value("E92000001", "National", "11.8", region="")
    for rank, code in enumerate(("N1", "N2", "N3"), start=1):
        DfeNeighbour.objects.create(area_code="E1", neighbour_code=code, rank=rank)

    [turnover] = dfe_comparisons(world.riverside)

    assert turnover.time_period == "2025"
    assert turnover.ours == 15.0
    assert turnover.neighbours == 11.0
    assert turnover.neighbours_counted == 2
    assert turnover.region == 13.0
    assert turnover.england == 11.8


def test_a_surge_in_demand_is_flagged_and_annotated(world):
    counts = [100, 104, 98, 101, 97, 103, 99, 102, 100, 96, 104, 100] * 3 + [100, 180]
    monthly_demand(world.riverside, counts)
    ChartEvent.objects.create(on_date=date(2025, 2, 14), label="National case in the news")
    ChartEvent.objects.create(
        organisation=world.moorland, on_date=date(2025, 2, 3), label="Moorland inspection"
    )

    [referrals] = demand_series(world.riverside)
    surge = referrals.points[-1]

    assert surge.point.period == date(2025, 2, 1)
    assert surge.point.surge
    # A point this far out crosses the CUSUM's line on its own (z - k > h).
    assert Rule.CUSUM in {signal.rule for signal in surge.point.signals}
    assert "high: CUSUM above its decision interval" in surge.flags
    assert surge.events == ("National case in the news",)
    assert surge.point.year_on_year is not None
    assert surge.point.year_on_year.difference == 180 - 104
    assert not referrals.points[-2].point.signals


def test_moves_within_the_council_are_not_leavers(world):
    for person in ("M4", "M5", "M6"):
        post(world.assessment, person)
    # M1 moves team (a new post the next working day); M2's post ends as an internal move;
    # M3 really leaves.
    post(world.assessment, "M1", ended_on=date(2025, 3, 28), role="Senior practitioner")
    post(world.child_in_need, "M1", started_on=date(2025, 3, 31))
    post(world.assessment, "M2", ended_on=date(2025, 4, 30), leaving_reason="moved_within_council")
    post(world.assessment, "M3", ended_on=date(2025, 5, 30), leaving_reason="resignation")

    may = organisation_indicators(world.riverside, today=TODAY).whole.latest

    assert may is not None
    assert may.period == date(2025, 5, 31)
    assert may.leavers_fte == 1.0
    assert may.turnover_rate == pytest.approx(100 * 1 / 4)


def test_dfe_measures_count_social_workers_only(world):
    for person in ("S1", "S2", "S3", "S4"):
        post(world.assessment, person)
    post(world.assessment, "T1", role="Team manager")
    post(world.assessment, "F1", role="Family support worker")
    post(world.assessment, "F2", role="Business support officer", ended_on=date(2025, 5, 1))
    post(world.assessment, "F3", role="Family support worker", agency=True)

    latest = organisation_indicators(world.riverside, today=TODAY).whole.latest

    assert latest is not None
    assert latest.in_post_fte == 5.0
    assert latest.people_in_post == 5
    assert latest.leavers_fte == 0.0
    assert latest.agency_fte == 0.0


def test_absence_above_and_below_the_line_is_the_same_people(world):
    for person in ("P1", "P2", "P3", "P4", "P5"):
        post(world.assessment, person)
    post(world.assessment, "AG", agency=True)
    post(world.assessment, "GONE", ended_on=date(2025, 6, 13))
    # Counted: P1's 2 days. Not: the agency worker's, or a leaver's, 5 days each.
    spell(world.assessment, "P1", date(2025, 6, 2), date(2025, 6, 3))
    spell(world.assessment, "AG", date(2025, 6, 2), date(2025, 6, 6))
    spell(world.assessment, "GONE", date(2025, 6, 9), date(2025, 6, 13))

    found = organisation_indicators(world.riverside, today=TODAY)
    june = found.whole.latest

    assert june is not None
    assert june.days_lost == 2.0
    assert june.absence_rate == pytest.approx(100 * 2 / (5 * JUNE_WORKING_DAYS))
    # The agency worker is in no one's absence detail either.
    assert found.whole.absence.summary is not None
    assert found.whole.absence.summary.days_lost == 7.0


def test_bank_holidays_are_not_working_days(world):
    for person in ("B1", "B2", "B3", "B4", "B5"):
        post(world.assessment, person)
    # Friday 2 to Tuesday 6 May 2025 takes in the early May bank holiday (Monday 5 May).
    spell(world.assessment, "B1", date(2025, 5, 2), date(2025, 5, 6))
    spell(world.assessment, "B2", date(2025, 6, 2), date(2025, 6, 2))

    found = organisation_indicators(world.riverside, today=TODAY)
    may = found.whole.series[-2]

    assert may.period == date(2025, 5, 31)
    # 22 weekdays in May 2025, less 5 and 26 May.
    assert may.working_days == 20
    assert may.days_lost == 2.0
    assert found.whole.absence.summary is not None
    assert found.whole.absence.summary.days_lost == 3.0


def _referrals(world, team, count, start=date(2025, 6, 1)):
    DemandCount.objects.create(
        organisation=world.riverside,
        team=team,
        team_name=team.name if team else "",
        batch=batch(world.riverside, "demand"),
        period_start=start,
        period_type="month",
        measure="referrals",
        count=count,
    )


def test_demand_is_the_organisations_rows_where_given_else_the_teams_sum(world):
    # June: a whole-organisation row (100) and team rows (60 + 40) for the same referrals.
    _referrals(world, None, 100)
    _referrals(world, world.assessment, 60)
    _referrals(world, world.child_in_need, 40)
    # May: teams only.
    _referrals(world, world.assessment, 30, start=date(2025, 5, 1))
    _referrals(world, world.child_in_need, 20, start=date(2025, 5, 1))

    [series] = demand_series(world.riverside)
    found = organisation_indicators(world.riverside, today=TODAY)

    assert [(p.point.period, p.point.observed) for p in series.points] == [
        (date(2025, 5, 1), 50),
        (date(2025, 6, 1), 100),
    ]
    assert found.whole.latest is not None
    assert found.whole.latest.referrals == 100
    assert _team(found, world.assessment).latest.referrals == 60
