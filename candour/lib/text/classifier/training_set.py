"""The rows a suggester learns from: coded reports, corrected and extended by verdicts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from candour.lib.text.classifier.code_models import NEGATIVE, POSITIVE, UNKNOWN
from candour.lib.text.classifier.examples import Decision, Example


@dataclass(frozen=True, eq=False)
class TrainingSet:
    texts: list[str]
    labels: npt.NDArray[np.int8]  # rows x codes: POSITIVE, NEGATIVE or UNKNOWN
    weights: npt.NDArray[np.float32]  # rows x codes
    accepted: npt.NDArray[np.float64]  # verdicts per code
    rejected: npt.NDArray[np.float64]


def build_training_set(
    examples: Sequence[Example],
    decisions: Sequence[Decision],
    codes: Sequence[str],
    *,
    decision_weight: float,
) -> TrainingSet:
    """One row per example, then one per new text that analysts gave a verdict on.

    A verdict on a text already among the examples corrects that example's label; on a
    new text it adds a row that speaks only about the code decided. Later verdicts on
    the same text and code win.
    """
    position = {code: index for index, code in enumerate(codes)}
    texts = [example.text for example in examples]
    labels = np.full((len(examples), len(codes)), NEGATIVE, dtype=np.int8)
    for row, example in enumerate(examples):
        labels[row, [position[code] for code in example.codes]] = POSITIVE
    weights = np.ones(labels.shape, dtype=np.float32)

    rows_by_text: dict[str, list[int]] = {}
    for row, text in enumerate(texts):
        rows_by_text.setdefault(text, []).append(row)
    extra_labels: list[npt.NDArray[np.int8]] = []
    accepted = np.zeros(len(codes))
    rejected = np.zeros(len(codes))
    for decision in decisions:
        column = position[decision.code]
        (accepted if decision.accepted else rejected)[column] += 1
        if decision.text not in rows_by_text:
            rows_by_text[decision.text] = [len(texts)]
            texts.append(decision.text)
            extra_labels.append(np.full(len(codes), UNKNOWN, dtype=np.int8))
        label = POSITIVE if decision.accepted else NEGATIVE
        for row in rows_by_text[decision.text]:
            if row < len(examples):
                labels[row, column] = label
                weights[row, column] = decision_weight
            else:
                extra_labels[row - len(examples)][column] = label
    if extra_labels:
        labels = np.vstack([labels, np.stack(extra_labels)])
        extra_weights = np.full((len(extra_labels), len(codes)), decision_weight, np.float32)
        weights = np.vstack([weights, extra_weights])
    return TrainingSet(texts, labels, weights, accepted, rejected)
