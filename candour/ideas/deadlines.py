"""Response deadlines in working days: Monday to Friday, less England's bank holidays.

A manager is not expected to answer an idea on Christmas Day, so a deadline that ignores
bank holidays comes due a day or two early over Christmas and Easter, and escalates
ideas nobody could have answered.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

# Bank holidays moved or added by proclamation; the regular rules cannot know them. Update
# this when one is announced (GOV.UK publishes them about a year ahead).
MOVED: dict[int, dict[date, date]] = {
    2012: {date(2012, 5, 28): date(2012, 6, 4)},
    2020: {date(2020, 5, 4): date(2020, 5, 8)},
    2022: {date(2022, 5, 30): date(2022, 6, 2)},
}
ADDED: dict[int, tuple[date, ...]] = {
    2011: (date(2011, 4, 29),),
    2012: (date(2012, 6, 5),),
    2022: (date(2022, 6, 3), date(2022, 9, 19)),
    2023: (date(2023, 5, 8),),
}


def easter_sunday(year: int) -> date:
    """Western Easter (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def _first_monday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    after = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    last = after - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def _next_weekdays(after: date, count: int, taken: set[date]) -> list[date]:
    found: list[date] = []
    day = after
    while len(found) < count:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in taken:
            found.append(day)
    return found


@cache
def england_bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays, with substitute days for weekends."""
    easter = easter_sunday(year)
    days = {
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        _first_monday(year, 5),
        _last_monday(year, 5),
        _last_monday(year, 8),
    }
    new_year = date(year, 1, 1)
    days.add(new_year if new_year.weekday() < 5 else _next_weekdays(new_year, 1, days)[0])
    christmas = [date(year, 12, 25), date(year, 12, 26)]
    days.update(day for day in christmas if day.weekday() < 5)
    weekend = sum(1 for day in christmas if day.weekday() >= 5)
    days.update(_next_weekdays(christmas[1], weekend, days))
    for usual, moved in MOVED.get(year, {}).items():
        days.discard(usual)
        days.add(moved)
    days.update(ADDED.get(year, ()))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in england_bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start``."""
    current = start
    added = 0
    while added < days:
        current += timedelta(days=1)
        if is_working_day(current):
            added += 1
    return current
