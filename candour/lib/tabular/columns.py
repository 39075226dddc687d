"""What a column holds: each kind turns one trimmed cell into a value or says why it cannot."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Protocol, TypeAlias

CellValue: TypeAlias = str | int | Decimal | dt.date | bool


class CellError(ValueError):
    """A cell's value cannot be read; the message is the plain-English reason."""


class ColumnKind(Protocol):
    def parse(self, text: str) -> CellValue: ...

    def describe(self) -> str: ...


def normalise_token(text: str) -> str:
    """Fold case, spaces, dots, hyphens and underscores: 'Full-time FTE' == 'full_time fte'."""
    return " ".join(re.sub(r"[_\-\s.]+", " ", text).casefold().split())


@dataclass(frozen=True, slots=True)
class Text:
    max_length: int = 200
    # A pattern the whole value must match, with the reason to give when it does not.
    pattern: str | None = None
    pattern_reason: str = ""
    pattern_summary: str = ""

    def parse(self, text: str) -> CellValue:
        if len(text) > self.max_length:
            raise CellError(f"is longer than {self.max_length} characters")
        if self.pattern is not None and not re.fullmatch(self.pattern, text):
            raise CellError(self.pattern_reason or "is not in the expected form")
        return text

    def describe(self) -> str:
        summary = f"; {self.pattern_summary}" if self.pattern_summary else ""
        return f"text, up to {self.max_length} characters{summary}"


_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?")


def _number(text: str) -> Decimal:
    if not text or text in {"+", "-", "."} or not _NUMBER.fullmatch(text):
        raise CellError("is not a number")
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
        raise CellError("is not a number") from error


def _bounds(value: Decimal, minimum: Decimal | None, maximum: Decimal | None) -> None:
    if minimum is not None and value < minimum:
        raise CellError(f"must be at least {minimum}")
    if maximum is not None and value > maximum:
        raise CellError(f"must be no more than {maximum}")


def _range_words(minimum: Decimal | int | None, maximum: Decimal | int | None) -> str:
    if minimum is not None and maximum is not None:
        return f", {minimum} to {maximum}"
    if minimum is not None:
        return f", at least {minimum}"
    if maximum is not None:
        return f", at most {maximum}"
    return ""


@dataclass(frozen=True, slots=True)
class Integer:
    minimum: int | None = None
    maximum: int | None = None

    def parse(self, text: str) -> CellValue:
        value = _number(text)
        if value != value.to_integral_value():
            raise CellError("must be a whole number")
        _bounds(
            value,
            None if self.minimum is None else Decimal(self.minimum),
            None if self.maximum is None else Decimal(self.maximum),
        )
        return int(value)

    def describe(self) -> str:
        return "whole number" + _range_words(self.minimum, self.maximum)


@dataclass(frozen=True, slots=True)
class DecimalNumber:
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    places: int = 4
    # FTE of zero means nobody: allow a strictly positive lower bound.
    exclusive_minimum: bool = False

    def parse(self, text: str) -> CellValue:
        value = _number(text)
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.places:
            raise CellError(f"has more than {self.places} decimal places")
        if self.exclusive_minimum and self.minimum is not None and value <= self.minimum:
            raise CellError(f"must be more than {self.minimum}")
        _bounds(value, self.minimum, self.maximum)
        return value

    def describe(self) -> str:
        words = "decimal number"
        if self.exclusive_minimum and self.minimum is not None:
            words += f", more than {self.minimum}"
            if self.maximum is not None:
                words += f" and at most {self.maximum}"
        else:
            words += _range_words(self.minimum, self.maximum)
        return f"{words}, up to {self.places} decimal places"


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?: 00:00(?::00)?)?")


@dataclass(frozen=True, slots=True)
class Date:
    def parse(self, text: str) -> CellValue:
        if match := _ISO_DATE.fullmatch(text):
            year, month, day = match.groups()
        elif match := _UK_DATE.fullmatch(text):
            day, month, year = match.groups()
            # 01/02/24 could be 1924 or 2024: refuse to guess.
            if len(year) == 2:
                raise CellError("has a two-digit year: write the year in full, e.g. 01/02/2024")
        else:
            raise CellError("is not a date: use YYYY-MM-DD (2024-03-31) or DD/MM/YYYY (31/03/2024)")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError as error:
            raise CellError("is not a real date") from error

    def describe(self) -> str:
        return "date, YYYY-MM-DD or DD/MM/YYYY"


@dataclass(frozen=True, slots=True)
class Choice:
    """One of a fixed set of codes; each code may be written as any of its aliases."""

    options: Mapping[str, tuple[str, ...]]
    _lookup: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict[str, str] = {}
        for code, aliases in self.options.items():
            for spelling in (code, *aliases):
                key = normalise_token(spelling)
                if lookup.setdefault(key, code) != code:
                    raise ValueError(f"{spelling!r} is an alias of two codes")
        object.__setattr__(self, "_lookup", lookup)

    def parse(self, text: str) -> CellValue:
        try:
            return self._lookup[normalise_token(text)]
        except KeyError:
            raise CellError("is not one of: " + ", ".join(self.options)) from None

    def describe(self) -> str:
        return "one of: " + ", ".join(self.options)


_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})


@dataclass(frozen=True, slots=True)
class Boolean:
    def parse(self, text: str) -> CellValue:
        folded = text.casefold()
        if folded in _YES:
            return True
        if folded in _NO:
            return False
        raise CellError("must be yes or no")

    def describe(self) -> str:
        return "yes or no (also y/n, true/false, 1/0)"
