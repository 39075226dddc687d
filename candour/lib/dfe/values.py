"""Read a DfE statistics cell: a number, or a suppression code that means missing (never zero)."""

from __future__ import annotations

import re
from decimal import Decimal

# Explore Education Statistics' symbols, plus older DfE and ONS ones. Each means "no figure".
SUPPRESSION_CODES: dict[str, str] = {
    "c": "suppressed to protect confidentiality",
    "low": "rounds to zero but is not zero",
    "u": "low reliability",
    "x": "not available",
    "z": "not applicable",
    ":": "not available",
    "..": "not available",
    "~": "rounds to zero but is not zero",
    "-": "nil or negligible (not published as a number)",
    "": "blank",
}

_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|-?\.\d+")


class UnreadableValueError(ValueError):
    """A cell is neither a number nor a known suppression code."""


def suppression_code(text: str) -> str | None:
    """The suppression code ``text`` holds, or None if it is not one."""
    code = text.strip().casefold()
    return code if code in SUPPRESSION_CODES else None


def parse_value(text: str) -> Decimal | None:
    """A Decimal for a number (commas allowed), None for a suppression code."""
    stripped = text.strip()
    if _NUMBER.fullmatch(stripped):
        return Decimal(stripped.replace(",", ""))
    if stripped.casefold() in SUPPRESSION_CODES:
        return None
    raise UnreadableValueError(f"{text!r} is neither a number nor a known suppression code")
