"""What the suggester returns: a code, how strongly, and why, in terms an analyst can check."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Source(StrEnum):
    RULES = "rules"
    MODEL = "model"
    RULES_AND_MODEL = "rules+model"


@dataclass(frozen=True, slots=True)
class Suggestion:
    code: str
    score: float
    source: Source
    # Phrases copied verbatim from the text that drove the score, strongest first.
    evidence_terms: tuple[str, ...]
    # Past reports carrying this code that read most like the text, most similar first.
    similar_ids: tuple[str, ...]
