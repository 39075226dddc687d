"""What the suggester learns from: analysts' past coding and their verdicts on suggestions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Example:
    """A past report as coded by analysts; ``codes`` may be empty (coded as nothing)."""

    id: str
    text: str
    codes: frozenset[str]


@dataclass(frozen=True, slots=True)
class Decision:
    """An analyst accepted or rejected ``code`` as a suggestion for ``text``."""

    text: str
    code: str
    accepted: bool
