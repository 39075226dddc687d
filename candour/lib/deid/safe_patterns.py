"""Which of an organisation's own case-number patterns are safe to run on every submission.

Python's regular expressions backtrack, so a pattern such as ``(a+)+$`` takes hours on a
crafted 40-character narrative and holds a worker (on a hub, for every tenant). Case and
reference numbers have short, fixed shapes, so Candour accepts only a small subset whose
worst case is linear in the text: literals, character classes, anchors, groups and
alternation, and repeats that are bounded, not nested and hold no alternation. Patterns
are checked when saved, and again before each run, so one saved before this check (or
written straight into the database) is skipped rather than run.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as sre_constants  # type: ignore[attr-defined,unused-ignore]
from re import _parser as sre_parser  # type: ignore[attr-defined,unused-ignore]
from typing import Any

MAX_PATTERN_LENGTH = 200
MAX_REPEAT = 32  # no case or reference number is longer than this
# The product of every repeat's choices bounds the backtracking at each start position.
MAX_BACKTRACKING = 1024

_ALLOWED = {
    sre_constants.LITERAL,
    sre_constants.NOT_LITERAL,
    sre_constants.ANY,
    sre_constants.IN,
    sre_constants.AT,
    sre_constants.SUBPATTERN,
    sre_constants.BRANCH,
    sre_constants.MAX_REPEAT,
    sre_constants.MIN_REPEAT,
}
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}


class UnsafePatternError(ValueError):
    """The pattern is outside the safe subset; ``reason`` is a code the caller words."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def _walk(items: Any, *, in_repeat: bool) -> int:
    """Check a parsed pattern; return the product of its repeats' choices."""
    choices = 1
    for op, arg in items:
        if op not in _ALLOWED:
            raise UnsafePatternError(
                "construct", "back-references, look-arounds and conditions are not allowed"
            )
        if op == sre_constants.SUBPATTERN:
            choices *= _walk(arg[-1], in_repeat=in_repeat)
        elif op == sre_constants.BRANCH:
            if in_repeat:
                raise UnsafePatternError("repeated_alternatives", "alternatives cannot be repeated")
            choices *= max(_walk(branch, in_repeat=False) for branch in arg[1])
        elif op in _REPEATS:
            low, high, body = arg
            if in_repeat:
                raise UnsafePatternError(
                    "nested_repeat", "a repeat cannot be repeated, as in (a+)+"
                )
            _walk(body, in_repeat=True)
            if high == sre_constants.MAXREPEAT or high > MAX_REPEAT:
                raise UnsafePatternError(
                    "unbounded_repeat", f"every repeat needs an upper bound of {MAX_REPEAT} or less"
                )
            choices *= high - low + 1
    return choices


def check_pattern(pattern: str) -> None:
    """Raise UnsafePatternError (or re.error) unless ``pattern`` is in the safe subset."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise UnsafePatternError("too_long", f"at most {MAX_PATTERN_LENGTH} characters")
    parsed = sre_parser.parse(pattern)
    if _walk(parsed, in_repeat=False) > MAX_BACKTRACKING:
        raise UnsafePatternError("too_complex", "too many variable-length parts")


@lru_cache(maxsize=256)
def is_safe(pattern: str) -> bool:
    try:
        check_pattern(pattern)
    except (UnsafePatternError, re.error):
        return False
    return True
