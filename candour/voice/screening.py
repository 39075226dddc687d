"""The safeguarding check on feedback, as the voice app needs it (ADR 0012)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Screening:
    concern: bool
    categories: tuple[str, ...]
    urgent: bool
    # The words that raised the concern, as written.
    phrases: tuple[str, ...]


def screen(text: str) -> Screening:
    from candour.safeguarding import detect

    assessment = detect(text)
    return Screening(
        concern=assessment.concern,
        categories=tuple(str(category) for category in assessment.categories),
        urgent=str(assessment.urgency) == "now",
        # Overlapping rules can match the same words: each phrase once, in order.
        phrases=tuple(dict.fromkeys(match.text for match in assessment.matched)),
    )
