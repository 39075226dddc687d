"""Dates, times and dates of birth: found, then generalised to month and part of day.

Analysis needs coarse time (when in the year, which shift), so an incident date becomes
"June 2015" and 14:35 becomes "afternoon". A date of birth identifies a child and is
removed whole. A bare month and year ("June 2015") or a year is already coarse and is left.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from candour.lib.deid.spans import Kind, Span

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_NUMBER = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTH_NUMBER.update({name[:3].lower(): number for name, number in list(_MONTH_NUMBER.items())})
_MONTH_NUMBER["sept"] = 9

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
    r"\.?,?\s+"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"

_DAY_MONTH = re.compile(
    rf"\b(?:{_WEEKDAY})?(?:the\s+)?(?P<day>{_DAY}){_ORDINAL}(?:\s+of)?[\s\-/.]{{0,2}}"
    rf"(?P<month>{_MONTH})(?![a-z])(?:,?[\s\-/.]{{0,2}}(?P<year>{_YEAR}\b|'\d{{2}}\b|(?<=[-/])\d{{2}}\b))?",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"\b(?:{_WEEKDAY})?(?P<month>{_MONTH})[\s.]+(?:the\s+)?(?P<day>{_DAY}){_ORDINAL}\b"
    rf"(?:,?\s+(?P<year>{_YEAR})\b)?",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    rf"(?<![\d/.\-])(?:{_WEEKDAY})?(?P<a>\d{{1,2}})(?P<sep>[/.\-])(?P<b>\d{{1,2}})(?P=sep)"
    r"(?P<year>\d{4}|\d{2})(?!\d|[/\-.]\d)",
    re.IGNORECASE,
)
_ISO = re.compile(
    rf"(?<![\d/.\-])(?P<year>{_YEAR})(?P<sep>[\-/.])(?P<month>0?[1-9]|1[0-2])(?P=sep)"
    r"(?P<day>0?[1-9]|[12]\d|3[01])(?!\d)"
)
# Day and month alone are too like scores and fractions; only after "on" or "dated".
_SHORT_NUMERIC = re.compile(
    r"(?:(?<=\bon )|(?<=\bdated ))(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/])", re.IGNORECASE
)
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<year>{_YEAR})\b", re.IGNORECASE)

_DOB_CUE = re.compile(
    r"(?:\bd\.?o\.?b\b\.?|\bdate\s+of\s+birth|\bbirth\s*date|\bbirthday|\bborn(?:\s+on)?"
    r"|\bb\.)\s*(?:is|was|of|:|-|\u2013)?\s*(?:the\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)
# A birth month and year, or a birth year, is still a date of birth.
_DOB_COARSE = re.compile(
    rf"(?P<cue>(?:\bd\.?o\.?b\b\.?|\bdate\s+of\s+birth|\bborn(?:\s+in)?)\s*[:\-]?\s*)"
    rf"(?P<date>(?:{_MONTH}\s+)?{_YEAR}\b|(?:0?[1-9]|1[0-2])/{_YEAR}\b)",
    re.IGNORECASE,
)

_CLOCK = re.compile(
    r"(?<![\d.:£$€])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d)?"
    r"(?:\s*(?P<half>[ap]\.m\.|[ap]m\b))?(?:\s*(?:hrs|hours|h)\b)?(?![\d:])",
    re.IGNORECASE,
)
_DOTTED = re.compile(
    r"(?<![\d.£$€])(?P<hour>[01]?\d|2[0-3])\.(?P<minute>[0-5]\d)"
    r"\s*(?:(?P<half>[ap]\.m\.|[ap]m\b)|(?:hrs|hours|h)\b)",
    re.IGNORECASE,
)
_HOUR_HALF = re.compile(
    r"(?<![\d.£$€])\b(?P<hour>1[0-2]|0?[1-9])\s*(?P<half>[ap]\.m\.|[ap]m\b)", re.IGNORECASE
)
_MILITARY = re.compile(
    r"(?<![\d.£$€])\b(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s*(?:hrs|hours|h)\b",
    re.IGNORECASE,
)

# Months that are also common words in lower case.
_AMBIGUOUS_MONTHS = frozenset({"may", "mar", "march", "jan"})


def _year(value: str | None) -> int | None:
    if not value:
        return None
    value = value.lstrip("'")
    number = int(value)
    if len(value) == 2:
        return 2000 + number if number <= 40 else 1900 + number
    return number


def _month(value: str) -> int:
    key = value.rstrip(".").lower()
    return _MONTH_NUMBER.get(key) or _MONTH_NUMBER[key[:3]]


def _numeric_parts(first: int, second: int) -> int | None:
    """The month of a numeric date, reading day first as the UK does unless impossible."""
    if 1 <= first <= 31 and 1 <= second <= 12:
        return second
    if 1 <= first <= 12 and 13 <= second <= 31:
        return first
    return None


def month_year(month: int | None, year: int | None) -> str:
    if month is None and year is None:
        return "[date]"
    if month is None:
        return str(year)
    name = MONTH_NAMES[month - 1]
    return f"{name} {year}" if year is not None else name


def generalise_date(text: str) -> str:
    """The month and year a date names: "Tue 17th June 2015" gives "June 2015"."""
    for pattern in (_ISO, _NUMERIC):
        match = pattern.search(text)
        if match:
            if pattern is _ISO:
                month: int | None = int(match["month"])
            else:
                month = _numeric_parts(int(match["a"]), int(match["b"]))
            return month_year(month, _year(match["year"]))
    for pattern in (_DAY_MONTH, _MONTH_DAY, _MONTH_YEAR):
        match = pattern.search(text)
        if match:
            return month_year(_month(match["month"]), _year(match["year"]))
    match = _SHORT_NUMERIC.search(" on " + text)
    if match:
        return month_year(_numeric_parts(int(match["a"]), int(match["b"])), None)
    return "[date]"


def part_of_day(hour: int) -> str:
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 21:
        return "evening"
    return "night"


def _hour(match: re.Match[str]) -> int:
    hour = int(match["hour"])
    half = (match.groupdict().get("half") or "").lower()
    if half.startswith("p") and hour < 12:
        hour += 12
    elif half.startswith("a") and hour == 12:
        hour = 0
    return hour


def generalise_time(text: str) -> str:
    """The part of the day a time falls in: "14:35" gives "afternoon"."""
    for pattern in (_CLOCK, _DOTTED, _MILITARY, _HOUR_HALF):
        match = pattern.search(text)
        if match:
            return part_of_day(_hour(match))
    return "[time]"


def _date_matches(text: str) -> Iterator[tuple[int, int]]:
    for match in _ISO.finditer(text):
        yield match.start(), match.end()
    for match in _NUMERIC.finditer(text):
        if _numeric_parts(int(match["a"]), int(match["b"])) is not None:
            yield match.start(), match.end()
    for match in _SHORT_NUMERIC.finditer(text):
        if _numeric_parts(int(match["a"]), int(match["b"])) is not None:
            yield match.start(), match.end()
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for match in pattern.finditer(text):
            month = match["month"]
            ambiguous = month.lower().rstrip(".") in _AMBIGUOUS_MONTHS
            if ambiguous and not month.istitle() and not match["year"]:
                continue
            yield match.start(), match.end()


def find_dates(text: str) -> list[Span]:
    """Dates (generalised) and dates of birth (removed), longest match first."""
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    for start, end in sorted(_date_matches(text), key=lambda r: (r[0], -r[1])):
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        if _DOB_CUE.search(text, max(0, start - 40), start):
            spans.append(Span(start, end, Kind.DATE_OF_BIRTH, "[date of birth]"))
        else:
            spans.append(Span(start, end, Kind.DATE, generalise_date(text[start:end])))
    for match in _DOB_COARSE.finditer(text):
        start, end = match.span("date")
        if not any(s < end and start < e for s, e in taken):
            spans.append(Span(start, end, Kind.DATE_OF_BIRTH, "[date of birth]"))
    return spans


def find_times(text: str) -> list[Span]:
    spans: list[Span] = []
    for pattern in (_CLOCK, _DOTTED, _MILITARY, _HOUR_HALF):
        for match in pattern.finditer(text):
            span = Span(match.start(), match.end(), Kind.TIME, part_of_day(_hour(match)))
            if not any(span.overlaps(other) for other in spans):
                spans.append(span)
    return spans
