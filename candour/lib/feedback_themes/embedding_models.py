"""One logistic regression per theme on static sentence embeddings.

Embeddings carry meaning across wording ("nobody rang me back", "no reply to calls"),
which a word model learns only from examples of each wording; blended with the word
model they raised macro-F1 on the NHS comments (ADR 0013).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy.special import expit
from sklearn.linear_model import LogisticRegression

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class EmbeddingModels:
    weights: npt.NDArray[np.float32] = field(repr=False)  # dimensions x themes
    intercepts: npt.NDArray[np.float32] = field(repr=False)
    trained: npt.NDArray[np.bool_]

    @classmethod
    def fit(
        cls,
        vectors: npt.NDArray[np.float32],
        labels: npt.NDArray[np.bool_],
        *,
        min_positives: int,
        regularisation: float,
    ) -> EmbeddingModels:
        """A model for each theme (column of ``labels``) with enough positives and negatives."""
        dimensions, themes = vectors.shape[1], labels.shape[1]
        weights = np.zeros((dimensions, themes), dtype=np.float32)
        intercepts = np.zeros(themes, dtype=np.float32)
        trained = np.zeros(themes, dtype=np.bool_)
        for theme in range(themes):
            positives = int(labels[:, theme].sum())
            if positives < min_positives or positives == len(labels):
                continue
            model = LogisticRegression(C=regularisation, max_iter=1000)
            model.fit(vectors, labels[:, theme])
            weights[:, theme] = model.coef_[0]
            intercepts[theme] = model.intercept_[0]
            trained[theme] = True
        return cls(weights, intercepts, trained)

    @classmethod
    def empty(cls, dimensions: int, themes: int) -> EmbeddingModels:
        return cls(
            np.zeros((dimensions, themes), dtype=np.float32),
            np.zeros(themes, dtype=np.float32),
            np.zeros(themes, dtype=np.bool_),
        )

    def probabilities(self, vectors: npt.NDArray[np.float32]) -> FloatArray:
        """Probability of each theme per row; zero for themes without a model."""
        logits = vectors.astype(np.float64) @ self.weights.astype(np.float64)
        probabilities: FloatArray = expit(logits + self.intercepts.astype(np.float64))
        probabilities[:, ~self.trained] = 0.0
        return probabilities
