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
    assert "A2" not in response.content.decode()


def test_another_organisation_is_not_found(built):
    response = caller_for(built.manager).get(INDICATORS, organisation=built.moorland.pk)
    assert response.status_code == 404


def test_staff_are_not_found(built):
    assert caller_for(built.staff).get(INDICATORS).status_code == 404


def test_a_token_is_needed(built):
    from django.test import Client

    assert Client().get(INDICATORS).status_code == 401
