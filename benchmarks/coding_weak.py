"""Code suggestions that know when they are weak: abstaining from codes that validate badly,
and hybrid features (words plus the static embedding), against the baselines.

    python benchmarks/coding_weak.py            # ASRS and NHS themes, several minutes
    python benchmarks/coding_weak.py --quick    # ASRS only

Same data, folds, decision rule and measures as benchmarks/coding.py (5-fold iterative
stratification, threshold chosen by an inner 3-fold CV of each training fold; micro-F1,
macro-F1, top-3 recall pooled over the test folds), in one run:
- majority: every report gets the training fold's most frequent codes;
- tfidf_lr_tuned: TF-IDF + one-vs-rest logistic regression, tuned threshold;
- hybrid_lr: TF-IDF of words and word pairs (sublinear, C=4) with the static embedding's
  256 dimensions beside them; words_lr: the same without the embedding (the ablation);
- candour: Candour's suggester (candour.lib.text.classifier);
- *_abstaining_auc: the method, where each code whose ROC AUC in an inner 3-fold CV of
  the training fold is below 0.7 (as Candour's training measured it, with at least 5
  reports) is never suggested; *_abstaining_precision: the same, where the bar is the
  code's precision in that inner CV (right at least half the times it was suggested).
  A code with too few reports to measure keeps its scores.
The test fold never takes part in any choice. Writes benchmarks/results/coding_weak.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import warnings
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.multiclass import OneVsRestClassifier
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

sys.path.insert(0, str(Path(__file__).resolve().parent))

from coding import (
    BLOCKED,
    INNER_FOLDS,
    ROOT,
    SEED,
    FloatArray,
    Scorer,
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

from candour.lib.text.classifier import Example
from candour.lib.text.classifier.folds import stratified_folds
from candour.lib.text.classifier.metrics import best_threshold, decide
from candour.lib.text.embedding.embedder import default_embedder

RESULTS = ROOT / "benchmarks" / "results" / "coding_weak.json"
MIN_AUC = 0.7
MIN_PRECISION = 0.5
MIN_POSITIVES = 5
EMBEDDING_SCALE = 1.0


def hybrid_lr(train: Sequence[Example], texts: Sequence[str], codes: Sequence[str]) -> FloatArray:
    """TF-IDF (sublinear, words and pairs) beside the static embedding; logistic regression."""
    embedder = default_embedder()
    vectoriser = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2)
    words = vectoriser.fit_transform([e.text for e in train])
    meaning = embedder.embed_many([e.text for e in train]) * EMBEDDING_SCALE
    matrix = sparse.hstack([words, sparse.csr_matrix(meaning)]).tocsr()
    model = OneVsRestClassifier(LogisticRegression(max_iter=2000, C=4.0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        model.fit(matrix, truth_matrix(train, codes))
    other = sparse.hstack(
        [
            vectoriser.transform(texts),
            sparse.csr_matrix(embedder.embed_many(list(texts)) * EMBEDDING_SCALE),
        ]
    ).tocsr()
    return np.asarray(model.predict_proba(other), dtype=np.float64)


def words_lr(train: Sequence[Example], texts: Sequence[str], codes: Sequence[str]) -> FloatArray:
    """hybrid_lr without the embedding: what the words and these settings give alone."""
    vectoriser = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2)
    matrix = vectoriser.fit_transform([e.text for e in train])
    model = OneVsRestClassifier(LogisticRegression(max_iter=2000, C=4.0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        model.fit(matrix, truth_matrix(train, codes))
    return np.asarray(model.predict_proba(vectoriser.transform(texts)), dtype=np.float64)


def abstaining(scorer: Scorer, rule: str) -> Scorer:
    """The scorer, with codes that validate badly in the training fold never suggested."""

    def score(train: Sequence[Example], texts: Sequence[str], codes: Sequence[str]) -> FloatArray:
        scores = scorer(train, texts, codes)
        weak = weak_codes(scorer, train, codes, rule)
        scores[:, weak] = 0.0
        return scores

    return score


def weak_codes(
    scorer: Scorer, train: Sequence[Example], codes: Sequence[str], rule: str
) -> list[int]:
    """Codes below the bar in an inner CV of the training fold.

    "auc": ROC AUC below 0.7 (Candour's rule until issue 19). "precision": of the times
    the code would have been suggested (the decision rule at the inner CV's best
    threshold), fewer than half were right.
    """
    truth = truth_matrix(train, codes)
    inner = stratified_folds([e.codes for e in train], INNER_FOLDS, SEED + 1)
    held_scores = np.zeros(truth.shape)
    for fold in range(INNER_FOLDS):
        fit = [e for e, f in zip(train, inner, strict=True) if f != fold]
        held = [i for i, f in enumerate(inner) if f == fold]
        held_scores[held] = scorer(fit, [train[i].text for i in held], codes)
    weak = []
    chosen = decide(held_scores, best_threshold(held_scores, truth))
    for column in range(len(codes)):
        positives = int(truth[:, column].sum())
        if not MIN_POSITIVES <= positives < len(train):
            continue
        if rule == "auc":
            if roc_auc_score(truth[:, column], held_scores[:, column]) < MIN_AUC:
                weak.append(column)
            continue
        offered = int(chosen[:, column].sum())
        right = int((chosen[:, column] & truth[:, column]).sum())
        if offered and right / offered < MIN_PRECISION:
            weak.append(column)
    return weak


def section(name: str, examples: list[Example], only: Sequence[str] = ()) -> dict[str, Any]:
    methods = {
        "majority": (majority, "nested"),
        "tfidf_lr_tuned": (plain, "nested"),
        "hybrid_lr": (hybrid_lr, "nested"),
        "words_lr": (words_lr, "nested"),
        "candour": (candour(), "nested"),
        "candour_abstaining_auc": (abstaining(candour(), "auc"), "nested"),
        "candour_abstaining_precision": (abstaining(candour(), "precision"), "nested"),
        "hybrid_lr_abstaining_precision": (abstaining(hybrid_lr, "precision"), "nested"),
    }
    if only:
        methods = {method: methods[method] for method in only}
    result = compare(name, examples, methods)  # type: ignore[arg-type]
    result.pop("candour_per_code", None)
    keep = (
        "micro_f1",
        "micro_f1_fold_sd",
        "macro_f1",
        "top3_recall",
        "mean_auc_codes_with_8_or_more",
        "codes_per_report_chosen",
    )
    result["methods"] = {
        method: {key: value for key, value in scores.items() if key in keep}
        for method, scores in result["methods"].items()
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--methods", nargs="*", default=(), help="run only these methods (default: all)"
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    block_network()
    threadpool_limits(1)
    started = time.perf_counter()
    report: dict[str, Any] = {
        "generated": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "versions": {name: metadata.version(name) for name in ("scikit-learn", "numpy", "scipy")},
        "abstain_below_auc": MIN_AUC,
        "load_average_at_start": [round(value, 1) for value in os.getloadavg()],
        "asrs_human_factors": section("asrs", load_asrs(), args.methods),
    }
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
