"""Sickness absence: spells, days lost, short and long term, reasons, concentration.

Days lost are working days (Monday to Friday less bank holidays: weekends never count),
scaled by the person's FTE, as in the DfE workforce census. The length class of a spell
follows design/METRICS.md: short term is 7 calendar days or fewer, long term 28 calendar
days (four weeks) or more, medium term in between. Spells known only as days lost (no
dates) are classed on working days with the same weeks: 5 or fewer, 20 or more.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from candour.lib.statistics.concentration import LorenzPoint, gini_coefficient, lorenz_curve
from candour.lib.statistics.concentration import top_share as _top_share
from candour.lib.working_days import working_days_between

SHORT_TERM_MAX_CALENDAR_DAYS = 7
LONG_TERM_MIN_CALENDAR_DAYS = 28
SHORT_TERM_MAX_WORKING_DAYS = 5
LONG_TERM_MIN_WORKING_DAYS = 20
BRADFORD_WINDOW = timedelta(weeks=52)

BRADFORD_FACTOR_NOTE = (
    "The Bradford factor (spells x spells x days, over 52 weeks, disability-related "
    "absence excluded) is only a prompt for a supportive conversation about health and "
    "adjustments. It is never a trigger for action or a measure of conduct."
)


class SpellLength(enum.StrEnum):
    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"


@dataclass(frozen=True)
class AbsenceSpell:
    """One continuous spell of sickness absence, first and last day inclusive."""

    person: str
    start: date
    end: date
    reason: str
    disability_related: bool = False
    fte: float = 1.0


@dataclass(frozen=True)
class CountedSpell:
    """A spell reduced to what the statistics need: FTE working days lost and its class.

    Build one directly when the source records days or hours rather than dates.
    """

    person: str
    days_lost: float
    reason: str
    length: SpellLength
    disability_related: bool = False


def classify_by_calendar_days(calendar_days: int) -> SpellLength:
    """Short (<= 7 calendar days), long (>= 28) or medium."""
    if calendar_days <= SHORT_TERM_MAX_CALENDAR_DAYS:
        return SpellLength.SHORT
    if calendar_days >= LONG_TERM_MIN_CALENDAR_DAYS:
        return SpellLength.LONG
    return SpellLength.MEDIUM


def classify_by_working_days(working_days: float) -> SpellLength:
    """Short (<= 5 working days), long (>= 20) or medium: for spells without dates."""
    if working_days <= SHORT_TERM_MAX_WORKING_DAYS:
        return SpellLength.SHORT
    if working_days >= LONG_TERM_MIN_WORKING_DAYS:
        return SpellLength.LONG
    return SpellLength.MEDIUM


def count_spell(spell: AbsenceSpell, holidays: Iterable[date] = ()) -> CountedSpell:
    """FTE working days lost in a dated spell, classed on its calendar length."""
    if spell.end < spell.start:
        raise ValueError(f"absence spell for {spell.person} ends before it starts")
    working = working_days_between(spell.start, spell.end, holidays)
    return CountedSpell(
        person=spell.person,
        days_lost=working * spell.fte,
        reason=spell.reason,
        length=classify_by_calendar_days((spell.end - spell.start).days + 1),
        disability_related=spell.disability_related,
    )


@dataclass(frozen=True)
class LengthSummary:
    spells: int
    days_lost: float


@dataclass(frozen=True)
class AbsenceSummary:
    """Absence over a period for a group of people (everyone in ``people``, absent or not)."""

    people: int
    people_absent: int
    spells: int
    days_lost: float
    by_length: dict[SpellLength, LengthSummary]
    days_by_reason: dict[str, float]
    top_fifth_share: float | None
    gini: float | None
    lorenz: list[LorenzPoint]
    days_per_person: float | None


def days_by_person(spells: Iterable[CountedSpell], people: Iterable[str] = ()) -> dict[str, float]:
    """Days lost per person, with 0 for everyone in ``people`` who had no spell."""
    totals: dict[str, float] = dict.fromkeys(people, 0.0)
    for spell in spells:
        totals[spell.person] = totals.get(spell.person, 0.0) + spell.days_lost
    return totals


def summarise_absence(spells: Sequence[CountedSpell], people: Iterable[str] = ()) -> AbsenceSummary:
    """Spells, days, length classes, reasons and concentration across people.

    ``people`` is everyone in post in the period; people with spells are added if missing.
    Concentration (top-fifth share, Gini, Lorenz) is over all of them, zeros included.
    """
    per_person = days_by_person(spells, people)
    by_length: dict[SpellLength, LengthSummary] = {}
    for length in SpellLength:
        chosen = [spell for spell in spells if spell.length is length]
        by_length[length] = LengthSummary(len(chosen), sum(s.days_lost for s in chosen))
    reasons: dict[str, float] = defaultdict(float)
    for spell in spells:
        reasons[spell.reason] += spell.days_lost
    values = list(per_person.values())
    total = sum(values)
    return AbsenceSummary(
        people=len(per_person),
        people_absent=sum(1 for value in values if value > 0),
        spells=len(spells),
        days_lost=total,
        by_length=by_length,
        days_by_reason=dict(sorted(reasons.items(), key=lambda item: (-item[1], item[0]))),
        top_fifth_share=_top_share(values, 0.2),
        gini=gini_coefficient(values),
        lorenz=lorenz_curve(values),
        days_per_person=total / len(values) if values else None,
    )


def bradford_factor(spells: int, days: float) -> float:
    """S x S x D: ten one-day spells give 1,000, one ten-day spell gives 10."""
    return spells * spells * days


@dataclass(frozen=True)
class BradfordScore:
    """A person's Bradford factor; read with ``BRADFORD_FACTOR_NOTE``."""

    person: str
    spells: int
    days: float
    factor: float


def bradford_scores(spells: Iterable[CountedSpell]) -> list[BradfordScore]:
    """Bradford factor per person, highest first, with disability-related spells left out.

    The caller chooses the spells (a rolling 52 weeks: see ``spells_in_window``).
    Disability-related absence is excluded because counting it would penalise the
    reasonable adjustments the Equality Act 2010 requires. See ``BRADFORD_FACTOR_NOTE``.
    """
    counts: dict[str, int] = defaultdict(int)
    days: dict[str, float] = defaultdict(float)
    for spell in spells:
        if spell.disability_related:
            continue
        counts[spell.person] += 1
        days[spell.person] += spell.days_lost
    scores = [
        BradfordScore(person, counts[person], days[person], bradford_factor(counts[person], d))
        for person, d in days.items()
    ]
    return sorted(scores, key=lambda score: (-score.factor, score.person))


def spells_in_window(
    spells: Iterable[AbsenceSpell], window_end: date, holidays: Iterable[date] = ()
) -> list[CountedSpell]:
    """Dated spells overlapping the 52 weeks ending ``window_end``, clipped to it and counted."""
    window_start = window_end - BRADFORD_WINDOW + timedelta(days=1)
    holiday_list = list(holidays)
    counted = []
    for spell in spells:
        if spell.end < window_start or spell.start > window_end:
            continue
        clipped = AbsenceSpell(
            person=spell.person,
            start=max(spell.start, window_start),
            end=min(spell.end, window_end),
            reason=spell.reason,
            disability_related=spell.disability_related,
            fte=spell.fte,
        )
        counted.append(count_spell(clipped, holiday_list))
    return counted
