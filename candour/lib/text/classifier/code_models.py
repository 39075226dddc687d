"""One logistic regression per code (one-vs-rest), trained only where there is enough data."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import sparse
from scipy.special import expit
from sklearn.linear_model import LogisticRegression

# A row's label for one code: it carries the code, it does not, or it says nothing
# about it (a decision about another code).
POSITIVE, NEGATIVE, UNKNOWN = 1, 0, -1
NEWTON_STEPS = 25

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class CodeModels:
    weights: npt.NDArray[np.float32] = field(repr=False)  # features x codes
    intercepts: npt.NDArray[np.float32] = field(repr=False)
    trained: npt.NDArray[np.bool_]

    def probabilities(self, features: sparse.csr_matrix) -> FloatArray:
        """Probability of each code for each row; zero for codes without a model."""
        logits = np.asarray(features @ self.weights, dtype=np.float64) + self.intercepts
        probabilities: FloatArray = expit(logits)
        probabilities[:, ~self.trained] = 0.0
        return probabilities


def fit_code_models(
    features: sparse.csr_matrix,
    labels: npt.NDArray[np.int8],
    sample_weights: npt.NDArray[np.float32],
    *,
    min_positives: int,
    regularisation: float,
    max_rows: int,
    seed: int,
) -> CodeModels:
    """Fit a model for each code (a column of ``labels`` and ``sample_weights``) that has at
    least ``min_positives`` positive rows, on at most ``max_rows`` rows."""
    code_count = labels.shape[1]
    weights = np.zeros((features.shape[1], code_count), dtype=np.float32)
    intercepts = np.zeros(code_count, dtype=np.float32)
    trained = np.zeros(code_count, dtype=np.bool_)
    for code in range(code_count):
        positives = np.flatnonzero(labels[:, code] == POSITIVE)
        negatives = np.flatnonzero(labels[:, code] == NEGATIVE)
        if len(positives) < min_positives:
            continue
        trained[code] = True
        if len(negatives) == 0 or features.shape[1] == 0:
            intercepts[code] = np.log((len(positives) + 0.5) / (len(negatives) + 0.5))
            continue
        rng = np.random.default_rng([seed, code])
        kept_positives, kept_negatives = _sample(positives, negatives, max_rows, rng)
        rows = np.sort(np.concatenate([kept_positives, kept_negatives]))
        matrix = features if len(rows) == features.shape[0] else features[rows]
        target = labels[rows, code] == POSITIVE
        row_weights = sample_weights[rows, code].astype(np.float64)
        model = LogisticRegression(
            C=regularisation, solver="liblinear", dual=True, random_state=seed
        )
        model.fit(matrix, target, sample_weight=row_weights)
        coefficients = model.coef_[0]
        bias = _unpenalised_bias(
            np.asarray(matrix @ coefficients, dtype=np.float64), target, row_weights
        )
        # Sampling kept different shares of positives and negatives; shifting the bias by
        # the log ratio of those shares restores the code's true base rate.
        bias += np.log(len(kept_negatives) / len(negatives)) - np.log(
            len(kept_positives) / len(positives)
        )
        weights[:, code] = coefficients
        intercepts[code] = bias
    # Stored at half precision; rounding here keeps a saved model's scores identical.
    return CodeModels(weights.astype(np.float16).astype(np.float32), intercepts, trained)


def _sample(
    positives: npt.NDArray[np.intp],
    negatives: npt.NDArray[np.intp],
    max_rows: int,
    rng: np.random.Generator,
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """At most ``max_rows`` rows, keeping all of the rarer class where it fits in half."""
    if len(positives) + len(negatives) <= max_rows:
        return positives, negatives
    half = max_rows // 2
    positive_count = min(len(positives), max(half, max_rows - len(negatives)))
    negative_count = min(len(negatives), max_rows - positive_count)
    return (
        rng.choice(positives, positive_count, replace=False),
        rng.choice(negatives, negative_count, replace=False),
    )


def _unpenalised_bias(
    margins: FloatArray, target: npt.NDArray[np.bool_], row_weights: FloatArray
) -> float:
    """The bias that best fits the data given the weights, found by Newton's method.

    liblinear penalises the bias like any weight, which pulls a rare code's probability
    towards 0.5; refitting it unpenalised keeps scores calibrated to the base rate.
    """
    outcome = target.astype(np.float64)
    bias = 0.0
    for _ in range(NEWTON_STEPS):
        probability = expit(margins + bias)
        gradient = float(np.sum(row_weights * (probability - outcome)))
        curvature = float(np.sum(row_weights * probability * (1.0 - probability)))
        if curvature <= 1e-12:
            break
        step = gradient / curvature
        bias -= step
        if abs(step) < 1e-9:
            break
    return bias
