"""Coarse dates: months and weeks instead of moments, and working-day deadlines."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from candour.lib.statistics.working_days import england_bank_holidays


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_start(day: date) -> date:
    return day.replace(day=1)


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(england_bank_holidays(year))


def is_working_day(day: date) -> bool:
    """Monday to Friday, less England's bank holidays: nobody is expected to triage a
    report or answer an idea on Christmas Day, so deadlines must not fall due then."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    current = start
    added = 0
    while added < days:
        current += timedelta(days=1)
        if is_working_day(current):
            added += 1
    return current
