"""Evaluation helpers: stratified multi-label folds and the benchmark's measures."""

from collections import Counter

import numpy as np
import pytest

from candour.lib.text.classifier.folds import stratified_folds
from candour.lib.text.classifier.metrics import (
    best_threshold,
    decide,
    macro_f1,
    micro_f1,
    quality,
    top_k_recall,
)
from candour.lib.text.classifier.tests.synthetic import coded_reports


def test_folds_share_out_every_code_evenly_and_repeatably():
    labels = [e.codes for e in coded_reports(300)] + [frozenset()] * 10 + [frozenset({"rare"})] * 5

    folds = stratified_folds(labels, 5, seed=3)

    assert folds == stratified_folds(labels, 5, seed=3)
    assert sorted(Counter(folds).values()) == [63, 63, 63, 63, 63]
    for code in {"fatigue", "workload", "rare"}:
        per_fold = Counter(f for f, codes in zip(folds, labels, strict=True) if code in codes)
        assert max(per_fold.values()) - min(per_fold.values()) <= 1
        assert len(per_fold) == 5


def test_fewer_than_two_folds_is_refused():
    with pytest.raises(ValueError, match="two folds"):
        stratified_folds([frozenset({"a"})], 1, seed=0)


def test_measures_on_a_small_known_case():
    scores = np.array([[0.9, 0.6, 0.1], [0.2, 0.3, 0.1], [0.5, 0.4, 0.45]])
    truth = np.array([[1, 1, 0], [0, 1, 0], [0, 0, 1]], dtype=bool)

    chosen = decide(scores, threshold=0.55)

    assert chosen.tolist() == [[True, True, False], [False, True, False], [True, False, False]]
    assert micro_f1(chosen, truth) == pytest.approx(2 * 3 / (4 + 4))
    assert macro_f1(chosen, truth) == pytest.approx((2 / 3 + 1 + 0) / 3)
    assert top_k_recall(scores, truth, k=1) == pytest.approx(2 / 4)
    assert top_k_recall(scores, truth, k=2) == pytest.approx(1.0)
    assert quality(scores, truth, 0.55, k=1).top_k_recall == pytest.approx(2 / 4)


def test_codes_scoring_zero_are_never_chosen_nor_counted_as_suggested():
    scores = np.array([[0.0, 0.0], [0.0, 0.5]])
    truth = np.array([[1, 0], [0, 1]], dtype=bool)

    assert decide(scores, threshold=0.0).tolist() == [[False, False], [False, True]]
    assert top_k_recall(scores, truth, k=2) == pytest.approx(1 / 2)


def test_the_best_threshold_maximises_micro_f1():
    scores = np.array([[0.9, 0.6], [0.8, 0.2], [0.3, 0.7]])
    truth = np.array([[1, 1], [1, 0], [0, 1]], dtype=bool)

    # Above 0.3 (a wrong extra code) and up to 0.6 (a right one): the lowest such on the grid.
    assert best_threshold(scores, truth) == pytest.approx(0.31)
    assert best_threshold(scores, truth, [0.1, 0.9]) == pytest.approx(0.9)
