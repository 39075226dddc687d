"""What theming learns from and what it returns, in feedback's own words."""

from __future__ import annotations

from dataclasses import dataclass

from candour.lib.text.classifier import Source


@dataclass(frozen=True, slots=True)
class LabelledComment:
    """A comment as themed by staff; ``themes`` may be empty, ``sentiment`` unknown."""

    id: str
    text: str
    themes: frozenset[str]
    sentiment: float | None = None


@dataclass(frozen=True, slots=True)
class ThemeVerdict:
    """A member of staff accepted or rejected ``theme`` as suggested for ``text``."""

    text: str
    theme: str
    accepted: bool


@dataclass(frozen=True, slots=True)
class ThemeScore:
    theme: str
    score: float
    source: Source
    # Phrases copied verbatim from the comment that drove the score, strongest first.
    evidence_terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SentimentEstimate:
    """An estimate on the scale of the training labels (``low`` to ``high``)."""

    value: float
    low: float
    high: float
    # Phrases that pushed the estimate towards ``high``, and towards ``low``.
    raising_terms: tuple[str, ...]
    lowering_terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reading:
    """Everything theming says about one comment."""

    themes: tuple[ThemeScore, ...]
    sentiment: SentimentEstimate | None
