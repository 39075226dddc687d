"""How good suggestions are, measured against analysts' own coding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Quality:
    micro_f1: float
    macro_f1: float
    top_k_recall: float


def decide(scores: FloatArray, threshold: float) -> BoolArray:
    """Assign each report its best code, and every other code scoring ``threshold`` or more.

    Analysts give every coded report at least one code, so the best code counts whatever
    its score, as long as something pointed to it (a score above zero).
    """
    chosen = scores >= threshold
    if scores.shape[1]:
        rows = np.arange(len(scores))
        best = np.argmax(scores, axis=1)
        chosen[rows, best] |= scores[rows, best] > 0.0
    return chosen & (scores > 0.0)


def micro_f1(chosen: BoolArray, truth: BoolArray) -> float:
    hits = np.count_nonzero(chosen & truth)
    total = np.count_nonzero(chosen) + np.count_nonzero(truth)
    return 2.0 * hits / total if total else 0.0


def macro_f1(chosen: BoolArray, truth: BoolArray) -> float:
    """Mean F1 over the codes present in ``truth``; a code never chosen scores 0."""
    present = truth.any(axis=0)
    if not present.any():
        return 0.0
    hits = np.count_nonzero(chosen & truth, axis=0)
    total = np.count_nonzero(chosen, axis=0) + np.count_nonzero(truth, axis=0)
    return float(np.mean(2.0 * hits[present] / total[present]))


def top_k_recall(scores: FloatArray, truth: BoolArray, k: int) -> float:
    """Share of all true codes found among each report's ``k`` best-scored codes.

    Codes scoring zero are never suggested, so they do not count even among the top ``k``.
    """
    if not truth.any():
        return 0.0
    columns = np.arange(scores.shape[1])
    top = np.zeros_like(truth)
    for row in range(len(scores)):
        best = np.lexsort((columns, -scores[row]))[:k]
        top[row, best] = scores[row, best] > 0.0
    return np.count_nonzero(top & truth) / np.count_nonzero(truth)


def quality(scores: FloatArray, truth: BoolArray, threshold: float, k: int = 3) -> Quality:
    chosen = decide(scores, threshold)
    return Quality(micro_f1(chosen, truth), macro_f1(chosen, truth), top_k_recall(scores, truth, k))


def best_threshold(
    scores: FloatArray, truth: BoolArray, candidates: Sequence[float] | None = None
) -> float:
    """The threshold for ``decide`` that gives the highest micro-F1 (the lowest on ties)."""
    grid = candidates if candidates is not None else [step / 100 for step in range(5, 96)]
    results = [(micro_f1(decide(scores, threshold), truth), -threshold) for threshold in grid]
    return -max(results)[1]
