"""Code suggestions with per-code thresholds and features chosen on development data only
(issue 19, ADR 0007), against the baselines, in one run.

    python benchmarks/coding_tuned.py            # ASRS and NHS themes
    python benchmarks/coding_tuned.py --quick    # ASRS only

Same data, outer folds, measures and baselines as benchmarks/coding_weak.py (5-fold
iterative stratification; micro-F1, macro-F1, top-3 recall pooled over the test folds).
The new method, ``hybrid_selected``, treats each outer training fold as the development
data and never sees its test fold:
1. for each candidate feature set (``CANDIDATES``), an inner 3-fold CV of the training
   fold gives held-out scores for every training report;
2. on those scores, one global threshold for the shared decision rule (the best code, and
   every code at or above the threshold) is chosen, then each code with at least
   ``MIN_POSITIVES_FOR_OWN_THRESHOLD`` training reports gets its own threshold by
   coordinate ascent on micro-F1 (two passes over the codes);
3. the candidate with the best inner micro-F1 is trained on the whole training fold; its
   test-fold scores are mapped so that each code's threshold lands on 0.5 (monotone, so
   each code's ranking is kept), and decided at 0.5.
Writes benchmarks/results/coding_hybrid.json (the committed file merges one ASRS run and two NHS
processes run side by side; see its "runs").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coding import (
    BLOCKED,
    INNER_FOLDS,
    ROOT,
    SEED,
    BoolArray,
    FloatArray,
    block_network,
    candour,
    compare,
    load_asrs,
    load_feedback,
    majority,
    plain,
    progress,
    truth_matrix,
)
from coding_weak import hybrid_lr

from candour.lib.text.classifier import Example
from candour.lib.text.classifier.folds import stratified_folds
from candour.lib.text.classifier.metrics import best_threshold, decide, micro_f1
from candour.lib.text.embedding.embedder import default_embedder

RESULTS = ROOT / "benchmarks" / "results" / "coding_hybrid.json"
GRID = [step / 100 for step in range(5, 96, 5)]
MIN_POSITIVES_FOR_OWN_THRESHOLD = 8
PASSES = 2


@dataclass(frozen=True)
class Candidate:
    name: str
    char_ngrams: bool
    class_weight: str | None


CANDIDATES = (
    Candidate("words_embedding", False, None),
    Candidate("words_embedding_balanced", False, "balanced"),
    Candidate("words_chars_embedding", True, None),
)


def fit_and_score(
    candidate: Candidate, train: Sequence[Example], texts: Sequence[str], codes: Sequence[str]
) -> FloatArray:
    """TF-IDF words and pairs (and character n-grams), the static embedding beside them."""
    embedder = default_embedder()
    vectorisers = [TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2)]
    if candidate.char_ngrams:
        vectorisers.append(
            TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(3, 5), min_df=2)
        )
    # Words and characters share the lexical half, as in Candour's FeatureSpace.
    share = 1.0 / np.sqrt(len(vectorisers))

    def features(found: Sequence[str], fit: bool) -> sparse.csr_matrix:
        blocks = [
            (v.fit_transform(found) if fit else v.transform(found)) * share for v in vectorisers
        ]
        blocks.append(sparse.csr_matrix(embedder.embed_many(list(found))))
        return sparse.hstack(blocks).tocsr()

    model = OneVsRestClassifier(
        LogisticRegression(max_iter=2000, C=4.0, class_weight=candidate.class_weight)
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        model.fit(features([e.text for e in train], True), truth_matrix(train, codes))
    return np.asarray(model.predict_proba(features(texts, False)), dtype=np.float64)


def per_code_thresholds(scores: FloatArray, truth: BoolArray) -> tuple[FloatArray, float]:
    """Thresholds for ``decide``'s rule, one per code, chosen by micro-F1 on these scores."""
    overall = best_threshold(scores, truth)
    cuts = np.full(scores.shape[1], overall)
    own = np.flatnonzero(truth.sum(axis=0) >= MIN_POSITIVES_FOR_OWN_THRESHOLD)
    best = micro_f1(decide_per_code(scores, cuts), truth)
    for _ in range(PASSES):
        for column in own:
            for value in GRID:
                trial = cuts.copy()
                trial[column] = value
                found = micro_f1(decide_per_code(scores, trial), truth)
                if found > best + 1e-12:
                    best, cuts = found, trial
    return cuts, best


def decide_per_code(scores: FloatArray, cuts: FloatArray) -> BoolArray:
    """``decide`` with a threshold per code, as the test fold is decided (``rescale``)."""
    return decide(rescale(scores, cuts), 0.5)


def rescale(scores: FloatArray, cuts: FloatArray) -> FloatArray:
    """Map each code's scores monotonically so that its threshold lands on 0.5."""
    low = scores < cuts
    below = 0.5 * scores / cuts
    above = 0.5 + 0.5 * (scores - cuts) / np.maximum(1.0 - cuts, 1e-9)
    return np.where(low, below, above)


CHOICES: list[dict[str, Any]] = []


def hybrid_selected(
    train: Sequence[Example], texts: Sequence[str], codes: Sequence[str]
) -> FloatArray:
    """The candidate and per-code thresholds that an inner CV of ``train`` prefers."""
    truth = truth_matrix(train, codes)
    inner = stratified_folds([e.codes for e in train], INNER_FOLDS, SEED + 7)
    tried: dict[str, tuple[float, FloatArray]] = {}
    for candidate in CANDIDATES:
        held_scores = np.zeros(truth.shape)
        for fold in range(INNER_FOLDS):
            fit = [e for e, f in zip(train, inner, strict=True) if f != fold]
            held = [i for i, f in enumerate(inner) if f == fold]
            held_scores[held] = fit_and_score(candidate, fit, [train[i].text for i in held], codes)
        cuts, found = per_code_thresholds(held_scores, truth)
        tried[candidate.name] = (found, cuts)
    name = max(tried, key=lambda key: tried[key][0])
    CHOICES.append(
        {
            "chosen": name,
            "inner_micro_f1": {key: round(value[0], 3) for key, value in tried.items()},
            "thresholds": [round(float(cut), 2) for cut in tried[name][1]],
        }
    )
    chosen = next(candidate for candidate in CANDIDATES if candidate.name == name)
    return rescale(fit_and_score(chosen, train, texts, codes), tried[name][1])


def section(name: str, examples: list[Example], only: Sequence[str]) -> dict[str, Any]:
    methods: dict[str, tuple[Callable[..., FloatArray], str | float]] = {
        "majority": (majority, "nested"),
        "tfidf_lr_tuned": (plain, "nested"),
        "hybrid_lr": (hybrid_lr, "nested"),
        "candour": (candour(), "nested"),
        # Thresholds are chosen inside (per code, on the training fold), so decide at 0.5.
        "hybrid_selected": (hybrid_selected, 0.5),
    }
    if only:
        methods = {method: methods[method] for method in only}
    CHOICES.clear()
    result = compare(name, examples, methods)
    result.pop("candour_per_code", None)
    keep = (
        "micro_f1",
        "micro_f1_fold_sd",
        "macro_f1",
        "top3_recall",
        "mean_auc_codes_with_8_or_more",
        "codes_per_report_chosen",
        "cross_validation_seconds",
    )
    result["methods"] = {
        method: {key: value for key, value in scores.items() if key in keep}
        for method, scores in result["methods"].items()
    }
    if "tfidf_lr_tuned" in result["methods"]:
        base = result["methods"]["tfidf_lr_tuned"]["micro_f1"]
        for scores in result["methods"].values():
            scores["micro_f1_over_tfidf_lr_tuned"] = round(scores["micro_f1"] - base, 3)
    result["hybrid_selected_choices_by_fold"] = list(CHOICES)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only-feedback", action="store_true")
    parser.add_argument("--methods", nargs="*", default=(), help="only these (default: all)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    block_network()
    threadpool_limits(1)
    started = time.perf_counter()
    report: dict[str, Any] = {
        "generated": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "versions": {name: metadata.version(name) for name in ("scikit-learn", "numpy", "scipy")},
        "candidates": [candidate.__dict__ for candidate in CANDIDATES],
        "load_average_at_start": [round(value, 1) for value in os.getloadavg()],
    }
    if not args.only_feedback:
        report["asrs_human_factors"] = section("asrs", load_asrs(), args.methods)
        progress(json.dumps(report["asrs_human_factors"]["methods"], indent=1))
    if not args.quick:
        report["nhs_feedback_themes"] = section("feedback", load_feedback(), args.methods)
        progress(json.dumps(report["nhs_feedback_themes"]["methods"], indent=1))
    report["network_connections_attempted"] = len(BLOCKED)
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    report["load_average_at_end"] = [round(value, 1) for value in os.getloadavg()]
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
