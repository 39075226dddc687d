"""Benchmark Candour's feedback theming against staff-assigned themes of real comments.

    python benchmarks/feedback_themes.py            # full run, about 2-3 minutes on 2 cores
    python benchmarks/feedback_themes.py --quick    # a 2,000-comment slice, no nested thresholds

Data: NHS Friends and Family Test comments with 49 one-hot theme labels and a 1-5
sentiment (1 very positive, 5 very negative), pxtextmining v6 framework
(/work/shared/data/feedback, read-only; see SOURCES.md there).
  themes  the label columns after "Comment sentiment". "Not assigned" and "Labelling not
          possible" are not themes and are dropped; so are themes with fewer than
          MIN_POSITIVES comments (too few to put some in every test fold and still learn
          from the rest: listed in the JSON), and then comments left without a theme.
  text    "FFT answer". Sentiment: comments with a sentiment, with or without a theme.
Secondary: criticality (-5..5) of the pxtextmining phase 1 comments, for the sentiment model.

Method: 5-fold cross-validation, folds by iterative stratification (multi-label, Sechidis
et al. 2011), seed fixed. Every method except the plain baseline decides its themes by
one rule: the best-scored theme plus every other scoring at least a threshold chosen by
micro-F1 on an inner 3-fold CV of each outer training fold (the test fold never chooses
it). The plain baseline also appears with scikit-learn's own decision (p >= 0.5).
Measures, pooled over test folds: micro-F1, macro-F1 (mean over themes), top-3 recall (per
comment, the share of its true themes among its three best-scored; averaged over
comments). Writes benchmarks/results/feedback_themes.json. Network access is blocked.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import socket
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.stats import spearmanr
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from candour.config.shared_data import shared_data_dir  # noqa: E402
from candour.lib.feedback_themes import (  # noqa: E402
    LabelledComment,
    ThemeModel,
    ThemeSettings,
    default_theme_set,
)
from candour.lib.feedback_themes.sentiment import SentimentModel  # noqa: E402
from candour.lib.text.classifier import Example, Suggester  # noqa: E402
from candour.lib.text.classifier.folds import stratified_folds  # noqa: E402
from candour.lib.text.classifier.metrics import (  # noqa: E402
    best_threshold,
    decide,
    macro_f1,
    micro_f1,
)
from candour.lib.text.classifier.rules import KeywordRules  # noqa: E402
from candour.lib.text.embedding.embedder import default_embedder  # noqa: E402

DATA = shared_data_dir() / "feedback"
THEMED = DATA / "pxtextmining_v6framework_230831.csv"
CRITICALITY = DATA / "pxtextmining_phase1_dev.csv"
RESULTS = ROOT / "benchmarks" / "results" / "feedback_themes.json"
SEED = 20261128
FOLDS = 5
INNER_FOLDS = 3
TOP_K = 3
MIN_POSITIVES = 10
QUICK_SAMPLE = 2_000
NOT_THEMES = ("Not assigned", "Labelling not possible")
# Where a default children's theme has a close NHS counterpart: a rough check that the
# cold-start keyword rules find what they name, on comments they were not written for.
COUNTERPARTS = {
    "listened-to": "Staff listening, understanding & involving patients",
    "kept-informed": "Being kept informed, clarity & consistency of information",
    "changes-of-worker": "Staff continuity",
    "family-contact": "Interaction with family/ carers",
    "feeling-safe": "Feeling safe",
    "waiting-delays": "Timeliness of care",
    "communication": "Contacting services",
    "kindness": "Staff manner & personal attributes",
}

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
# Train on the comments, then score each text for each theme (columns in ``themes`` order).
Scorer = Callable[[Sequence[LabelledComment], Sequence[str], Sequence[str]], FloatArray]

BLOCKED: list[str] = []


def block_network() -> None:
    """Fail every outbound connection, and count the attempts."""

    def refuse(self: socket.socket, address: Any, *args: Any, **kwargs: Any) -> None:
        BLOCKED.append(repr(address))
        raise OSError("network access is disabled in this benchmark")

    socket.socket.connect = refuse  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign,assignment]


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------- data


def load_themed() -> tuple[list[LabelledComment], list[LabelledComment], dict[str, int]]:
    """Comments with a theme (themes too rare for CV dropped), all comments with a
    sentiment, and the dropped themes with their counts."""
    with THEMED.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        labels = [f for f in fields[fields.index("Comment sentiment") + 1 :] if f not in NOT_THEMES]
        rows = list(reader)
    counts = Counter(label for row in rows for label in labels if row[label].strip() == "1")
    kept = {label for label in labels if counts[label] >= MIN_POSITIVES}
    dropped = {label: counts[label] for label in labels if label not in kept}
    themed, rated = [], []
    for row in rows:
        text = row["FFT answer"].strip()
        sentiment = float(row["Comment sentiment"]) if row["Comment sentiment"].strip() else None
        themes = frozenset(label for label in kept if row[label].strip() == "1")
        comment = LabelledComment(row["Comment ID"], text, themes, sentiment)
        if text and themes:
            themed.append(comment)
        if text and sentiment is not None:
            rated.append(comment)
    return themed, rated, dropped


def load_criticality() -> list[tuple[str, float]]:
    with CRITICALITY.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    pairs = []
    for row in rows:
        try:
            value = float(row["criticality"])
        except ValueError:
            continue  # a few cells hold "-o" or "-NA"
        if -5 <= value <= 5 and row["feedback"].strip():
            pairs.append((row["feedback"].strip(), value))
    return pairs


def truth_matrix(comments: Sequence[LabelledComment], themes: Sequence[str]) -> BoolArray:
    return np.array([[t in c.themes for t in themes] for c in comments], dtype=np.bool_)


# ---------------------------------------------------------------------------- methods


def majority(
    train: Sequence[LabelledComment], texts: Sequence[str], themes: Sequence[str]
) -> FloatArray:
    """Every comment gets the same scores: how often each theme was used in training."""
    counts = Counter(theme for comment in train for theme in comment.themes)
    prior = np.array([counts[theme] / len(train) for theme in themes])
    return np.tile(prior, (len(texts), 1))


def plain_model(train: Sequence[LabelledComment], themes: Sequence[str]) -> Any:
    """What a user would pick: scikit-learn TF-IDF and one-vs-rest logistic regression."""
    vectoriser = TfidfVectorizer()
    matrix = vectoriser.fit_transform([c.text for c in train])
    model = OneVsRestClassifier(LogisticRegression(max_iter=1000))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a theme absent from a fold
        model.fit(matrix, truth_matrix(train, themes))
    return vectoriser, model


def plain(
    train: Sequence[LabelledComment], texts: Sequence[str], themes: Sequence[str]
) -> FloatArray:
    vectoriser, model = plain_model(train, themes)
    return np.asarray(model.predict_proba(vectoriser.transform(texts)), dtype=np.float64)


def embedding_lr(
    train: Sequence[LabelledComment], texts: Sequence[str], themes: Sequence[str]
) -> FloatArray:
    """The shipped static sentence embeddings, one logistic regression per theme."""
    embedder = default_embedder()
    vectors = embedder.embed_many([c.text for c in train])
    truth = truth_matrix(train, themes)
    queries = embedder.embed_many(texts)
    scores = np.zeros((len(texts), len(themes)))
    for column in range(len(themes)):
        if 0 < truth[:, column].sum() < len(train):
            model = LogisticRegression(C=16.0, max_iter=1000).fit(vectors, truth[:, column])
            scores[:, column] = model.predict_proba(queries)[:, 1]
    return scores


def suggester(
    train: Sequence[LabelledComment], texts: Sequence[str], themes: Sequence[str]
) -> FloatArray:
    """The incident-report code suggester reused as it is (ADR 0007 defaults)."""
    model = Suggester.train([Example(c.id, c.text, c.themes) for c in train])
    return align(model.codes, model.scores(texts), themes)


def candour(settings: ThemeSettings | None = None) -> Scorer:
    def score(
        train: Sequence[LabelledComment], texts: Sequence[str], themes: Sequence[str]
    ) -> FloatArray:
        return ThemeModel.train(train, settings=settings).scores_for(texts, themes)

    return score


def align(known: Sequence[str], scores: FloatArray, themes: Sequence[str]) -> FloatArray:
    aligned = np.zeros((scores.shape[0], len(themes)))
    for column, theme in enumerate(themes):
        if theme in known:
            aligned[:, column] = scores[:, list(known).index(theme)]
    return aligned


# ---------------------------------------------------------------------------- evaluation


def top_k_recall_per_comment(scores: FloatArray, truth: BoolArray, k: int) -> float:
    """Per comment, the share of its true themes among its ``k`` best-scored (score > 0)."""
    columns = np.arange(scores.shape[1])
    shares = []
    for row in range(len(scores)):
        if not truth[row].any():
            continue
        best = np.lexsort((columns, -scores[row]))[:k]
        found = np.count_nonzero(truth[row, best] & (scores[row, best] > 0.0))
        shares.append(found / np.count_nonzero(truth[row]))
    return float(np.mean(shares)) if shares else 0.0


def cross_validate(
    scorer: Scorer,
    comments: Sequence[LabelledComment],
    themes: Sequence[str],
    folds: Sequence[int],
    *,
    nested: bool,
) -> dict[str, Any]:
    truth = truth_matrix(comments, themes)
    scores = np.zeros(truth.shape)
    chosen = np.zeros(truth.shape, dtype=np.bool_)
    thresholds = []
    started, cpu, outer = time.perf_counter(), time.process_time(), 0.0
    for fold in range(FOLDS):
        train = [c for c, f in zip(comments, folds, strict=True) if f != fold]
        test = [i for i, f in enumerate(folds) if f == fold]
        fitting = time.perf_counter()
        scores[test] = scorer(train, [comments[i].text for i in test], themes)
        outer += time.perf_counter() - fitting
        cut = nested_threshold(scorer, train, themes, SEED + fold) if nested else 0.5
        chosen[test] = decide(scores[test], cut) if nested else scores[test] >= 0.5
        thresholds.append(round(cut, 2))
    return {
        "micro_f1": round(micro_f1(chosen, truth), 3),
        "macro_f1": round(macro_f1(chosen, truth), 3),
        "top3_recall": round(top_k_recall_per_comment(scores, truth, TOP_K), 3),
        "themes_per_comment_chosen": round(float(chosen.sum(axis=1).mean()), 2),
        "thresholds_by_fold": thresholds if nested else "predict_proba >= 0.5",
        "cross_validation_seconds": round(time.perf_counter() - started, 1),
        "cross_validation_cpu_seconds": round(time.process_time() - cpu, 1),
        "test_fold_fitting_seconds": round(outer, 1),
    }


def nested_threshold(
    scorer: Scorer, train: Sequence[LabelledComment], themes: Sequence[str], seed: int
) -> float:
    inner = stratified_folds([c.themes for c in train], INNER_FOLDS, seed)
    scores = np.zeros((len(train), len(themes)))
    for fold in range(INNER_FOLDS):
        fit = [c for c, f in zip(train, inner, strict=True) if f != fold]
        held = [i for i, f in enumerate(inner) if f == fold]
        scores[held] = scorer(fit, [train[i].text for i in held], themes)
    return best_threshold(scores, truth_matrix(train, themes))


def sentiment_cv(pairs: Sequence[tuple[str, float]]) -> dict[str, Any]:
    """5-fold CV of the sentiment model against predicting the training mean."""
    texts = [text for text, _ in pairs]
    target = np.array([value for _, value in pairs])
    folds = np.random.default_rng(SEED).integers(0, FOLDS, len(pairs))
    model_estimates, mean_estimates = np.zeros(len(pairs)), np.zeros(len(pairs))
    started = time.perf_counter()
    for fold in range(FOLDS):
        train, test = folds != fold, folds == fold
        model = SentimentModel.train(
            [texts[i] for i in np.flatnonzero(train)], target[train], regularisation=1.0
        )
        model_estimates[test] = model.estimate_many([texts[i] for i in np.flatnonzero(test)])
        mean_estimates[test] = target[train].mean()

    def measures(estimates: FloatArray) -> dict[str, float]:
        return {
            "mae": round(float(np.abs(estimates - target).mean()), 3),
            "within_1": round(float(np.mean(np.abs(estimates - target) <= 1.0)), 3),
            "spearman": round(float(spearmanr(estimates, target).statistic), 3)
            if np.std(estimates) > 0
            else 0.0,
        }

    return {
        "comments": len(pairs),
        "scale": [float(target.min()), float(target.max())],
        "training_mean": measures(mean_estimates),
        "candour_ridge_words_and_chars": measures(model_estimates),
        "cross_validation_seconds": round(time.perf_counter() - started, 1),
    }


def cold_start_check(comments: Sequence[LabelledComment]) -> dict[str, Any]:
    """Precision and recall of each default theme's keyword rules against its NHS
    counterpart: rules written for children's feedback, on adults' health comments."""
    rules = KeywordRules.from_mapping(default_theme_set().rules)
    matched = [rules.matches(c.text) for c in comments]
    table = {}
    for theme, label in COUNTERPARTS.items():
        fired = np.array([theme in found for found in matched])
        truth = np.array([label in c.themes for c in comments])
        hits = int(np.count_nonzero(fired & truth))
        table[theme] = {
            "nhs_theme": label,
            "nhs_comments": int(truth.sum()),
            "rule_matches": int(fired.sum()),
            "precision": round(hits / fired.sum(), 3) if fired.any() else None,
            "recall": round(hits / truth.sum(), 3) if truth.any() else None,
        }
    return table


def throughput(comments: Sequence[LabelledComment], themes: Sequence[str]) -> dict[str, Any]:
    """Train once on every comment; time training, storing, loading, scoring and reading."""
    wall, cpu = time.perf_counter(), time.process_time()
    model = ThemeModel.train(comments, rules=None)
    train_wall, train_cpu = time.perf_counter() - wall, time.process_time() - cpu
    stored = model.to_bytes()
    started = time.perf_counter()
    loaded = ThemeModel.from_bytes(stored)
    load_seconds = time.perf_counter() - started
    texts = [c.text for c in comments]
    started = time.perf_counter()
    loaded.scores(texts)
    batch_seconds = time.perf_counter() - started
    sample = texts[:500]
    started = time.perf_counter()
    for text in sample:
        loaded.read(text, k=TOP_K)
    read_seconds = (time.perf_counter() - started) / len(sample)
    started = time.perf_counter()
    vectoriser, plain_fitted = plain_model(comments, themes)
    plain_train = time.perf_counter() - started
    started = time.perf_counter()
    plain_fitted.predict_proba(vectoriser.transform(texts))
    plain_batch = time.perf_counter() - started
    return {
        "comments": len(comments),
        "themes": len(model.themes),
        "candour": {
            "train_seconds_wall": round(train_wall, 2),
            "train_seconds_cpu": round(train_cpu, 2),
            "train_comments_per_second": round(len(comments) / train_wall),
            "model_bytes": len(stored),
            "load_seconds": round(load_seconds, 3),
            "score_comments_per_second_batch": round(len(texts) / batch_seconds),
            "read_ms_per_comment_with_evidence_and_sentiment": round(read_seconds * 1000, 2),
        },
        "plain_tfidf_lr": {
            "train_seconds_wall": round(plain_train, 2),
            "train_comments_per_second": round(len(comments) / plain_train),
            "score_comments_per_second_batch": round(len(texts) / plain_batch),
        },
    }


def sample_readings(comments: Sequence[LabelledComment], count: int) -> list[dict[str, Any]]:
    """What staff would see for a few comments, from a model that never saw them."""
    folds = stratified_folds([c.themes for c in comments], FOLDS, SEED)
    model = ThemeModel.train([c for c, f in zip(comments, folds, strict=True) if f != 0])
    shown = []
    for comment in [c for c, f in zip(comments, folds, strict=True) if f == 0][:count]:
        reading = model.read(comment.text, k=TOP_K)
        sentiment = reading.sentiment
        shown.append(
            {
                "comment": comment.id,
                "staff_themes": sorted(comment.themes),
                "themes": [
                    {
                        "theme": t.theme,
                        "score": round(t.score, 3),
                        "source": str(t.source),
                        "evidence_terms": list(t.evidence_terms),
                    }
                    for t in reading.themes
                ],
                "sentiment": comment.sentiment,
                "estimated_sentiment": round(sentiment.value, 2) if sentiment else None,
            }
        )
    return shown


# ---------------------------------------------------------------------------- report

LABELS = {
    "majority": "(a) majority baseline: theme frequencies",
    "plain": "(b) TF-IDF + one-vs-rest LR, sklearn defaults, p >= 0.5",
    "plain_tuned": "(b') the same, shared decision rule (nested threshold)",
    "embedding_lr": "(c) static embeddings + LR (C=16)",
    "suggester": "(d) code suggester reused as is (words)",
    "candour": "(e) Candour feedback themes (words+chars+embeddings)",
}


def table(methods: dict[str, Any]) -> str:
    lines = [
        f"{'method':<58} {'micro-F1':>8} {'macro-F1':>8} {'top-3 rec':>9} {'CV s':>6}",
        "-" * 93,
    ]
    for method, result in methods.items():
        lines.append(
            f"{LABELS.get(method, method):<58} {result['micro_f1']:>8.3f} "
            f"{result['macro_f1']:>8.3f} {result['top3_recall']:>9.3f} "
            f"{result['cross_validation_seconds']:>6.1f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a slice, no nested thresholds")
    args = parser.parse_args(argv)
    block_network()
    # One thread for every method alike, so that timings compare on a shared machine.
    threadpool_limits(1)
    started = time.perf_counter()

    themed, rated, dropped = load_themed()
    if args.quick:
        rng = np.random.default_rng(SEED)
        themed = [themed[i] for i in sorted(rng.choice(len(themed), QUICK_SAMPLE, replace=False))]
    themes = sorted({theme for c in themed for theme in c.themes})
    folds = stratified_folds([c.themes for c in themed], FOLDS, SEED)
    progress(f"{len(themed)} themed comments, {len(themes)} themes ({len(dropped)} dropped)")
    nested = not args.quick
    methods: dict[str, Any] = {}
    for name, scorer in (
        ("majority", majority),
        ("plain_tuned", plain),
        ("embedding_lr", embedding_lr),
        ("suggester", suggester),
        ("candour", candour()),
    ):
        progress(f"cross-validating {name}")
        methods[name] = cross_validate(scorer, themed, themes, folds, nested=nested)
        if scorer is plain:
            methods["plain"] = cross_validate(scorer, themed, themes, folds, nested=False)
    progress("sentiment and criticality")
    sentiment = {
        "v6_sentiment_1_very_positive_to_5_very_negative": sentiment_cv(
            [(c.text, float(c.sentiment)) for c in rated if c.sentiment is not None]
        ),
        "phase1_criticality_minus5_to_5": sentiment_cv(load_criticality()),
    }
    progress("throughput")
    timing = throughput(themed, themes)
    truth = truth_matrix(themed, themes)
    report: dict[str, Any] = {
        "generated": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "quick": args.quick,
        "seed": SEED,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "threads": 1,
        },
        "versions": {name: metadata.version(name) for name in ("scikit-learn", "numpy", "scipy")},
        "settings": ThemeSettings().to_dict(),
        "method": {
            "data": str(THEMED),
            "subsample": f"{QUICK_SAMPLE} comments (--quick)" if args.quick else "none",
            "folds": f"{FOLDS}-fold, iterative stratification (multi-label), seed {SEED}",
            "decision_rule": (
                "best-scored theme plus every theme scoring >= threshold; threshold maximises "
                f"micro-F1 on an inner {INNER_FOLDS}-fold CV of each outer training fold"
                + ("" if nested else " (--quick: fixed 0.5, no inner CV)")
                + "; 'plain' uses predict_proba >= 0.5 instead"
            ),
            "themes": (
                f"label columns after 'Comment sentiment' except {list(NOT_THEMES)}; themes with "
                f"fewer than {MIN_POSITIVES} comments dropped; comments without a theme dropped"
            ),
            "top3_recall": "per comment, share of its true themes among its 3 best-scored "
            "(score > 0), averaged over comments",
            "sentiment": "5-fold CV (random folds), ridge on word and character n-gram TF-IDF",
        },
        "comments": len(themed),
        "themes": {theme: int(truth[:, c].sum()) for c, theme in enumerate(themes)},
        "themes_dropped_too_few_for_cv": dropped,
        "themes_per_comment": round(float(truth.sum(axis=1).mean()), 2),
        "fold_sizes": sorted(Counter(folds).values()),
        "methods": methods,
        "sentiment": sentiment,
        "cold_start_rules_on_nhs_counterparts": cold_start_check(themed),
        "throughput": timing,
        "sample_readings": sample_readings(themed, 3),
    }
    report["network_connections_attempted"] = len(BLOCKED)
    report["total_seconds"] = round(time.perf_counter() - started, 1)

    print(f"\nNHS feedback themes: {len(themed)} comments, {len(themes)} themes, 5-fold CV")
    print(f"dropped (fewer than {MIN_POSITIVES} comments): {dropped}")
    print(table(methods))
    print("\nsentiment (MAE / within 1 / Spearman; mean baseline in brackets):")
    for name, result in sentiment.items():
        ours, base = result["candour_ridge_words_and_chars"], result["training_mean"]
        print(
            f"  {name:<48} {ours['mae']:.3f} / {ours['within_1']:.3f} / {ours['spearman']:.3f}"
            f"  ({base['mae']:.3f} / {base['within_1']:.3f})"
        )
    ours, plain_timing = timing["candour"], timing["plain_tfidf_lr"]
    print(
        f"\nthroughput ({timing['comments']} comments): Candour trains in "
        f"{ours['train_seconds_wall']} s ({ours['train_comments_per_second']}/s), scores "
        f"{ours['score_comments_per_second_batch']}/s in a batch, reads "
        f"{ours['read_ms_per_comment_with_evidence_and_sentiment']} ms/comment with evidence, "
        f"model {ours['model_bytes'] / 1e6:.1f} MB; plain LR trains in "
        f"{plain_timing['train_seconds_wall']} s, scores "
        f"{plain_timing['score_comments_per_second_batch']}/s"
    )
    print(f"network connections attempted (and blocked): {len(BLOCKED)}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"total {report['total_seconds']} s; wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
