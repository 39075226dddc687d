"""Tuning of feedback theming; stored with each trained model so that it reloads as trained."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from candour.lib.text.classifier import Settings


def _suggester_settings() -> Settings:
    # Comments are short and often misspelt ("socail worker", "listend"): character
    # n-grams raised macro-F1 on the NHS comments by 0.03 (benchmarks/feedback_themes.py).
    # The theme model blends its own embedding model (``embedding_weight``), so the
    # suggester reads words alone; and it keeps no index of past comments, which nothing
    # showed (issue 19: similar comments come from the one similarity engine).
    return Settings(char_ngrams=True, embedding_scale=0.0, max_indexed_reports=0)


@dataclass(frozen=True, slots=True)
class ThemeSettings:
    suggester: Settings = field(default_factory=_suggester_settings)
    # Share of a theme's score that comes from the sentence-embedding model where one
    # is trained (0 turns it off); the rest from the word model and keyword rules.
    embedding_weight: float = 0.5
    # Inverse strength of the embedding models' L2 penalty (scikit-learn's C).
    embedding_regularisation: float = 16.0
    # Strength of the sentiment model's L2 penalty (ridge regression's alpha).
    sentiment_regularisation: float = 1.0
    # A sentiment model is trained once this many comments carry a sentiment.
    min_sentiment_examples: int = 20
    evidence_terms: int = 5

    def to_dict(self) -> dict[str, Any]:
        values = {item.name: getattr(self, item.name) for item in fields(self)}
        values["suggester"] = self.suggester.to_dict()
        return values

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> ThemeSettings:
        """Settings as stored by ``to_dict``; refuses unknown, missing or mistyped values."""
        defaults = cls()
        names = {item.name for item in fields(cls)}
        if set(values) != names:
            raise ValueError("stored theme settings do not match this version")
        # Models stored before issue 19 had no embedding block in the suggester.
        suggester = Settings.from_dict(values["suggester"], defaults={"embedding_scale": 0.0})
        checked: dict[str, Any] = {"suggester": suggester}
        for name in names - {"suggester"}:
            kind, value = type(getattr(defaults, name)), values[name]
            if kind is float and type(value) is int:
                value = float(value)
            if type(value) is not kind:
                raise ValueError(f"stored theme setting {name} has the wrong type")
            checked[name] = value
        return cls(**checked)
