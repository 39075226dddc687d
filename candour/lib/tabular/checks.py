"""Cross-row checks: rules that need more than one cell or more than one row to test."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from candour.lib.tabular.columns import CellValue
from candour.lib.tabular.problems import Problem
from candour.lib.tabular.rows import Row
from candour.lib.tabular.schema import RowCheck


def _shown(value: CellValue | None) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def unique(*columns: str, what: str = "row") -> RowCheck:
    """No two rows share the same values in ``columns`` (blank optional values included)."""

    def check(rows: Sequence[Row]) -> Iterator[Problem]:
        first_line: dict[tuple[CellValue | None, ...], int] = {}
        for row in rows:
            key = tuple(row.get(column) for column in columns)
            if (first := first_line.setdefault(key, row.line)) != row.line:
                value = " / ".join(_shown(part) for part in key)
                yield Problem(row.line, columns[0], value, f"repeats the {what} on line {first}")

    return check


def not_before(later: str, earlier: str) -> RowCheck:
    """Where both dates are given, ``later`` is on or after ``earlier``."""

    def check(rows: Sequence[Row]) -> Iterator[Problem]:
        for row in rows:
            end, start = row.optional_date(later), row.optional_date(earlier)
            if end is not None and start is not None and end < start:
                yield Problem(row.line, later, end.isoformat(), f"is before {earlier} ({start})")

    return check


def only_with(column: str, companion: str) -> RowCheck:
    """``column`` may be filled only when ``companion`` is (a leaving reason needs an end date)."""

    def check(rows: Sequence[Row]) -> Iterator[Problem]:
        for row in rows:
            if row.get(column) is not None and row.get(companion) is None:
                value = _shown(row.get(column))
                yield Problem(row.line, column, value, f"is given but {companion} is blank")

    return check


def no_overlap(*key: str, start: str, end: str, what: str = "period") -> RowCheck:
    """Rows with the same ``key`` cover separate date ranges; a blank ``end`` is still open."""

    def check(rows: Sequence[Row]) -> Iterator[Problem]:
        groups: defaultdict[tuple[CellValue | None, ...], list[Row]] = defaultdict(list)
        for row in rows:
            groups[tuple(row.get(column) for column in key)].append(row)
        for group in groups.values():
            yield from _overlaps(sorted(group, key=lambda row: row.date(start)), start, end, what)

    return check


def _overlaps(rows: Iterable[Row], start: str, end: str, what: str) -> Iterator[Problem]:
    latest: tuple[dt.date | None, int] | None = None  # (furthest end so far, its line)
    for row in rows:
        begins = row.date(start)
        if latest is not None:
            until, line = latest
            if until is None or begins <= until:
                reason = f"overlaps the {what} on line {line}"
                yield Problem(row.line, start, begins.isoformat(), reason)
        finishes = row.optional_date(end)
        if latest is None or (latest[0] is not None and (finishes is None or finishes > latest[0])):
            latest = (finishes, row.line)
