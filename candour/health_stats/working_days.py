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
