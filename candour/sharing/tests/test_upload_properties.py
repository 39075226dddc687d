"""Garbled flag files, checked with hypothesis: the flags import stores every row or none,
and a refused file names the line and the reason of every bad row."""

from __future__ import annotations

import csv
import io

from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from candour.sharing import services
from candour.sharing.models import ChildFlag
from candour.sharing.tests.support import NUMBERS
from conftest import World

SMALL = settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
HEADINGS = ["nhs_number", "plan_type", "start_date", "end_date", "team_name", "team_phone"]
# Each way of breaking a row: the column, and a value that can never be right there.
BREAKAGES = st.one_of(
    st.tuples(st.just(0), st.sampled_from(["9990000019", "123", "", "\x00", "🧒" * 10])),
    st.tuples(st.just(1), st.sampled_from(["", "maybe", "\u202ecpp", "\x00"])),
    st.tuples(st.just(2), st.sampled_from(["", "31/02/2026", "yesterday", "\x00"])),
    st.tuples(st.just(3), st.just("2020-01-01")),  # ends before it starts
    st.tuples(st.just(4), st.sampled_from(["", "x" * 201])),
    st.tuples(st.just(5), st.sampled_from(["", "call us", "\x00", "1" * 41])),
)


@st.composite
def files(draw: st.DrawFn) -> tuple[bytes, int, set[int]]:
    """A flags file, its number of rows, and the lines deliberately broken."""
    count = draw(st.integers(min_value=1, max_value=6))
    broken = set(draw(st.lists(st.integers(min_value=0, max_value=count - 1), unique=True)))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    for index in range(count):
        name = draw(
            st.text(min_size=1, max_size=20).filter(lambda t: t.strip() and "\x00" not in t)
        )
        row = [NUMBERS[index], "cpp", "2026-01-02", "", name, "01632 960000"]
        if index in broken:
            column, value = draw(BREAKAGES)
            row[column] = value
        writer.writerow(row)
    return out.getvalue().encode("utf-8"), count, {i + 2 for i in broken}


@SMALL
@given(case=files())
@example(case=(b"nhs_number,plan_type\n\x00,\xff\n", 1, {2}))
@example(case=(("\ufeff" + ",".join(HEADINGS) + "\n\u202e,,,,,\n").encode(), 1, {2}))
def test_flags_are_imported_whole_or_not_at_all_with_every_bad_line_named(
    world: World, case: tuple[bytes, int, set[int]]
) -> None:
    content, rows, broken = case
    with transaction.atomic():
        before = ChildFlag.objects.count()
        result = services.import_flags(
            actor=world.manager, organisation=world.riverside, data=content
        )
        stored = ChildFlag.objects.count() - before
        transaction.set_rollback(True)

    if result.ok:
        assert not broken
        assert stored == result.flags == rows
    else:
        assert stored == 0
        assert result.flags == 0
        lines = {problem.line for problem in result.problems}
        assert broken <= lines or lines == {1}  # or the headings themselves are wrong
        for problem in result.problems:
            assert problem.reason.strip()
            assert 1 <= problem.line <= rows + 1
            # The NHS number, which may be nearly right, is never repeated back.
            assert all(number not in problem.value for number in NUMBERS)
