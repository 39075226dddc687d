"""Keyword rules for a cold start: phrases an organisation expects to see with each code.

A pattern is one or more words, matched case-insensitively as whole words, with any
spacing or punctuation between them; a word ending in ``*`` matches any word it begins
(``distract*`` matches "distracted"). Patterns come from users, so they are never used
as regular expressions themselves.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MAX_PATTERN_LENGTH = 200
WILDCARD = "*"


@dataclass(frozen=True, eq=False)
class KeywordRules:
    patterns: Mapping[str, tuple[str, ...]]
    _compiled: dict[str, tuple[re.Pattern[str], ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        compiled = {
            code: tuple(compile_pattern(pattern) for pattern in patterns)
            for code, patterns in self.patterns.items()
        }
        object.__setattr__(self, "_compiled", compiled)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Sequence[str]] | None) -> KeywordRules:
        cleaned = {
            code: tuple(dict.fromkeys(p.strip() for p in patterns if p.strip()))
            for code, patterns in sorted((mapping or {}).items())
        }
        return cls({code: patterns for code, patterns in cleaned.items() if patterns})

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(self.patterns)

    def matches(self, text: str) -> dict[str, tuple[str, ...]]:
        """For each code with a matching pattern, the phrases matched, one per pattern."""
        found: dict[str, tuple[str, ...]] = {}
        for code, compiled in self._compiled.items():
            phrases = []
            for pattern in compiled:
                match = pattern.search(text)
                if match:
                    phrases.append(match.group())
            if phrases:
                found[code] = tuple(dict.fromkeys(phrases))
        return found


def compile_pattern(pattern: str) -> re.Pattern[str]:
    pieces = pattern.split()
    if len(pattern) > MAX_PATTERN_LENGTH or not pieces:
        raise ValueError(f"keyword pattern must be 1 to {MAX_PATTERN_LENGTH} characters")
    parts = []
    for piece in pieces:
        stem = piece.removesuffix(WILDCARD)
        if not stem or WILDCARD in stem:
            raise ValueError(f"{WILDCARD!r} may only end a word, after some letters: {pattern!r}")
        parts.append(re.escape(stem) + (r"\w*" if piece.endswith(WILDCARD) else ""))
    return re.compile(r"(?<!\w)" + r"[\W_]+".join(parts) + r"(?!\w)", re.IGNORECASE)


def rule_strength(phrases_matched: int) -> float:
    """Each further pattern that matches halves the remaining doubt: 0.5, 0.75, 0.875 ..."""
    return 1.0 - 0.5**phrases_matched
