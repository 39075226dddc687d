from __future__ import annotations

import pytest

from candour.api.tests.support import caller_for
from candour.workforce.tests.builders import assessment_team, small_team

INDICATORS = "/api/v1/health/indicators"


@pytest.fixture
def built(world):
    assessment_team(world.assessment)
    small_team(world.child_in_need)
    return world


def test_a_manager_gets_the_latest_indicators_and_status(built):
    response = caller_for(built.manager).get(INDICATORS)

    assert response.status_code == 200
    body = response.json()
    assert body["organisation"] == "Riverside"
    teams = {team["team"]: team for team in body["teams"]}
    assessment = teams["Assessment"]
    assert assessment["period"] == "2025-06-30"
    assert assessment["turnover_rate"] == pytest.approx(10.0)
    assert assessment["average_caseload"] == pytest.approx(19.5)
    assert assessment["share_over_20_cases"] == pytest.approx(50.0)
    assert assessment["status"] == "strained"
    assert teams["Child in Need"]["absence_rate"] is None
    # Nor is a team under 5 people judged, or its evidence worded, on its absence.
    assert not any("absence" in line for line in teams["Child in Need"]["evidence"])
    assert "A2" not in response.content.decode()


def test_another_organisation_is_not_found(built):
    response = caller_for(built.manager).get(INDICATORS, organisation=built.moorland.pk)
    assert response.status_code == 404


def test_staff_are_not_found(built):
    assert caller_for(built.staff).get(INDICATORS).status_code == 404


def test_a_token_is_needed(built):
    from django.test import Client

    assert Client().get(INDICATORS).status_code == 401


SERIES = "/api/v1/health/series"


def test_a_manager_gets_the_monthly_series_and_demand(built):
    from datetime import date

    from candour.workforce.models import ChartEvent
    from candour.workforce.tests.builders import monthly_demand

    monthly_demand(built.riverside, [100, 104, 98, 101, 97, 103], start=date(2025, 1, 1))
    ChartEvent.objects.create(
        organisation=built.riverside, on_date=date(2025, 3, 14), label="Inspection"
    )

    response = caller_for(built.manager).get(SERIES)

    assert response.status_code == 200
    body = response.json()
    scopes = {scope["team"]: scope for scope in body["scopes"]}
    whole = scopes["Whole organisation"]
    assert whole["team_id"] is None
    assert len(whole["months"]) == 12
    assert whole["months"][-1]["period"] == "2025-06-30"
    assert whole["months"][-1]["referrals"] == 103
    assert whole["months"][0]["average_caseload"] is None
    assessment = scopes["Assessment"]["months"][-1]
    assert assessment["turnover_rate"] == pytest.approx(10.0)
    assert assessment["absence_rate"] == pytest.approx(100 * 6 / (5 * 21))
    assert all(m["absence_rate"] is None for m in scopes["Child in Need"]["months"])
    [referrals] = body["demand"]
    assert referrals["measure"] == "referrals"
    assert referrals["frequency"] == "monthly"
    assert [p["count"] for p in referrals["points"]] == [100, 104, 98, 101, 97, 103]
    assert referrals["points"][2]["events"] == ["Inspection"]
    assert "A2" not in response.content.decode()


def test_the_series_of_another_organisation_is_not_found(built):
    assert caller_for(built.manager).get(SERIES, organisation=built.moorland.pk).status_code == 404
    assert caller_for(built.staff).get(SERIES).status_code == 404


def test_the_series_is_in_the_openapi_document(built):
    from django.test import Client

    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"][SERIES]["get"]
    assert operation["operationId"] == "health_series"
    assert "HealthSeriesOut" in schema["components"]["schemas"]


def test_the_indicators_carry_demand_comparisons_and_the_starter_rate(built):
    from datetime import date
    from decimal import Decimal

    from candour.workforce.models import DfeValue, WorkforceSettings

    WorkforceSettings.objects.create(organisation=built.riverside, dfe_area_code="E1")
    for code, level, amount in (
        ("E1", "Local authority", "25.0"),
        ("E92000001", "National", "22.6"),
    ):
        DfeValue.objects.create(
            dataset="referrals",
            measure="rereferral_rate",
            time_period="2025",
            year_ending=date(2025, 3, 31),
            level=level,
            area_code=code,
            area_name=code,
            value=Decimal(amount),
        )

    body = caller_for(built.manager).get(INDICATORS).json()

    (rereferrals,) = body["comparisons"]
    assert rereferrals["measure"] == "rereferral_rate"
    assert rereferrals["group"] == "demand"
    assert (rereferrals["ours"], rereferrals["england"]) == (25.0, 22.6)
    assert (rereferrals["neighbours"], rereferrals["neighbours_counted"]) == (None, 0)
    assert "starter_rate" in body["whole"]
    assert body["whole"]["starters_fte"] == 0.0


def _dfe(measure: str, period: str, level: str, code: str, value: str) -> None:
    from datetime import date
    from decimal import Decimal

    from candour.workforce.models import DfeValue

    DfeValue.objects.create(
        dataset="referrals",
        measure=measure,
        time_period=period,
        year_ending=date(int(period), 3, 31),
        level=level,
        area_code=code,
        area_name="England" if level == "National" else f"Area {code}",
        region_code="" if level == "National" else "E12000007",
        value=Decimal(value),
    )


@pytest.fixture
def england(db):
    for period, value in (("2013", "593470"), ("2014", "657780"), ("2015", "635620")):
        _dfe("referrals", period, "National", "E92000001", value)
    _dfe("referrals", "2014", "Local authority", "E1", "4000")
    _dfe("referrals", "2013", "Local authority", "E1", "3200")


def test_the_indicators_compare_a_chosen_year_with_england_without_an_area(built, england):
    response = caller_for(built.manager).get(INDICATORS, year="2014", since="2013")

    assert response.status_code == 200
    referrals = {c["measure"]: c for c in response.json()["comparisons"]}["referrals_count"]
    assert referrals["time_period"] == "2014"
    assert referrals["kind"] == "count"
    assert referrals["ours"] is None
    assert referrals["england"] == pytest.approx(657780)
    assert referrals["base_period"] == "2013"
    assert referrals["england_change"] == pytest.approx(100 * (657780 - 593470) / 593470)


def test_a_year_that_is_not_a_year_is_refused(built, england):
    response = caller_for(built.manager).get(INDICATORS, year="last")

    assert response.status_code == 422


def test_the_series_carry_the_national_series_within_the_same_years(built, england):
    from candour.workforce.models import WorkforceSettings

    WorkforceSettings.objects.create(organisation=built.riverside, dfe_area_code="E1")

    response = caller_for(built.manager).get(SERIES, from_year=2014, to_year=2015)

    body = response.json()
    assert body["area"] == "E1"
    referrals = {s["measure"]: s for s in body["national"]}["referrals_count"]
    assert [y["year"] for y in referrals["years"]] == ["2014", "2015"]
    assert referrals["years"][0]["england"] == pytest.approx(657780)
    assert referrals["years"][0]["ours"] == pytest.approx(4000)
    assert referrals["years"][1]["ours"] is None
    assert all(p["period_start"] >= "2014-01-01" for d in body["demand"] for p in d["points"])
