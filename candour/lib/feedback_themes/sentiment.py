"""A sentiment (or criticality) estimate: ridge regression on words and character n-grams.

Any numeric scale works (the NHS comments use 1-5, criticality -5..5); the estimate is
clipped to the range seen in training, and its evidence is the comment's own words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import Ridge

from candour.lib.feedback_themes.comments import SentimentEstimate
from candour.lib.text.classifier.evidence import model_evidence
from candour.lib.text.classifier.features import FeatureSpace

FloatArray = npt.NDArray[np.float64]
MAX_FEATURES = 30_000


@dataclass(frozen=True, eq=False)
class SentimentModel:
    features: FeatureSpace
    weights: npt.NDArray[np.float32] = field(repr=False)
    intercept: float
    low: float
    high: float

    @classmethod
    def train(
        cls, texts: Sequence[str], values: Sequence[float], *, regularisation: float
    ) -> SentimentModel:
        features, matrix = FeatureSpace.fit_transform(
            texts,
            max_word_features=MAX_FEATURES,
            max_char_features=MAX_FEATURES,
            char_ngrams=True,
        )
        target = np.asarray(values, dtype=np.float64)
        model = Ridge(alpha=regularisation).fit(matrix, target)
        # Stored at single precision; rounding here keeps a saved model's estimates identical.
        return cls(
            features,
            np.asarray(model.coef_, dtype=np.float32),
            float(np.float32(model.intercept_)),
            float(target.min()),
            float(target.max()),
        )

    def estimate_many(self, texts: Sequence[str]) -> FloatArray:
        matrix = self.features.transform(texts)
        raw = np.asarray(matrix @ self.weights.astype(np.float64), dtype=np.float64)
        clipped: FloatArray = np.clip(raw + self.intercept, self.low, self.high)
        return clipped

    def estimate(self, text: str, evidence_terms: int) -> SentimentEstimate:
        row = self.features.transform([text])
        value = float(self.estimate_many([text])[0])
        terms = self.features.word_terms
        return SentimentEstimate(
            value=value,
            low=self.low,
            high=self.high,
            raising_terms=model_evidence(text, row, self.weights, terms, evidence_terms),
            lowering_terms=model_evidence(text, row, -self.weights, terms, evidence_terms),
        )
