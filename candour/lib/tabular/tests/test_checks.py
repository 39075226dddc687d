import datetime as dt

from candour.lib.tabular.checks import no_overlap, not_before, only_with, unique
from candour.lib.tabular.rows import Row


def row(line, **values):
    return Row(line=line, values=values)


def found(check, rows):
    return [(p.line, p.column, p.value, p.reason) for p in check(rows)]


D = dt.date


def test_unique_names_the_first_line():
    rows = [
        row(2, person="A1", team="N"),
        row(3, person="A1", team="S"),
        row(4, person="A1", team="N"),
    ]
    assert found(unique("person", "team"), rows) == [
        (4, "person", "A1 / N", "repeats the row on line 2")
    ]


def test_not_before_ignores_blank_dates():
    rows = [row(2, start=D(2024, 5, 1), end=D(2024, 4, 30)), row(3, start=D(2024, 5, 1), end=None)]
    assert found(not_before("end", "start"), rows) == [
        (2, "end", "2024-04-30", "is before start (2024-05-01)")
    ]


def test_only_with():
    rows = [row(2, reason="resignation", end=None), row(3, reason="retirement", end=D(2024, 1, 1))]
    assert found(only_with("reason", "end"), rows) == [
        (2, "reason", "resignation", "is given but end is blank")
    ]


def test_no_overlap_handles_open_ended_spells_and_separate_people():
    rows = [
        row(2, person="A1", start=D(2024, 1, 1), end=D(2024, 1, 5)),
        row(3, person="A1", start=D(2024, 1, 5), end=D(2024, 1, 6)),  # shares a day
        row(4, person="A1", start=D(2024, 2, 1), end=None),
        row(5, person="A1", start=D(2024, 3, 1), end=D(2024, 3, 2)),  # inside the open spell
        row(6, person="B2", start=D(2024, 1, 1), end=D(2024, 1, 5)),  # someone else
        row(7, person="A1", start=D(2024, 1, 10), end=D(2024, 1, 12)),  # clear
    ]
    check = no_overlap("person", start="start", end="end", what="spell")
    assert found(check, rows) == [
        (3, "start", "2024-01-05", "overlaps the spell on line 2"),
        (5, "start", "2024-03-01", "overlaps the spell on line 4"),
    ]
