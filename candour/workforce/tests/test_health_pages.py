from __future__ import annotations

import pytest
from django.urls import reverse

from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.lib.statistics.control_charts import ANY_RULE_FROM, RELIABLE_FROM, Frequency
from candour.workforce.early_warning.services import thresholds_for
from candour.workforce.tests.builders import (
    assessment_team,
    monthly_demand,
    small_team,
    third_team,
)
from conftest import make_person, signed_in_client

HEALTH = reverse("workforce:health")
ABSENCE = reverse("workforce:health-absence")
WORKFORCE = reverse("workforce:health-workforce")
DEMAND = reverse("workforce:health-demand")
THRESHOLDS = reverse("workforce:health-thresholds")


@pytest.fixture
def built(world):
    assessment_team(world.assessment)
    small_team(world.child_in_need)
    return world


@pytest.fixture
def service_manager(world):
    return make_person("head@riverside.example", world.riverside, Role.MANAGER)


@pytest.mark.parametrize("path", [HEALTH, ABSENCE, WORKFORCE, DEMAND, THRESHOLDS])
def test_staff_get_not_found(world, path):
    assert signed_in_client(world.staff).get(path).status_code == 404


@pytest.mark.parametrize("path", [HEALTH, ABSENCE, WORKFORCE, DEMAND])
def test_another_organisations_admin_gets_not_found(world, path):
    client = signed_in_client(world.other_admin)
    assert client.get(path, {"organisation": world.riverside.pk}).status_code == 404
    assert client.get(path).status_code == 200


def test_another_organisations_team_is_not_found(world):
    response = signed_in_client(world.manager).get(
        ABSENCE, {"organisation": world.riverside.pk, "team": world.moorland_team.pk}
    )
    assert response.status_code == 404


def test_leaders_see_the_status_with_its_evidence_and_a_health_link(built):
    response = signed_in_client(built.manager).get(HEALTH)

    content = response.content.decode()
    assert response.status_code == 200
    assert "strained" in content
    assert "absence rate (%) is 5.7, over 4.2" in content
    assert f'href="{HEALTH}"' in content  # the navigation item


def test_the_bradford_list_is_hidden_from_a_team_manager(built):
    third_team(built.riverside)
    content = (
        signed_in_client(built.manager).get(ABSENCE, {"team": built.assessment.pk}).content.decode()
    )
    assert 'id="spells"' in content
    assert 'id="bradford"' not in content
    assert 'class="govuk-table__header">A2</th>' not in content


def test_the_bradford_list_is_never_on_the_whole_organisation_page(built):
    content = signed_in_client(built.admin).get(ABSENCE).content.decode()
    assert 'id="gini"' in content
    assert 'id="bradford"' not in content


@pytest.mark.parametrize("who", ["admin", "service_manager"])
def test_administrators_and_service_managers_see_a_teams_bradford_list(built, who, request):
    user = built.admin if who == "admin" else request.getfixturevalue("service_manager")
    third_team(built.riverside)
    content = signed_in_client(user).get(ABSENCE, {"team": built.assessment.pk}).content.decode()
    assert 'id="bradford"' in content
    assert "only a prompt for a supportive conversation" in content
    bradford = content.split('id="bradford"')[1]
    assert 'class="govuk-table__header">A2</th>' in bradford
    assert 'class="govuk-table__header">A3</th>' not in bradford  # disability-related only


def test_a_team_under_five_shows_fewer_than_five(built):
    client = signed_in_client(built.admin)
    absence = client.get(ABSENCE, {"team": built.child_in_need.pk}).content.decode()
    workforce = client.get(WORKFORCE, {"team": built.child_in_need.pk}).content.decode()
    assert "fewer than 5" in absence
    assert 'id="spells"' not in absence
    assert 'id="bradford"' not in absence
    assert "fewer than 5" in workforce


def test_the_workforce_page_has_charts_and_their_tables(built):
    content = signed_in_client(built.analyst).get(WORKFORCE).content.decode()
    assert content.count('<figure class="candour-chart') == 6  # five DfE rates and caseload
    assert "June 2025" in content
    assert "12.5%" in content  # vacancy and agency: 1 of 1 + 7 FTE


def test_the_demand_page_names_the_flags_in_words(world):
    counts = [100, 104, 98, 101, 97, 103, 99, 102, 100, 96, 104, 100] * 3 + [100, 180]
    monthly_demand(world.riverside, counts)
    content = signed_in_client(world.manager).get(DEMAND).content.decode()
    assert "Referrals" in content
    assert "high: CUSUM above its decision interval" in content
    assert "<circle" in content


def test_the_demand_page_says_what_a_chart_of_its_size_can_find(world):
    # The council's referrals as many a month as the target needs; one team's about 10.
    reliable = RELIABLE_FROM[Frequency.MONTHLY]
    any_rule = ANY_RULE_FROM[Frequency.MONTHLY]
    monthly_demand(world.riverside, [reliable - 2, reliable + 2] * 18)
    content = signed_in_client(world.manager).get(DEMAND).content.decode()
    assert (
        f"About {reliable} a month: a sustained rise of a fifth is usually (8 times in 10) "
        "flagged within 2 months." in content
    )

    small = [10, 11, 9, 10, 12, 8, 10, 11, 9, 10, 10, 10] * 2
    monthly_demand(world.riverside, small, team=world.assessment)
    client = signed_in_client(world.manager)
    content = client.get(DEMAND, {"team": world.assessment.pk}).content.decode()
    assert "About 10 a month: too few for any rule to flag a rise of a fifth" in content
    assert f"that needs about {any_rule} a month" in content


def test_the_thresholds_page_refuses_bad_values(world):
    client = signed_in_client(world.admin)
    form = client.get(THRESHOLDS).context["form"]
    data = {name: value for name, value in form.initial.items()}
    data.update({"window": 4, "min_values": 6, "vacancy_rate_strain": "lots"})

    response = client.post(THRESHOLDS, data)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Enter no more months than the trend is judged over" in content
    assert "Enter a number, like 20 or 3.5" in content
    assert not AuditEvent.objects.filter(event_type=AuditEventType.HEALTH_THRESHOLDS_CHANGED)


def test_the_thresholds_page_saves_and_audits(world):
    client = signed_in_client(world.admin)
    data = dict(client.get(THRESHOLDS).context["form"].initial)
    data["absence_rate_strain"] = "5"

    response = client.post(THRESHOLDS, data)

    assert response.status_code == 302
    assert thresholds_for(world.riverside).absence_rate.strain == 5.0
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.HEALTH_THRESHOLDS_CHANGED).count() == 1
    )


def test_managers_cannot_open_the_thresholds_page(world):
    assert signed_in_client(world.manager).get(THRESHOLDS).status_code == 404


def test_the_thresholds_page_sets_the_demand_per_worker_line(world):
    client = signed_in_client(world.admin)
    page = client.get(THRESHOLDS)
    assert "Referrals a month per case-holding worker" in page.content.decode()
    data = dict(page.context["form"].initial)
    data["demand_per_worker_strain"] = "6.5"

    assert client.post(THRESHOLDS, data).status_code == 302
    assert thresholds_for(world.riverside).demand_per_worker.strain == 6.5
    assert thresholds_for(world.riverside).demand_per_worker.relative


def test_a_small_teams_absence_is_not_quoted_on_the_overview(built):
    content = signed_in_client(built.admin).get(HEALTH).content.decode()
    row = content[content.index(">Child in Need</th>") :]
    row = row[: row.index("</tr>")]
    assert "absence" not in row


@pytest.mark.parametrize("path", [HEALTH, WORKFORCE])
def test_the_pages_state_the_basis_of_the_dfe_measures(built, path):
    content = signed_in_client(built.manager).get(path).content.decode()
    assert 'id="basis"' in content
    assert "not moves between its teams" in content
    assert "less bank holidays" in content


def test_a_small_teams_absence_cannot_be_worked_out_from_the_others(built):
    """Child in Need (2 people) is hidden. Were Assessment shown, the organisation's days
    lost less Assessment's would be Child in Need's: Assessment is withheld as well."""
    client = signed_in_client(built.admin)
    assessment = client.get(ABSENCE, {"team": built.assessment.pk}).content.decode()
    assert 'id="spells"' not in assessment
    assert "hidden" in assessment
    assert 'id="gini"' in client.get(ABSENCE).content.decode()  # the organisation's
    # With a third team, the smallest team shown (Fostering, 5) is the one withheld.
    fostering = third_team(built.riverside)
    assert 'id="spells"' in client.get(ABSENCE, {"team": built.assessment.pk}).content.decode()
    held = client.get(ABSENCE, {"team": fostering.pk}).content.decode()
    assert 'id="spells"' not in held
    assert "hidden" in held
    # Its monthly absence rate still counts towards the early warning: only the detail
    # that subtracts exactly (days, spells, reasons) is held back.
    workforce_page = client.get(WORKFORCE, {"team": built.assessment.pk}).content.decode()
    assert "fewer than 5" not in workforce_page


def test_a_team_with_its_own_demand_rows_has_its_own_charts(world):
    quiet = [100, 104, 98, 101, 97, 103, 99, 102, 100, 96, 104, 100] * 3 + [100, 101]
    monthly_demand(world.riverside, quiet, team=world.child_in_need)
    monthly_demand(world.riverside, [*quiet[:-1], 180], team=world.assessment)
    client = signed_in_client(world.manager)

    whole = client.get(DEMAND).content.decode()
    assert f'<option value="{world.assessment.pk}"' in whole
    team_page = client.get(DEMAND, {"team": world.assessment.pk}).content.decode()
    assert f"{world.riverside.name}: {world.assessment.name}" in team_page
    assert "high: CUSUM above its decision interval" in team_page
    quiet_page = client.get(DEMAND, {"team": world.child_in_need.pk}).content.decode()
    assert "high: CUSUM above its decision interval" not in quiet_page
    # Another organisation's team is not found.
    assert client.get(DEMAND, {"team": world.moorland_team.pk}).status_code == 404
