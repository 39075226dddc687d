"""Tuning of the suggester; stored with each trained model so that it reloads as trained."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True, slots=True)
class Settings:
    # A code gets a learned model once it has this many positive examples; until then
    # only its keyword rules can suggest it.
    min_positives: int = 5
    # Positive examples at which a code's model and its rules weigh the same; with more,
    # the model dominates.
    rule_blend: float = 10.0
    # Inverse strength of the model's L2 penalty (scikit-learn's C).
    regularisation: float = 4.0
    # An analyst's explicit verdict counts this many times an ordinary coded report.
    decision_weight: float = 3.0
    # Each code's model sees at most this many reports (all of its positives where they
    # fit in half), so training time stops growing with the archive.
    max_rows_per_code: int = 6_000
    char_ngrams: bool = False
    # The static embedding's dimensions beside the words, at this weight against the
    # unit-length word block (0.0: words alone). Issue 19: ASRS and NHS themes, ADR 0007.
    embedding_scale: float = 1.0
    max_word_features: int = 30_000
    max_char_features: int = 30_000
    terms_per_indexed_report: int = 32
    max_indexed_reports: int = 20_000
    evidence_terms: int = 5
    similar_reports: int = 3
    seed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(
        cls, values: Mapping[str, Any], *, defaults: Mapping[str, Any] | None = None
    ) -> Settings:
        """Settings as stored by ``to_dict``; refuses unknown, missing or mistyped values.

        ``defaults`` fills settings that an older stored version did not have yet."""
        kinds = {item.name: type(getattr(cls(), item.name)) for item in fields(cls)}
        values = {**(defaults or {}), **values}
        if set(values) != set(kinds):
            raise ValueError("stored settings do not match this version")
        checked: dict[str, Any] = {}
        for name, kind in kinds.items():
            value = values[name]
            if kind is float and type(value) is int:
                value = float(value)
            if type(value) is not kind:
                raise ValueError(f"stored setting {name} has the wrong type")
            checked[name] = value
        return cls(**checked)
