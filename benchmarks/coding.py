"""Benchmark Candour's code suggester against analysts' own past coding.

    python benchmarks/coding.py            # full run, about 3 minutes on 2 cores
    python benchmarks/coding.py --quick    # smaller scale test, no secondary data set

Primary data: NASA ASRS passenger-misconduct reports with the analysts' Human Factors
codes (/work/shared/data/incidents, read-only; see SOURCES.md there).
  codes  the union of human_factors_person1 and human_factors_person2, split on ";" and
         stripped: a report's codes are every factor the analysts gave anyone in it (a
         report is the unit Candour suggests codes for). "Other / Unknown" is kept: it is
         the analysts' own code. Reports with no Human Factors code at all are left out:
         the field is empty for most reports before 2009, so empty means "not coded", not
         "coded as no factor".
  text   narrative_1, then narrative_2 (a second reporter's account) where present. The
         synopsis is left out of the main rows: ASRS analysts write it while coding, so a
         new report would not have one when Candour suggests codes. One reference row adds
         it, to show what that leak is worth.
Secondary data (skipped with --quick): NHS Friends and Family Test comments with their
analyst-assigned themes (pxtextmining v6 framework). "Not assigned" and "Labelling not
possible" are not themes and are dropped, with comments left without a theme.

Method: 5-fold cross-validation, folds stratified by iterative stratification (the
multi-label method of Sechidis et al. 2011), seed fixed. Every method except the plain
baseline decides its codes by one rule: the best-scored code, plus every other code
scoring at least a threshold; the threshold maximises micro-F1 over scores from an inner
3-fold cross-validation inside each outer training fold (nested: the test fold never
chooses it). The plain baseline uses scikit-learn's own decision (probability >= 0.5).
Measures, pooled over the five test folds: micro-F1, macro-F1 (mean over codes present),
top-3 recall (the share of true codes among each report's three best-scored codes).
Writes benchmarks/results/coding.json. Network access is blocked for the whole run.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import socket
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.multiclass import OneVsRestClassifier
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from candour.config.shared_data import shared_data_dir  # noqa: E402
from candour.lib.text.classifier import Decision, Example, Settings, Suggester  # noqa: E402
from candour.lib.text.classifier.folds import stratified_folds  # noqa: E402
from candour.lib.text.classifier.metrics import (  # noqa: E402
    best_threshold,
    decide,
    macro_f1,
    micro_f1,
    top_k_recall,
)

DATA = shared_data_dir()
ASRS_PATH = DATA / "incidents" / "asrs_passenger_misconduct_dev.csv"
FEEDBACK_PATH = DATA / "feedback" / "pxtextmining_v6framework_230831.csv"
RESULTS = ROOT / "benchmarks" / "results" / "coding.json"
SEED = 20261127
FOLDS = 5
INNER_FOLDS = 3
TOP_K = 3
HUMAN_FACTORS = ("human_factors_person1", "human_factors_person2")
NOT_THEMES = {"Not assigned", "Labelling not possible"}

# Keyword rules for the ASRS codes, written from the code names and the ASRS taxonomy
# (../shared/design/TAXONOMY.md) before reading narratives: what an organisation might
# give Candour on day one. "Other / Unknown" has none.
ASRS_RULES: dict[str, list[str]] = {
    "Communication Breakdown": [
        "communicat*", "miscommunicat*", "misunderst*", "not informed", "not told",
        "no one told", "did not inform*", "language barrier", "did not understand",
    ],
    "Confusion": ["confus*", "unclear", "not sure", "unsure", "uncertain*"],
    "Distraction": ["distract*", "interrupt*", "preoccupied"],
    "Fatigue": ["fatigue*", "tired", "exhausted", "rest period", "duty day"],
    "Human-Machine Interface": ["display", "interface", "screen", "button", "keypad"],
    "Physiological - Other": ["ill", "sick", "illness", "headache", "nause*", "dizzy", "pain"],
    "Situational Awareness": [
        "did not notice", "not aware", "unaware", "lost track", "did not see",
        "failed to notice", "situational awareness",
    ],
    "Time Pressure": ["rush*", "hurr*", "time pressure", "behind schedule", "on time"],
    "Training / Qualification": ["training", "trained", "new hire", "qualif*", "inexperience*"],
    "Troubleshooting": ["troubleshoot*", "reset", "inoperative", "malfunction*"],
    "Workload": ["workload", "busy", "overwhelm*", "full flight", "short staffed", "too many"],
}  # fmt: skip

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
# Train on the examples, then score each text for each code (columns in ``codes`` order).
Scorer = Callable[[Sequence[Example], Sequence[str], Sequence[str]], FloatArray]

# ---------------------------------------------------------------------------- network guard

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


def split_codes(value: str) -> set[str]:
    return {part.strip() for part in value.split(";") if part.strip()}


def load_asrs(*, with_synopsis: bool = False) -> list[Example]:
    with ASRS_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    examples = []
    for row in rows:
        codes: set[str] = set()
        for column in HUMAN_FACTORS:
            codes |= split_codes(row[column])
        if not codes:
            continue
        parts = [row["narrative_1"], row["narrative_2"]]
        if with_synopsis:
            parts.append(row["synopsis"])
        text = "\n\n".join(part.strip() for part in parts if part.strip())
        examples.append(Example(row["acn"], text, frozenset(codes)))
    return examples


def load_feedback() -> list[Example]:
    with FEEDBACK_PATH.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        themes = fields[fields.index("Comment sentiment") + 1 :]
        rows = list(reader)
    examples = []
    for row in rows:
        codes = frozenset(t for t in themes if row[t].strip() == "1" and t not in NOT_THEMES)
        text = row["FFT answer"].strip()
        if codes and text:
            examples.append(Example(row["Comment ID"], text, codes))
    return examples


def truth_matrix(examples: Sequence[Example], codes: Sequence[str]) -> BoolArray:
    return np.array([[code in e.codes for code in codes] for e in examples], dtype=np.bool_)


# ---------------------------------------------------------------------------- methods


def majority(train: Sequence[Example], texts: Sequence[str], codes: Sequence[str]) -> FloatArray:
    """Every report gets the same scores: how often each code was used in training."""
    counts = Counter(code for example in train for code in example.codes)
    prior = np.array([counts[code] / len(train) for code in codes])
    return np.tile(prior, (len(texts), 1))


def plain_model(train: Sequence[Example], codes: Sequence[str]) -> Any:
    """scikit-learn defaults: TF-IDF of words, one-vs-rest logistic regression."""
    vectoriser = TfidfVectorizer()
    matrix = vectoriser.fit_transform([e.text for e in train])
    model = OneVsRestClassifier(LogisticRegression(max_iter=1000))
    with warnings.catch_warnings():
        # A code absent from a training fold gets a constant predictor, with a warning.
        warnings.simplefilter("ignore", UserWarning)
        model.fit(matrix, truth_matrix(train, codes))
    return vectoriser, model


def plain(train: Sequence[Example], texts: Sequence[str], codes: Sequence[str]) -> FloatArray:
    vectoriser, model = plain_model(train, codes)
    return np.asarray(model.predict_proba(vectoriser.transform(texts)), dtype=np.float64)


def candour(settings: Settings | None = None, rules: dict[str, list[str]] | None = None) -> Scorer:
    def score(train: Sequence[Example], texts: Sequence[str], codes: Sequence[str]) -> FloatArray:
        suggester = Suggester.train(train, rules=rules, settings=settings)
        return align(suggester, suggester.scores(texts), codes)

    return score


def align(suggester: Suggester, scores: FloatArray, codes: Sequence[str]) -> FloatArray:
    """Reorder a suggester's score columns to ``codes`` (codes it never saw score 0)."""
    aligned = np.zeros((scores.shape[0], len(codes)))
    for column, code in enumerate(codes):
        if code in suggester.codes:
            aligned[:, column] = scores[:, suggester.codes.index(code)]
    return aligned


# ---------------------------------------------------------------------------- evaluation


@dataclass
class Outcome:
    scores: FloatArray
    chosen: BoolArray
    thresholds: list[float]
    fold_micro_f1: list[float]
    seconds: float
    cpu_seconds: float | None
    outer_seconds: float  # training and scoring for the test folds, without the inner CV


def cross_validate(
    scorer: Scorer,
    examples: Sequence[Example],
    codes: Sequence[str],
    folds: Sequence[int],
    *,
    threshold: str | float,
) -> Outcome:
    """``threshold``: "nested" (the shared decision rule, threshold chosen by inner CV) or
    a fixed threshold for the same rule."""
    truth = truth_matrix(examples, codes)
    scores = np.zeros(truth.shape)
    chosen = np.zeros(truth.shape, dtype=np.bool_)
    thresholds: list[float] = []
    fold_micro: list[float] = []
    started, cpu = time.perf_counter(), time.process_time()
    outer = 0.0
    for fold in range(FOLDS):
        train = [e for e, f in zip(examples, folds, strict=True) if f != fold]
        test = [i for i, f in enumerate(folds) if f == fold]
        fitting = time.perf_counter()
        scores[test] = scorer(train, [examples[i].text for i in test], codes)
        outer += time.perf_counter() - fitting
        if threshold == "nested":
            cut = nested_threshold(scorer, train, codes, seed=SEED + fold)
            chosen[test] = decide(scores[test], cut)
            thresholds.append(cut)
        else:
            chosen[test] = decide(scores[test], float(threshold))
            thresholds.append(float(threshold))
        fold_micro.append(micro_f1(chosen[test], truth[test]))
    return Outcome(
        scores,
        chosen,
        thresholds,
        fold_micro,
        time.perf_counter() - started,
        time.process_time() - cpu,
        outer,
    )


def decided_at_half(outcome: Outcome, truth: BoolArray, folds: Sequence[int]) -> Outcome:
    """The same scores decided as scikit-learn's ``predict`` does: probability >= 0.5."""
    chosen = outcome.scores >= 0.5
    fold_micro = [
        micro_f1(chosen[np.asarray(folds) == fold], truth[np.asarray(folds) == fold])
        for fold in range(FOLDS)
    ]
    seconds = outcome.outer_seconds
    return Outcome(outcome.scores, chosen, [], fold_micro, seconds, None, seconds)


def nested_threshold(
    scorer: Scorer, train: Sequence[Example], codes: Sequence[str], *, seed: int
) -> float:
    inner = stratified_folds([e.codes for e in train], INNER_FOLDS, seed)
    scores = np.zeros((len(train), len(codes)))
    for fold in range(INNER_FOLDS):
        fit = [e for e, f in zip(train, inner, strict=True) if f != fold]
        held = [i for i, f in enumerate(inner) if f == fold]
        scores[held] = scorer(fit, [train[i].text for i in held], codes)
    return best_threshold(scores, truth_matrix(train, codes))


def mean_auc(scores: FloatArray, truth: BoolArray, min_positives: int = 8) -> float | None:
    aucs = [
        roc_auc_score(truth[:, c], scores[:, c])
        for c in range(truth.shape[1])
        if min_positives <= truth[:, c].sum() < len(truth)
    ]
    return round(float(np.mean(aucs)), 3) if aucs else None


def summarise(outcome: Outcome, truth: BoolArray, *, text_based: bool) -> dict[str, Any]:
    # The majority baseline scores every report alike, so a ranking measure means nothing.
    auc = mean_auc(outcome.scores, truth) if text_based else None
    return {
        "micro_f1": round(micro_f1(outcome.chosen, truth), 3),
        "micro_f1_fold_sd": round(float(np.std(outcome.fold_micro_f1)), 3),
        "macro_f1": round(macro_f1(outcome.chosen, truth), 3),
        "top3_recall": round(top_k_recall(outcome.scores, truth, TOP_K), 3),
        "mean_auc_codes_with_8_or_more": auc,
        "codes_per_report_chosen": round(float(outcome.chosen.sum(axis=1).mean()), 2),
        "thresholds_by_fold": [round(t, 2) for t in outcome.thresholds],
        "cross_validation_seconds": round(outcome.seconds, 1),
        "cross_validation_cpu_seconds": (
            round(outcome.cpu_seconds, 1) if outcome.cpu_seconds is not None else None
        ),
        "test_fold_fitting_seconds": round(outcome.outer_seconds, 1),
    }


def per_code(outcome: Outcome, truth: BoolArray, codes: Sequence[str]) -> dict[str, Any]:
    table = {}
    for column, code in enumerate(codes):
        hits = int(np.count_nonzero(outcome.chosen[:, column] & truth[:, column]))
        total = int(outcome.chosen[:, column].sum() + truth[:, column].sum())
        positives = int(truth[:, column].sum())
        auc = None
        if 0 < positives < len(truth):
            auc = round(float(roc_auc_score(truth[:, column], outcome.scores[:, column])), 3)
        table[code] = {
            "reports": positives,
            "f1": round(2 * hits / total, 3) if total else 0.0,
            "auc": auc,
        }
    return table


def timed_training(
    examples: Sequence[Example], rules: dict[str, list[str]] | None, sample: int
) -> dict[str, Any]:
    """Train on everything once; time it, its size, loading, and suggesting with evidence."""
    wall, cpu = time.perf_counter(), time.process_time()
    suggester = Suggester.train(examples, rules=rules)
    train_wall, train_cpu = time.perf_counter() - wall, time.process_time() - cpu
    stored = suggester.to_bytes()
    started = time.perf_counter()
    loaded = Suggester.from_bytes(stored)
    load_seconds = time.perf_counter() - started
    texts = [e.text for e in examples[:sample]]
    started = time.perf_counter()
    for text in texts:
        loaded.suggest(text, k=TOP_K)
    per_report = (time.perf_counter() - started) / len(texts)
    return {
        "reports": len(examples),
        "codes": len(suggester.codes),
        "train_seconds_wall": round(train_wall, 2),
        "train_seconds_cpu": round(train_cpu, 2),
        "model_bytes": len(stored),
        "load_seconds": round(load_seconds, 3),
        "suggest_ms_per_report_with_evidence": round(per_report * 1000, 2),
    }


def plain_timing(examples: Sequence[Example], codes: Sequence[str]) -> dict[str, Any]:
    started = time.perf_counter()
    vectoriser, model = plain_model(examples, codes)
    train_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for example in examples[:200]:
        model.predict_proba(vectoriser.transform([example.text]))
    per_report = (time.perf_counter() - started) / min(200, len(examples))
    return {
        "train_seconds_wall": round(train_seconds, 2),
        "suggest_ms_per_report_no_evidence": round(per_report * 1000, 2),
    }


# ---------------------------------------------------------------------------- experiments


def compare(
    name: str,
    examples: Sequence[Example],
    methods: dict[str, tuple[Scorer, str | float]],  # name: (scorer, threshold)
    *,
    reference: dict[str, tuple[Sequence[Example], Scorer]] | None = None,
) -> dict[str, Any]:
    codes = sorted({code for e in examples for code in e.codes})
    truth = truth_matrix(examples, codes)
    folds = stratified_folds([e.codes for e in examples], FOLDS, SEED)
    results: dict[str, Any] = {}
    outcomes: dict[str, Outcome] = {}
    for method, (scorer, threshold) in methods.items():
        progress(f"{name}: {method}")
        outcomes[method] = cross_validate(scorer, examples, codes, folds, threshold=threshold)
        if scorer is plain:
            # The plain baseline decides from the same scores; no second cross-validation.
            at_half = decided_at_half(outcomes[method], truth, folds)
            results["plain"] = summarise(at_half, truth, text_based=True)
        results[method] = summarise(outcomes[method], truth, text_based=scorer is not majority)
    for method, (variant, scorer) in (reference or {}).items():
        progress(f"{name}: {method}")
        outcome = cross_validate(scorer, variant, codes, folds, threshold="nested")
        results[method] = summarise(outcome, truth, text_based=True)
    return {
        "reports": len(examples),
        "codes": {code: int(truth[:, c].sum()) for c, code in enumerate(codes)},
        "codes_per_report": round(float(truth.sum(axis=1).mean()), 2),
        "fold_sizes": sorted(Counter(folds).values()),
        "methods": results,
        "candour_per_code": (
            per_code(outcomes["candour"], truth, codes) if "candour" in outcomes else None
        ),
    }


def decisions_experiment(examples: Sequence[Example]) -> dict[str, Any]:
    """Does folding analysts' accept/reject verdicts back in help?

    Each outer training fold is split in half. A suggester trained on the first half
    suggests three codes for each report of the second half; a simulated analyst accepts
    those the real analysts gave and rejects the rest. Compared on the test fold: the first
    half alone, plus the verdicts, and plus the second half fully coded (the ceiling).
    """
    codes = sorted({code for e in examples for code in e.codes})
    truth = truth_matrix(examples, codes)
    folds = stratified_folds([e.codes for e in examples], FOLDS, SEED)
    variants = ("first half only", "plus accept/reject verdicts", "plus full coding")
    scores = {variant: np.zeros(truth.shape) for variant in variants}
    verdicts = Counter[bool]()
    for fold in range(FOLDS):
        train = [e for e, f in zip(examples, folds, strict=True) if f != fold]
        test = [i for i, f in enumerate(folds) if f == fold]
        halves = stratified_folds([e.codes for e in train], 2, SEED + fold)
        first = [e for e, h in zip(train, halves, strict=True) if h == 0]
        second = [e for e, h in zip(train, halves, strict=True) if h == 1]
        start = Suggester.train(first)
        decisions = [
            Decision(e.text, s.code, s.code in e.codes)
            for e in second
            for s in start.suggest(e.text, k=TOP_K)
        ]
        verdicts.update(d.accepted for d in decisions)
        texts = [examples[i].text for i in test]
        for variant, suggester in zip(
            variants,
            (start, Suggester.train(first, decisions=decisions), Suggester.train(train)),
            strict=True,
        ):
            scores[variant][test] = align(suggester, suggester.scores(texts), codes)
    return {
        "verdicts": {"accepted": verdicts[True], "rejected": verdicts[False]},
        "results": {
            variant: {
                "top3_recall": round(top_k_recall(scores[variant], truth, TOP_K), 3),
                "mean_auc_codes_with_8_or_more": mean_auc(scores[variant], truth),
            }
            for variant in variants
        },
    }


def sample_suggestions(examples: Sequence[Example], count: int) -> list[dict[str, Any]]:
    """What an analyst would see for a few reports, from a model that never saw them."""
    folds = stratified_folds([e.codes for e in examples], FOLDS, SEED)
    suggester = Suggester.train(
        [e for e, f in zip(examples, folds, strict=True) if f != 0], rules=ASRS_RULES
    )
    shown = []
    for example in [e for e, f in zip(examples, folds, strict=True) if f == 0][:count]:
        shown.append(
            {
                "report": example.id,
                "analysts_codes": sorted(example.codes),
                "suggestions": [
                    {
                        "code": s.code,
                        "score": round(s.score, 3),
                        "source": str(s.source),
                        "evidence_terms": list(s.evidence_terms),
                        "similar_ids": list(s.similar_ids),
                    }
                    for s in suggester.suggest(example.text, k=TOP_K)
                ],
            }
        )
    return shown


def reading(section: dict[str, Any]) -> list[str]:
    """Plain statements of what the numbers say, computed so that they stay true."""
    methods = section["methods"]
    ours, plain_tuned = methods["candour"], methods["plain_tuned"]
    baseline = methods["majority"]
    lines = [
        f"micro-F1: Candour {ours['micro_f1']} vs majority {baseline['micro_f1']} "
        f"(difference {ours['micro_f1'] - baseline['micro_f1']:+.3f}; Candour's fold SD "
        f"{ours['micro_f1_fold_sd']}) vs tuned plain LR {plain_tuned['micro_f1']}",
        f"macro-F1: Candour {ours['macro_f1']} vs majority {baseline['macro_f1']} "
        f"vs tuned plain LR {plain_tuned['macro_f1']}",
        f"top-3 recall: Candour {ours['top3_recall']} vs majority {baseline['top3_recall']} "
        f"vs plain LR {plain_tuned['top3_recall']}",
    ]
    if "candour_rules" in methods:
        lines.append(
            f"keyword rules blended in: macro-F1 {methods['candour_rules']['macro_f1']} "
            f"(rare codes get suggested), top-3 recall {methods['candour_rules']['top3_recall']}"
        )
    return lines


def synthetic_archive(count: int, code_count: int) -> list[Example]:
    """``count`` reports for timing only: ASRS narratives with their sentences shuffled, and
    codes given by keywords (5% flipped). About 1,200 characters each, like a narrative."""
    rng = random.Random(SEED)
    with ASRS_PATH.open(encoding="utf-8", newline="") as handle:
        narratives = [
            f"{row['narrative_1']} {row['narrative_2']}".strip() for row in csv.DictReader(handle)
        ]
    vocabulary = sorted({w for text in narratives for w in text.lower().split() if w.isalpha()})
    keywords = [rng.sample(vocabulary, 3) for _ in range(code_count)]
    examples = []
    for number in range(count):
        sentences = narratives[number % len(narratives)].split(". ")
        rng.shuffle(sentences)
        text = ". ".join(sentences)
        words = set(text.lower().split())
        codes = frozenset(
            f"code{c:02d}"
            for c in range(code_count)
            if (any(k in words for k in keywords[c])) != (rng.random() < 0.05)
        )
        examples.append(Example(f"s{number}", text, codes))
    return examples


# ---------------------------------------------------------------------------- report

LABELS = {
    "majority": "(a) majority baseline: code frequencies",
    "plain": "(b) TF-IDF + logistic regression, sklearn defaults, p >= 0.5",
    "plain_tuned": "(b') the same, shared decision rule (nested threshold)",
    "candour": "(c) Candour suggester, learned only",
    "candour_rules": "(c) Candour suggester + keyword rules",
    "candour_chars": "(c) Candour + character n-grams",
    "rules_only": "(d) keyword rules alone (cold start, no training)",
    "candour_synopsis": "reference: Candour with analyst synopsis (leaks)",
}


def table(section: dict[str, Any]) -> str:
    lines = [
        f"{'method':<62} {'micro-F1':>8} {'macro-F1':>8} {'top-3 rec':>9} {'AUC':>6} {'CV s':>6}",
        "-" * 104,
    ]
    for method, result in section["methods"].items():
        auc = result["mean_auc_codes_with_8_or_more"]
        lines.append(
            f"{LABELS.get(method, method):<62} {result['micro_f1']:>8.3f} "
            f"{result['macro_f1']:>8.3f} {result['top3_recall']:>9.3f} "
            f"{(f'{auc:.3f}' if auc is not None else '-'):>6} "
            f"{result['cross_validation_seconds']:>6.1f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller scale test, ASRS only")
    args = parser.parse_args(argv)
    block_network()
    # One thread for every method alike: on a shared two-core machine, BLAS and OpenMP
    # threads contending with other work made timings swing several-fold.
    threadpool_limits(1)
    started = time.perf_counter()

    asrs = load_asrs()
    progress(f"ASRS: {len(asrs)} coded reports")
    rules_only: Scorer = lambda train, texts, codes: candour(rules=ASRS_RULES)([], texts, codes)  # noqa: E731
    asrs_section = compare(
        "asrs",
        asrs,
        {
            "majority": (majority, "nested"),
            "plain_tuned": (plain, "nested"),
            "candour": (candour(), "nested"),
            "candour_rules": (candour(rules=ASRS_RULES), "nested"),
            "candour_chars": (candour(Settings(char_ngrams=True)), "nested"),
            # A cold start has no coding to tune on: every code whose rules match.
            "rules_only": (rules_only, 0.5),
        },
        reference={"candour_synopsis": (load_asrs(with_synopsis=True), candour())},
    )
    asrs_codes = sorted(asrs_section["codes"])
    progress("asrs: timing on all coded reports")
    asrs_section["timing"] = {
        "candour": timed_training(asrs, None, sample=len(asrs)),
        "candour_rules": timed_training(asrs, ASRS_RULES, sample=len(asrs)),
        "plain": plain_timing(asrs, asrs_codes),
    }
    progress("asrs: folding accept/reject verdicts back in")
    asrs_section["decisions"] = decisions_experiment(asrs)
    asrs_section["reading"] = reading(asrs_section)
    asrs_section["sample_suggestions"] = sample_suggestions(asrs, 3)

    report: dict[str, Any] = {
        "generated": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "quick": args.quick,
        "seed": SEED,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "versions": {name: metadata.version(name) for name in ("scikit-learn", "numpy", "scipy")},
        "settings": Settings().to_dict(),
        "method": {
            "folds": f"{FOLDS}-fold, iterative stratification (multi-label), seed {SEED}",
            "decision_rule": (
                "best-scored code plus every code scoring >= threshold; threshold maximises "
                f"micro-F1 on an inner {INNER_FOLDS}-fold CV of each outer training fold; "
                "the plain baseline uses predict_proba >= 0.5 instead; rules alone suggest "
                "every code whose rules match (a cold start has no coding to tune on)"
            ),
            "asrs_codes": "union of human_factors_person1/2 split on ';'; uncoded reports left out",
            "asrs_text": "narrative_1 + narrative_2; synopsis only in the reference row",
            "top3_recall": "share of true codes among the 3 best-scored codes with score > 0",
            "mean_auc": "mean ROC AUC per code over codes with at least 8 reports",
        },
        "asrs_human_factors": asrs_section,
    }
    print("\nASRS Human Factors codes, 5-fold CV:")
    print(table(asrs_section))

    if not args.quick:
        feedback = load_feedback()
        progress(f"feedback: {len(feedback)} comments with a theme")
        feedback_section = compare(
            "feedback",
            feedback,
            {
                "majority": (majority, "nested"),
                "plain_tuned": (plain, "nested"),
                "candour": (candour(), "nested"),
            },
        )
        feedback_section["timing"] = {
            "candour": timed_training(feedback, None, sample=500),
            "plain": plain_timing(feedback, sorted(feedback_section["codes"])),
        }
        progress("feedback: folding accept/reject verdicts back in")
        feedback_section["decisions"] = decisions_experiment(feedback)
        feedback_section["reading"] = reading(feedback_section)
        report["nhs_feedback_themes"] = feedback_section
        print("\nNHS feedback themes (secondary), 5-fold CV:")
        print(table(feedback_section))

    count = 5_000 if args.quick else 20_000
    progress(f"scale: training on {count} synthetic narratives with 50 codes")
    report["scale"] = {
        "what": (
            "timing only: ASRS narratives with sentences shuffled, 50 keyword-made codes "
            "(5% flipped), about 1,200 characters a report"
        ),
        **timed_training(synthetic_archive(count, 50), None, sample=200),
    }
    report["network_connections_attempted"] = len(BLOCKED)
    report["total_seconds"] = round(time.perf_counter() - started, 1)

    timing = asrs_section["timing"]["candour"]
    scale = report["scale"]
    print(
        f"\nASRS ({timing['reports']} reports): train {timing['train_seconds_wall']} s, "
        f"suggest {timing['suggest_ms_per_report_with_evidence']} ms/report, "
        f"model {timing['model_bytes'] / 1e3:.0f} kB"
    )
    print(
        f"scale ({scale['reports']} reports, {scale['codes']} codes): train "
        f"{scale['train_seconds_wall']} s wall / {scale['train_seconds_cpu']} s CPU, "
        f"suggest {scale['suggest_ms_per_report_with_evidence']} ms/report, "
        f"model {scale['model_bytes'] / 1e6:.1f} MB"
    )
    for key, name in (("asrs_human_factors", "ASRS"), ("nhs_feedback_themes", "feedback")):
        if key not in report:
            continue
        print(f"{name}: verdicts folded back in (top-3 recall / mean AUC on the test folds):")
        for variant, result in report[key]["decisions"]["results"].items():
            auc = result["mean_auc_codes_with_8_or_more"]
            print(f"  {variant:<30} {result['top3_recall']:.3f} / {auc}")
    print(f"network connections attempted (and blocked): {len(BLOCKED)}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"total {report['total_seconds']} s; wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
