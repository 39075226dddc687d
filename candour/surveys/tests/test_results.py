"""What the results show: 0-100 scores for every theme, trends, the national benchmark,
the organisation's own questions, and workforce figures beside each team (issue 8)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import OrganisationKind, Team
from candour.core.services import create_organisation, create_team
from candour.reporting import services as reporting
from candour.reporting.vocabulary import Outcome, PartOfDay, Route, Setting
from candour.surveys import services
from candour.surveys.results.figures import benchmark, trends, wave_results
from candour.surveys.tests.helpers import (
    CLOSES,
    TODAY,
    add_staff,
    answer_all,
    full_answers,
    open_wave,
)
from candour.workforce.imports.services import import_file
from candour.workforce.indicators import organisation_indicators
from candour.workforce.models import ImportKind
from conftest import World, make_person, signed_in_client

pytestmark = pytest.mark.django_db


def _csv(world: World, wave_pk: int) -> list[list[str]]:
    response = signed_in_client(world.analyst).get(reverse("surveys:results-csv", args=[wave_pk]))
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_an_agree_theme_has_a_0_to_100_score_beside_its_percent_positive(world: World) -> None:
    people = [world.staff, world.manager, *add_staff(world.assessment, 4)]  # 6
    opened = open_wave(world, teams=[world.assessment])
    answer_all(opened, people[:4], agree=5)  # each scores 100
    answer_all(opened, people[4:], agree=2)  # each scores 25
    services.close_wave(actor=world.admin, wave=opened.wave)
    result = wave_results(opened.wave, with_links=False)
    rows = {(row.key, row.measure): row.cells[0].text for row in result.composites}
    # Psychological safety: 4 of 6 positive on every statement; (4 x 100 + 2 x 25) / 6.
    assert rows[("psychological_safety", "percent")] == "67%"
    assert rows[("psychological_safety", "score")] == "75"
    assert ("cbi_work", "percent") not in rows
    page = signed_in_client(world.manager).get(reverse("surveys:results", args=[opened.wave.pk]))
    assert 'id="composite-psychological_safety-score"' in page.content.decode()
    by_title = {(row[0], row[1]): row[2] for row in _csv(world, opened.wave.pk)[2:]}
    assert by_title[("Psychological safety", "Percent positive")] == "67%"
    assert by_title[("Psychological safety", "Score (0 to 100)")] == "75"


def _closed_wave(world: World, title: str, people: list[User], agree: int) -> int:
    opened = services.open_wave(
        actor=world.admin,
        organisation=world.riverside,
        title=title,
        teams=[world.assessment],
        closes_on=CLOSES,
        today=TODAY,
    )
    answer_all(opened, people, agree=agree)
    services.close_wave(actor=world.admin, wave=opened.wave)
    return opened.wave.pk


def test_trends_show_each_closed_wave_and_hide_a_small_one(world: World) -> None:
    people = [world.staff, world.manager, *add_staff(world.assessment, 4)]  # 6
    _closed_wave(world, "Spring", people[:3], agree=5)  # 3 answered: hidden
    latest = _closed_wave(world, "Autumn", people, agree=4)
    waves, rows = trends(world.riverside)
    assert [w.title for w in waves] == ["Spring", "Autumn"]
    found = {(row.title, row.measure): [cell.text for cell in row.cells] for row in rows}
    assert found[("Psychological safety", "percent")] == ["fewer than 5", "100%"]
    assert found[("Psychological safety", "score")] == ["fewer than 5", "75"]
    assert found[("Work-related burnout (CBI)", "score")] == ["fewer than 5", "50"]
    assert all(cell.value is None for row in rows for cell in row.cells[:1])
    page = signed_in_client(world.manager).get(reverse("surveys:results", args=[latest]))
    body = page.content.decode()
    trend_table = body[body.index('id="trends"') :]
    assert "Spring" in trend_table
    assert "fewer than 5" in trend_table
    # The themes chart, and the trend chart with its table.
    assert body.count('<figure class="candour-chart') == 2


def test_the_benchmark_hides_small_organisations_and_pools_correctly(world: World) -> None:
    riverside = [world.staff, world.manager, *add_staff(world.assessment, 4)]  # 6
    riverside_wave = open_wave(world, teams=[world.assessment])
    answer_all(riverside_wave, riverside, agree=5)
    services.close_wave(actor=world.admin, wave=riverside_wave.wave)
    lakeside = create_organisation(
        actor=None, name="Lakeside", kind=OrganisationKind.LOCAL_AUTHORITY
    )
    lakeside_team = create_team(actor=None, organisation=lakeside, name="Lakeside East")
    lakeside_admin = make_person("admin@lakeside.example", lakeside, Role.ORG_ADMIN)
    for admin, organisation, team, count, agree in (
        (lakeside_admin, lakeside, lakeside_team, 5, 4),
        (world.other_admin, world.moorland, world.moorland_team, 3, 2),
    ):
        people = add_staff(team, count)
        opened = services.open_wave(
            actor=admin,
            organisation=organisation,
            title="Spring",
            teams=[team],
            closes_on=CLOSES,
            today=TODAY,
        )
        answer_all(opened, people, agree=agree)
        services.close_wave(actor=admin, wave=opened.wave)
    found = benchmark()
    rows = {row.name: row for row in found.rows}
    # Moorland (3) is too small; Lakeside (5) is hidden too, else 14 - 6 - 5 = 3.
    assert rows["Moorland"].respondents.text == "fewer than 5"
    assert {cell.text for cell in rows["Moorland"].cells} == {"fewer than 5"}
    assert rows["Lakeside"].respondents.text == "hidden"
    assert rows["Riverside"].respondents.text == "6"
    columns = [(c.key, measure) for c, measure in found.composites]
    pooled = dict(zip(columns, found.pooled.cells, strict=False))
    assert found.pooled.respondents.text == "14"
    # 11 of 14 agree; (6 x 100 + 5 x 75 + 3 x 25) / 14 = 75.
    assert pooled[("psychological_safety", "percent")].text == "79%"
    assert pooled[("psychological_safety", "score")].text == "75"
    page = signed_in_client(world.national_analyst).get(reverse("surveys:benchmark"))
    assert "All organisations" in page.content.decode()


def test_the_organisations_own_questions_are_shown_and_hidden_like_the_themes(
    world: World,
) -> None:
    big = [world.staff, world.manager, *add_staff(world.assessment, 4)]  # 6
    small = [world.other_manager, *add_staff(world.child_in_need, 1)]  # 2
    opened = open_wave(world, extra_questions=["We debrief after a hard visit."])
    for person in big + small:
        services.submit_answers(
            token=opened.tokens[person.pk],
            data={**full_answers(agree=4), "extra_1": "5" if person in big else "1"},
            today=TODAY,
        )
    services.close_wave(actor=world.admin, wave=opened.wave)
    result = wave_results(opened.wave, with_links=False)
    own = result.own_questions[0]
    assert [cell.text for cell in own.cells] == ["75%", "hidden", "fewer than 5"]
    body = (
        signed_in_client(world.manager)
        .get(reverse("surveys:results", args=[opened.wave.pk]))
        .content.decode()
    )
    row = body[body.index('id="own-extra_1"') :]
    row = row[: row.index("</tr>")]
    assert "We debrief after a hard visit." in row
    for text in ("75%", "hidden", "fewer than 5"):
        assert text in row
    csv_row = next(
        r for r in _csv(world, opened.wave.pk) if r[0] == "We debrief after a hard visit."
    )
    assert csv_row[2:] == ["75%", "hidden", "fewer than 5"]


STAFF = (
    "person_reference,team,role,fte,contract,start_date,end_date,leaving_reason\n"
    + "".join(f"SW{i},Assessment,Social worker,1,permanent,2025-01-01,,\n" for i in range(6))
    + "SW9,Assessment,Social worker,1,permanent,2025-01-01,2027-01-31,resignation\n"
)
CASELOADS = "person_reference,team,date,cases_held\n" + "".join(
    f"SW{i},Assessment,2027-02-28,{12 + 2 * i}\n" for i in range(6)
)
ABSENCE = (
    "person_reference,team,start_date,end_date,reason_category\n"
    "SW0,Assessment,2027-02-08,2027-02-12,cold_cough_flu\n"
)


def _workforce_and_reports(world: World) -> Team:
    for kind, content in (
        (ImportKind.STAFF_IN_POST, STAFF),
        (ImportKind.CASELOADS, CASELOADS),
        (ImportKind.ABSENCE_SPELLS, ABSENCE),
    ):
        result = import_file(
            actor=world.admin,
            organisation=world.riverside,
            kind=kind,
            filename="file.csv",
            content=content.encode(),
        )
        assert result.ok, result.problems
    for _i in range(3):
        reporting.submit_report(
            organisation=world.riverside,
            team=world.assessment,
            route=Route.ANONYMOUS,
            outcome=Outcome.NEAR_MISS,
            setting=Setting.HOME_VISIT,
            occurred_month=date(2027, 2, 1),
            part_of_day=PartOfDay.AFTERNOON,
            factors=["workload"],
            narrative=reporting.Narrative(
                what_happened="A visit was missed.",
                what_caught_it="A colleague.",
                what_made_it_likely="Too many visits.",
                what_would_prevent="Fewer visits.",
            ),
            today=TODAY,
        )
    return world.assessment


def test_workforce_figures_and_reporting_rate_sit_beside_the_team(world: World) -> None:
    team = _workforce_and_reports(world)
    people = [world.staff, world.manager, *add_staff(world.assessment, 4)]  # 5 staff, 1 manager
    opened = open_wave(world, teams=[team])
    answer_all(opened, people)
    services.close_wave(actor=world.admin, wave=opened.wave)
    links = wave_results(opened.wave).links[f"team:{team.pk}"]
    latest = next(
        s for s in organisation_indicators(world.riverside, months=1).teams if s.team == team
    ).latest
    assert latest is not None
    assert latest.average_caseload is not None
    assert latest.absence_rate is not None
    assert latest.turnover_rate is not None
    assert links.caseload == "17.0"  # 12, 14, 16, 18, 20, 22 over six full-time workers
    assert links.absence == f"{latest.absence_rate:.1f}"
    assert links.turnover == f"{latest.turnover_rate:.1f}"
    assert links.reports_per_10_staff == "6.0"  # 3 reports over 5 staff
    body = (
        signed_in_client(world.manager)
        .get(reverse("surveys:results", args=[opened.wave.pk]))
        .content.decode()
    )
    table = body[body.index('id="team-links"') :]
    table = table[: table.index("</table>")]
    for figure in ("17.0", links.absence, links.turnover, "6.0"):
        assert figure in table
    assert "not available yet" not in table
