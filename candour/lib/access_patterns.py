"""Unusual patterns in a month of information-sharing lookups, for the Caldicott Guardian.
Pure functions, no Django (ADR 0025).

The rules flag what an access report exists to catch: one person looking up many
children, the same child again and again, refusals that look like guessing, and bursts.
They prompt a question, never a conclusion: a busy emergency department is busy.

>>> a = [Access("nurse", None, False, dt.datetime(2026, 11, 1, 9))] * 2
>>> unusual(a)
[]
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# A person with at least this many lookups in the month, and at least three times the
# median person's, stands out; so does one who found this many different flagged children.
MANY_LOOKUPS_FLOOR = 20
MANY_LOOKUPS_TIMES_MEDIAN = 3
MANY_CHILDREN = 5
SAME_CHILD_AGAIN = 3
REFUSALS = 3
BURST = 10
BURST_WINDOW = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Access:
    """One lookup: who asked (a stable key), which child if known (a flag reference), whether
    it was refused, and when."""

    who: str
    child: str | None
    refused: bool
    at: dt.datetime


@dataclass(frozen=True)
class Pattern:
    who: str
    kind: str  # many_lookups, many_children, same_child, refusals, burst
    count: int


def _bursts(times: Sequence[dt.datetime]) -> int:
    """The most lookups inside any one window."""
    ordered = sorted(times)
    most = start = 0
    for end, moment in enumerate(ordered):
        while moment - ordered[start] > BURST_WINDOW:
            start += 1
        most = max(most, end - start + 1)
    return most


def unusual(accesses: Iterable[Access]) -> list[Pattern]:
    """Every pattern found, by person, in a stable order."""
    by_person: defaultdict[str, list[Access]] = defaultdict(list)
    for access in accesses:
        by_person[access.who].append(access)
    if not by_person:
        return []
    median = statistics.median(len(rows) for rows in by_person.values())
    many = max(MANY_LOOKUPS_FLOOR, MANY_LOOKUPS_TIMES_MEDIAN * median)
    found: list[Pattern] = []
    for who in sorted(by_person):
        rows = by_person[who]
        if len(rows) >= many:
            found.append(Pattern(who, "many_lookups", len(rows)))
        children = Counter(row.child for row in rows if row.child)
        if len(children) >= MANY_CHILDREN:
            found.append(Pattern(who, "many_children", len(children)))
        again = max(children.values(), default=0)
        if again >= SAME_CHILD_AGAIN:
            found.append(Pattern(who, "same_child", again))
        refused = sum(row.refused for row in rows)
        if refused >= REFUSALS:
            found.append(Pattern(who, "refusals", refused))
        burst = _bursts([row.at for row in rows])
        if burst >= BURST:
            found.append(Pattern(who, "burst", burst))
    return found
