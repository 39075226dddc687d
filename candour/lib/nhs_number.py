"""NHS numbers: ten digits, the last a modulus 11 check digit. Pure functions, no Django.

The one copy (ADR 0023): the de-identifier finds them in free text, the sharing service
checks them on every flag and lookup.

>>> check("943 476 5919")
'9434765919'
>>> with_check_digit("999000001")
'9990000018'
"""

from __future__ import annotations

import re

LENGTH = 10
_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)
# People type NHS numbers as 943 476 5919 or 943-476-5919: spaces and hyphens are dropped.
_SEPARATORS = re.compile(r"[\s-]+")


class InvalidNhsNumberError(ValueError):
    """The value is not an NHS number; the message says why in plain English."""


def check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when no digit works (the remainder is 10)."""
    if len(first_nine) != 9 or not first_nine.isascii() or not first_nine.isdigit():
        raise ValueError("expected exactly nine digits")
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, _WEIGHTS, strict=True))
    digit = 11 - total % 11
    if digit == 11:
        return 0
    return None if digit == 10 else digit


def check(value: str) -> str:
    """The NHS number's ten digits, or InvalidNhsNumberError with the reason."""
    digits = _SEPARATORS.sub("", value or "")
    if not digits:
        raise InvalidNhsNumberError("Enter the NHS number")
    if not digits.isascii() or not digits.isdigit():
        raise InvalidNhsNumberError("An NHS number has only digits, 0 to 9")
    if len(digits) != LENGTH:
        raise InvalidNhsNumberError(f"An NHS number has 10 digits; this has {len(digits)}")
    if check_digit(digits[:9]) != int(digits[9]):
        raise InvalidNhsNumberError(
            "This is not a valid NHS number: its last digit does not match the others. "
            "Check it has been copied correctly"
        )
    return digits


def normalise(value: str) -> str | None:
    """The ten digits of ``value`` with spaces and hyphens dropped, or None if not ten digits."""
    digits = _SEPARATORS.sub("", value)
    if len(digits) != LENGTH or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def format_spaced(value: str) -> str:
    """The 3-3-4 form NHS staff write: "943 476 5919"."""
    digits = normalise(value)
    if digits is None:
        raise ValueError("not a ten-digit number")
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def is_valid(value: str) -> bool:
    try:
        check(value)
    except InvalidNhsNumberError:
        return False
    return True


def with_check_digit(first_nine: str) -> str | None:
    """Complete nine digits into a valid NHS number, or None when none exists."""
    digit = check_digit(first_nine)
    return None if digit is None else f"{first_nine}{digit}"


def numbers_for_trials(start: int = 999_000_000, count: int = 10) -> list[str]:
    """Valid numbers from the 999 range, which the NHS keeps for testing."""
    numbers: list[str] = []
    base = start
    while len(numbers) < count:
        number = with_check_digit(f"{base:09d}")
        if number is not None:
            numbers.append(number)
        base += 1
    return numbers
