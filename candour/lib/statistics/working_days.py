"""Working days: Monday to Friday, less the bank holidays the caller supplies."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

# The DfE workforce census divides FTE days lost by FTE in post x 253 working days, and
# by 254 in a reporting year that contains 29 February (2020 and 2024): every local
# authority's published absence rate in csww_indicators_2017_to_2025.csv reproduces so.
DFE_WORKING_DAYS = 253


def dfe_working_days_in_year(year_to_30_september: int) -> int:
    """The working days the DfE uses for the year ending 30 September of that year."""
    return DFE_WORKING_DAYS + (1 if calendar.isleap(year_to_30_september) else 0)


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


def _easter_sunday(year: int) -> date:
    """Western Easter (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    day = date(year, month, calendar.monthrange(year, month)[1])
    return day - timedelta(days=day.weekday())


def _substitute(day: date, taken: set[date]) -> date:
    """A holiday on a weekend (or on another holiday) moves to the next free weekday."""
    while day.weekday() >= 5 or day in taken:
        day += timedelta(days=1)
    return day


# One-off changes by royal proclamation: (moved from, moved to) and extra days.
_MOVED = {
    date(2012, 5, 28): date(2012, 6, 4),  # spring holiday moved for the Diamond Jubilee
    date(2020, 5, 4): date(2020, 5, 8),  # early May moved for VE Day's 75th anniversary
    date(2022, 5, 30): date(2022, 6, 2),  # spring holiday moved for the Platinum Jubilee
}
_EXTRA = {
    date(2011, 4, 29),  # royal wedding
    date(2012, 6, 5),  # Diamond Jubilee
    date(2022, 6, 3),  # Platinum Jubilee
    date(2022, 9, 19),  # the State Funeral of Queen Elizabeth II
    date(2023, 5, 8),  # the coronation of King Charles III
}


def england_bank_holidays(year: int) -> set[date]:
    """England and Wales bank holidays in a year, substitute days included."""
    easter = _easter_sunday(year)
    fixed_weekdays = {
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        _first_monday(year, 5),
        _last_monday(year, 5),
        _last_monday(year, 8),
    }
    days = {_MOVED.get(day, day) for day in fixed_weekdays}
    for month, day in ((1, 1), (12, 25), (12, 26)):
        days.add(_substitute(date(year, month, day), days))
    return days | {day for day in _EXTRA if day.year == year}


def england_bank_holidays_between(start: date, end: date) -> set[date]:
    """The England and Wales bank holidays from start to end inclusive."""
    found: set[date] = set()
    for year in range(start.year, end.year + 1):
        found |= {day for day in england_bank_holidays(year) if start <= day <= end}
    return found
