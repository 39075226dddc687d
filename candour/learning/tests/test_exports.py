"""Downloads for quality teams (issue 23): coded reports, themes and ideas as CSV and xlsx,
with the pages' scoping (another organisation's rows never appear), the small-team rule,
no reporter's words, no author, and formulas made inert."""

from __future__ import annotations

import csv
import io
import zipfile

from candour.accounts.roles import Role
from candour.ideas.tests.factories import submit as submit_idea
from candour.learning import services
from candour.learning.models import Code, DefenceState
from candour.learning.tests.factories import in_moorland
from candour.learning.themes.services import create_theme
from candour.reporting.tests.factories import reviewed_report, submit
from conftest import World, make_person, signed_in_client

SECRET_WORDS = "The baby was asleep upstairs and the quokka stayed unseen."


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def coded(world: World):
    report = reviewed_report(world, SECRET_WORDS)
    services.save_coding(
        analyst=world.analyst,
        report=report,
        choices=[
            services.CodeChoice(Code.objects.get(key="event.child_not_seen")),
            services.CodeChoice(
                Code.objects.get(key="defence.seeing_the_child"), DefenceState.FAILED
            ),
        ],
    )
    create_theme(
        actor=world.analyst, organisation=world.riverside, name="=Unseen babies", reports=[report]
    )
    return report


def test_coded_reports_carry_codes_and_themes_but_no_words(world: World) -> None:
    report = coded(world)
    submit(world)  # not yet reviewed: left out
    in_moorland(world, "Another council's report.")
    for n in range(5):  # Assessment now has 6 staff, so it is named
        make_person(f"s{n}@riverside.example", world.riverside, Role.STAFF, world.assessment)

    response = signed_in_client(world.analyst).get("/learning/exports/coded-reports.csv")

    rows = rows_of(response)
    body = response.content.decode()
    header, data = rows[0], [r for r in rows[1:] if len(r) == len(rows[0])]
    assert [r[header.index("Reference")] for r in data] == [report.reference]
    row = dict(zip(header, data[0], strict=True))
    assert row["Team"] == "Assessment"
    assert row["Month it happened"] == report.occurred_month.strftime("%Y-%m")
    assert "child" in row["What kind of event"].lower()
    assert row["Defences that failed"]
    assert row["Themes"] == "'=Unseen babies"
    assert "quokka" not in body
    assert "Moorland" not in body


def test_a_small_team_is_not_named(world: World) -> None:
    coded(world)

    rows = rows_of(signed_in_client(world.analyst).get("/learning/exports/coded-reports.csv"))

    assert rows[1][rows[0].index("Team")] == "Not shown (small team)"


def test_themes_export_as_excel(world: World) -> None:
    coded(world)

    response = signed_in_client(world.analyst).get("/learning/exports/themes.xlsx")

    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert response["Content-Disposition"] == 'attachment; filename="themes.xlsx"'
    assert "<t>=Unseen babies</t>" in strings
    assert "<f>" not in sheet


def test_ideas_export_has_no_author_and_only_visible_ideas(world: World) -> None:
    submit_idea(world, problem="=1+1 we retype referrals")

    rows = rows_of(signed_in_client(world.manager).get("/ideas/export.csv"))

    assert "Assessment" in rows[1]
    assert "'=1+1 we retype referrals" in rows[1]
    assert world.staff.full_name not in str(rows)
    other = signed_in_client(world.other_admin).get("/ideas/export.csv")
    assert "retype referrals" not in other.content.decode()


def test_only_the_learning_team_and_managers_may_download(world: World) -> None:
    assert signed_in_client(world.staff).get("/learning/exports/").status_code == 404
    assert signed_in_client(world.manager).get("/learning/exports/themes.csv").status_code == 404
    assert signed_in_client(world.staff).get("/ideas/export.csv").status_code == 404
    page = signed_in_client(world.analyst).get("/learning/exports/")
    assert "coded-reports.xlsx" in page.content.decode()
    assert signed_in_client(world.analyst).get("/learning/exports/other.csv").status_code == 404
    assert signed_in_client(world.analyst).get("/learning/exports/themes.pdf").status_code == 404
