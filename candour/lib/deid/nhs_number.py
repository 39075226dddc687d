"""NHS numbers: ten digits, the last a modulus 11 check digit over the first nine.

Kept free of the rest of the de-identifier so other apps (case import, validation of
forms) can use it.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s-]")
_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when no tenth digit can make them valid."""
    if len(first_nine) != 9 or not first_nine.isascii() or not first_nine.isdigit():
        raise ValueError("expected exactly nine digits")
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, _WEIGHTS, strict=True))
    digit = 11 - total % 11
    if digit == 11:
        return 0
    if digit == 10:
        return None
    return digit


def normalise(value: str) -> str | None:
    """The ten digits of ``value`` with spaces and hyphens dropped, or None if not ten digits."""
    digits = _SEPARATORS.sub("", value)
    if len(digits) != 10 or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def is_valid(value: str) -> bool:
    """True for ten digits (spaced or hyphenated as usual) whose check digit is right."""
    digits = normalise(value)
    if digits is None:
        return False
    return check_digit(digits[:9]) == int(digits[9])


def format_spaced(value: str) -> str:
    """The 3-3-4 form NHS staff write: "943 476 5919"."""
    digits = normalise(value)
    if digits is None:
        raise ValueError("not a ten-digit number")
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
