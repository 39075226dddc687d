"""Garbled caseload files, checked with hypothesis: a file is imported whole or not at all,
and a refused file names the line and the reason of every bad row."""

from __future__ import annotations

import csv
import io

from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from candour.workforce.imports.services import import_file
from candour.workforce.models import Caseload, ImportBatch, ImportKind
from conftest import World

SMALL = settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Never a whole number from 0 to 500, whatever the reader trims.
not_a_count = st.one_of(
    st.sampled_from(["", "x", "-1", "501", "1.5", "\x00", "🧒", "\u202e7", "1e3", "NaN"]),
    st.text(min_size=1, max_size=8).filter(
        lambda t: not (t.strip().isascii() and t.strip().isdigit()) and t.strip() != ""
    ),
)
cells = st.text(max_size=12)


@st.composite
def files(draw: st.DrawFn) -> tuple[bytes, int, set[int]]:
    """A caseload file, its number of rows, and the lines deliberately broken."""
    count = draw(st.integers(min_value=1, max_value=8))
    broken = set(draw(st.lists(st.integers(min_value=0, max_value=count - 1), unique=True)))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["person_reference", "team", "date", "cases_held"])
    for index in range(count):
        team = draw(st.one_of(st.just("Assessment"), cells))
        cases = draw(not_a_count) if index in broken else str(draw(st.integers(0, 500)))
        writer.writerow([f"SW{index:04d}", team, "2024-09-30", cases])
    if draw(st.booleans()):
        # Garbage after the table: a ragged row of arbitrary cells.
        writer.writerow(draw(st.lists(cells, max_size=6)))
        count += 1
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig"]))
    return out.getvalue().encode(encoding, errors="replace"), count, {i + 2 for i in broken}


@SMALL
@given(case=files())
@example(case=(b"person_reference,team,date,cases_held\nSW1,A,2024-09-30,\x00\n", 1, {2}))
@example(case=(b"person_reference,team,date,cases_held\n\xff\xfe\x00,,,\n", 1, set()))
def test_a_file_is_imported_whole_or_not_at_all_with_every_bad_line_named(
    world: World, case: tuple[bytes, int, set[int]]
) -> None:
    content, rows, broken = case
    with transaction.atomic():
        caseloads, batches = Caseload.objects.count(), ImportBatch.objects.count()
        result = import_file(
            actor=world.admin,
            organisation=world.riverside,
            kind=ImportKind.CASELOADS,
            filename="caseloads.csv",
            content=content,
        )
        stored = Caseload.objects.count() - caseloads
        new_batches = ImportBatch.objects.count() - batches
        transaction.set_rollback(True)

    if result.ok:
        assert not broken
        assert not result.problems
        # A trailing row of garbage may be blank, and skipped; no real row is ever lost.
        assert stored == result.rows
        assert rows - 1 <= stored <= rows
        assert new_batches == 1
    else:
        assert stored == 0
        assert new_batches == 0
        assert result.problems
        assert broken <= {problem.line for problem in result.problems}
        for problem in result.problems:
            assert problem.reason.strip()
            assert 1 <= problem.line <= rows + 1
            assert str(problem).startswith(f"Line {problem.line}")
