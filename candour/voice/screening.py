"""The safeguarding check on feedback, as the voice app needs it (ADR 0012)."""

from __future__ import annotations

from dataclasses import dataclass

from candour.lib.safeguarding.semantic import Nearest


@dataclass(frozen=True)
class Screening:
    concern: bool
    categories: tuple[str, ...]
    urgent: bool
    # The words that raised the concern, as written (the phrase patterns' evidence).
    phrases: tuple[str, ...]
    # The similarity layer's evidence: the nearest known disclosure, when it flagged.
    similar: Nearest | None = None
    patterns_version: str = ""


def screen(text: str) -> Screening:
    from candour.lib.safeguarding import detect

    assessment = detect(text)
    return Screening(
        concern=assessment.concern,
        categories=tuple(str(category) for category in assessment.categories),
        urgent=str(assessment.urgency) == "now",
        # Overlapping rules can match the same words: each phrase once, in order.
        phrases=tuple(dict.fromkeys(match.text for match in assessment.matched)),
        similar=assessment.similar,
        patterns_version=assessment.patterns_version,
    )
