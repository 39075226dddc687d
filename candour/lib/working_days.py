"""Working days in England: Monday to Friday, less bank holidays. The one copy (ADR 0023).

Bank holidays come from the `holidays` package (England's subdivision of the UK,
substitute days and one-off days by royal proclamation included), so the next jubilee
or state occasion needs a dependency update, not a release of Candour's own sums.
Pure: no Django.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

import holidays

# The DfE workforce census divides FTE days lost by FTE in post x 253 working days, and
# by 254 in a reporting year that contains 29 February (2020 and 2024): every local
# authority's published absence rate in csww_indicators_2017_to_2025.csv reproduces so.
DFE_WORKING_DAYS = 253


def dfe_working_days_in_year(year_to_30_september: int) -> int:
    """The working days the DfE uses for the year ending 30 September of that year."""
    return DFE_WORKING_DAYS + (1 if calendar.isleap(year_to_30_september) else 0)


@cache
def england_bank_holidays(year: int) -> frozenset[date]:
    """England's bank holidays in a year that fall on a weekday (the day off people get:
    a holiday on a Saturday is taken on the Monday, and only the Monday is listed)."""
    found = holidays.country_holidays("GB", subdiv="ENG", years=year)
    return frozenset(day for day in found if day.weekday() < 5)


def england_bank_holidays_between(start: date, end: date) -> set[date]:
    """England's bank holidays from start to end inclusive."""
    found: set[date] = set()
    for year in range(start.year, end.year + 1):
        found |= {day for day in england_bank_holidays(year) if start <= day <= end}
    return found


def is_working_day(day: date) -> bool:
    """Monday to Friday, less England's bank holidays: nobody is expected to triage a
    report or answer an idea on Christmas Day, so deadlines must not fall due then."""
    return day.weekday() < 5 and day not in england_bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The day ``days`` working days after ``start``."""
    current = start
    added = 0
    while added < days:
        current += timedelta(days=1)
        if is_working_day(current):
            added += 1
    return current


def working_days_between(start: date, end: date, holidays: Iterable[date] = ()) -> int:
    """Weekdays from start to end inclusive that are not in ``holidays``.

    Weekends never count, so a Friday-to-Monday absence is two working days. Returns 0
    when end is before start.
    """
    if end < start:
        return 0
    closed = {day for day in holidays if start <= day <= end and day.weekday() < 5}
    total_days = (end - start).days + 1
    full_weeks, remainder = divmod(total_days, 7)
    weekdays = full_weeks * 5
    for offset in range(remainder):
        if (start + timedelta(days=full_weeks * 7 + offset)).weekday() < 5:
            weekdays += 1
    return weekdays - len(closed)
