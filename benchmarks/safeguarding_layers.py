"""Issue 15: the phrase patterns, the similarity layer, and both, on data split before tuning.

Called by benchmarks/safeguarding.py (which loads the NHS comments and writes the JSON).

Splits, fixed by SEED and made before anything is tuned:
  bank        the exemplar bank's disclosures, stratified by category: DEV_SHARE dev, the
              rest test. The layer measured on the test part holds the dev part only, so
              no test disclosure is in the bank it is compared with.
  phrasings   the issue 6 phrasings (disclosures by category, hard negatives), half each.
  heldout     candour/safeguarding/heldout.py: all test; written in other words than the bank.
  lookalikes  children's harmless look-alikes (lookalikes.py), by kind, half each.
  nhs         the adult NHS comments, half each by a hash of the text.

Tuning (dev only): window size, threshold and margin are chosen to give the highest lowest
per-category recall of both layers together on the dev disclosures (bank items scored by
5-fold cross-validation within the dev bank, so an item is never compared with itself),
within false-alarm budgets on the dev NHS comments and dev look-alikes set below the
targets. The test part is then scored once.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

import numpy as np

SEED = 20261207
DEV_SHARE = 0.6
FOLDS = 5
WINDOWS = (4, 6, 8)
THRESHOLDS = tuple(round(x, 2) for x in np.arange(0.60, 0.96, 0.01))
MARGINS = (0.0, 0.02, 0.04, 0.06, 0.08, 0.10)
# Budgets for tuning on dev, below the targets so that the test part has some headroom.
BUDGET_NHS = 0.008
BUDGET_LOOKALIKES = 0.08
TARGETS = {
    "recall_per_category": 0.95,
    "nhs_false_alarms": 0.01,
    "lookalike_false_alarms": 0.10,
    "ms_per_text": 1.0,
}

T = TypeVar("T")


class Comment(Protocol):
    text: str
    labels: set[str]


def stratified(
    items: Sequence[T], key: Callable[[T], str], share: float, salt: str
) -> tuple[list[T], list[T]]:
    """Deterministic split: per group, a seeded shuffle, the first `share` to dev."""
    groups: dict[str, list[T]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    dev: list[T] = []
    test: list[T] = []
    for name in sorted(groups):
        group = list(groups[name])
        random.Random(f"{SEED}:{salt}:{name}").shuffle(group)
        cut = round(len(group) * share)
        dev += group[:cut]
        test += group[cut:]
    return dev, test


def nhs_half(text: str) -> str:
    return "dev" if hashlib.sha256(f"{SEED}:{text}".encode()).digest()[0] % 2 == 0 else "test"


def rate(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def best_per_margin(layer: Any, texts: Sequence[str]) -> np.ndarray:
    """For each text and margin: the highest similarity of a part passing that margin."""
    out = np.full((len(texts), len(MARGINS)), -1.0, dtype=np.float32)
    for row, text in enumerate(texts):
        scores = layer.scores(text)
        if not len(scores.positive):
            continue
        lead = scores.positive - scores.negative
        for col, margin in enumerate(MARGINS):
            passing = lead >= margin
            if passing.any():
                out[row, col] = scores.positive[passing].max()
    return out


def two_layers(comments: Sequence[Comment]) -> dict[str, Any]:
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    from candour.learning.similarity.reports import default_embedder
    from candour.safeguarding import semantic
    from candour.safeguarding.detector import Category, assess, detect
    from candour.safeguarding.exemplars import EXEMPLARS, NEGATIVES, VERSION
    from candour.safeguarding.heldout import HELDOUT
    from candour.safeguarding.lookalikes import LOOKALIKES
    from candour.safeguarding.phrasings import NEGATIVES as HARD_NEGATIVES
    from candour.safeguarding.phrasings import POSITIVES

    threadpool_limits(1)  # one core, as the targets say
    started = time.perf_counter()
    embedder = default_embedder()
    harmless = [n.text for n in NEGATIVES]
    categories = [c.value for c in Category]

    bank_dev, bank_test = stratified(EXEMPLARS, lambda e: e.category, DEV_SHARE, "bank")
    phr_dev, phr_test = stratified(POSITIVES, lambda p: p.category, 0.5, "phrasings")
    hard_dev, hard_test = stratified(HARD_NEGATIVES, lambda n: n.band, 0.5, "hard")
    look_dev, look_test = stratified(LOOKALIKES, lambda x: x.kind, 0.5, "lookalikes")
    ordinary = [c.text for c in comments if not c.labels]
    nhs_dev = [t for t in ordinary if nhs_half(t) == "dev"]
    nhs_test = [t for t in ordinary if nhs_half(t) == "test"]

    patterns_cache: dict[str, bool] = {}

    def by_patterns(text: str) -> bool:
        if text not in patterns_cache:
            patterns_cache[text] = assess(text, None).concern
        return patterns_cache[text]

    # ------------------------------------------------------------------ tune on dev only
    dev_pos = [(e.text, e.category) for e in bank_dev] + [(p.text, p.category) for p in phr_dev]
    dev_pos_patterns = np.array([by_patterns(t) for t, _c in dev_pos])
    nhs_dev_patterns = np.array([by_patterns(t) for t in nhs_dev])
    look_dev_patterns = np.array([by_patterns(x.text) for x in look_dev])
    trials = []
    for window in WINDOWS:

        def layer(bank: Sequence[Any], window: int = window) -> semantic.SimilarityLayer:
            return semantic.SimilarityLayer(
                embedder, bank, harmless, window=window, version=VERSION
            )

        folds = [bank_dev[k::FOLDS] for k in range(FOLDS)]
        bank_scores = np.zeros((len(bank_dev), len(MARGINS)), dtype=np.float32)
        index = {id(e): i for i, e in enumerate(bank_dev)}
        for k in range(FOLDS):
            rest = [e for j, fold in enumerate(folds) if j != k for e in fold]
            held = folds[k]
            scored = best_per_margin(layer(rest), [e.text for e in held])
            for e, row in zip(held, scored, strict=True):
                bank_scores[index[id(e)]] = row
        full = layer(bank_dev)
        pos_scores = np.vstack([bank_scores, best_per_margin(full, [p.text for p in phr_dev])])
        nhs_scores = best_per_margin(full, nhs_dev)
        look_scores = best_per_margin(full, [x.text for x in look_dev])
        for col, margin in enumerate(MARGINS):
            for threshold in THRESHOLDS:
                found = dev_pos_patterns | (pos_scores[:, col] >= threshold)
                nhs_fa = float((nhs_dev_patterns | (nhs_scores[:, col] >= threshold)).mean())
                look_fa = float((look_dev_patterns | (look_scores[:, col] >= threshold)).mean())
                per_cat = {
                    c: float(
                        np.mean(
                            [f for f, (_t, cat) in zip(found, dev_pos, strict=True) if cat == c]
                        )
                    )
                    for c in categories
                }
                trials.append(
                    {
                        "window": window,
                        "threshold": float(threshold),
                        "margin": margin,
                        "dev_recall_min_category": round(min(per_cat.values()), 4),
                        "dev_recall": round(float(found.mean()), 4),
                        "dev_nhs_false_alarms": round(nhs_fa, 4),
                        "dev_lookalike_false_alarms": round(look_fa, 4),
                        "within_budget": nhs_fa <= BUDGET_NHS and look_fa <= BUDGET_LOOKALIKES,
                    }
                )
    allowed = [t for t in trials if t["within_budget"]]
    chosen = max(
        allowed,
        key=lambda t: (
            t["dev_recall_min_category"],
            t["dev_recall"],
            -t["dev_nhs_false_alarms"],
            -t["dev_lookalike_false_alarms"],
            -t["threshold"],
        ),
    )
    shipped = {
        "window": semantic.WINDOW,
        "threshold": semantic.THRESHOLD,
        "margin": semantic.MARGIN,
    }
    tuning_seconds = time.perf_counter() - started

    # ------------------------------------------------------------------ test, scored once
    measured = semantic.SimilarityLayer(
        embedder,
        bank_dev,
        harmless,
        threshold=chosen["threshold"],
        margin=chosen["margin"],
        window=chosen["window"],
        version=VERSION,
    )
    test_sets = {
        "bank_test": [(e.text, e.category) for e in bank_test],
        "phrasings_test": [(p.text, p.category) for p in phr_test],
        "heldout": [(h.text, h.category) for h in HELDOUT],
    }
    pooled = [item for items in test_sets.values() for item in items]

    def recall(items: list[tuple[str, str]], flag: Callable[[str], bool]) -> dict[str, Any]:
        flags = [flag(t) for t, _c in items]
        totals = Counter(c for _t, c in items)
        hits = Counter(c for (_t, c), f in zip(items, flags, strict=True) if f)
        return {
            "overall": rate(sum(flags), len(flags)),
            "by_category": {c: rate(hits[c], totals[c]) for c in categories},
            "items_by_category": {c: totals[c] for c in categories},
            "missed": [
                {"text": t, "category": c} for (t, c), f in zip(items, flags, strict=True) if not f
            ],
        }

    def semantic_flag(layer: semantic.SimilarityLayer) -> Callable[[str], bool]:
        return lambda text: layer.flag(text) is not None

    methods: dict[str, Callable[[str], bool]] = {
        "patterns": by_patterns,
        "similarity": semantic_flag(measured),
        "both": lambda t: by_patterns(t) or measured.flag(t) is not None,
    }

    def false_alarms(texts: Sequence[str], flag: Callable[[str], bool]) -> dict[str, Any]:
        flagged = sum(flag(t) for t in texts)
        return {"texts": len(texts), "flagged": flagged, "rate": rate(flagged, len(texts))}

    test = {
        name: {
            "recall_pooled_test": recall(pooled, flag),
            "recall_by_set": {k: recall(v, flag)["overall"] for k, v in test_sets.items()},
            "nhs_test_false_alarms": false_alarms(nhs_test, flag),
            "lookalike_test_false_alarms": false_alarms([x.text for x in look_test], flag),
            "hard_negative_test_false_alarms": false_alarms([n.text for n in hard_test], flag),
        }
        for name, flag in methods.items()
    }
    for name in ("patterns", "similarity"):
        del test[name]["recall_pooled_test"]["missed"]  # listed once, for both

    # ------------------------------------------------------- the shipped detector (full bank)
    # The held-out lines, the phrasings and the look-alikes are not in the bank, so these
    # are fair for the detector as shipped; the bank's own test part is not (it is in it).
    ship_items = test_sets["phrasings_test"] + test_sets["heldout"]
    ship = {
        "recall_heldout_and_phrasings_test": recall(ship_items, lambda t: detect(t).concern),
        "nhs_all_false_alarms": false_alarms(ordinary, lambda t: detect(t).concern),
        "lookalike_test_false_alarms": false_alarms(
            [x.text for x in look_test], lambda t: detect(t).concern
        ),
        "lookalike_all_false_alarms": false_alarms(
            [x.text for x in LOOKALIKES], lambda t: detect(t).concern
        ),
    }
    flagged_nhs = []
    for c in comments:
        a = detect(c.text)
        if not a.concern:
            continue
        entry: dict[str, Any] = {
            "text": c.text,
            "labelled": sorted(c.labels),
            "half": nhs_half(c.text),
            "layers": [str(x) for x in a.layers],
            "categories": [str(x) for x in a.categories],
            "urgency": str(a.urgency),
            "matched": [p.text for p in a.matched],
        }
        if a.similar is not None:
            entry["nearest"] = {
                "part": a.similar.text,
                "exemplar": a.similar.exemplar,
                "category": a.similar.category,
                "similarity": a.similar.similarity,
                "margin": a.similar.margin,
            }
        flagged_nhs.append(entry)
    flagged_lookalikes = [x.text for x in LOOKALIKES if detect(x.text).concern]

    # ------------------------------------------------------------------ time per text
    sample = random.Random(SEED).sample(ordinary, min(2000, len(ordinary)))
    sample += [x.text for x in LOOKALIKES] + [h.text for h in HELDOUT]
    detect("warm up")
    timings = []
    for text in sample:
        t0 = time.perf_counter()
        detect(text)
        timings.append((time.perf_counter() - t0) * 1000)
    cold_started = time.perf_counter()
    semantic.SimilarityLayer(embedder, EXEMPLARS, harmless)
    build_seconds = time.perf_counter() - cold_started

    both_test = test["both"]
    ship_recall = ship["recall_heldout_and_phrasings_test"]["by_category"]
    targets = {
        "recall_per_category_test_both_min": min(
            v for v in both_test["recall_pooled_test"]["by_category"].values() if v is not None
        ),
        "recall_per_category_shipped_heldout_min": min(
            v for v in ship_recall.values() if v is not None
        ),
        "nhs_false_alarm_rate_shipped": ship["nhs_all_false_alarms"]["rate"],
        "lookalike_false_alarm_rate_shipped_test_part": ship["lookalike_test_false_alarms"]["rate"],
        "ms_per_text_mean": round(float(np.mean(timings)), 4),
        "ms_per_text_p95": round(float(np.percentile(timings, 95)), 4),
    }
    return {
        "description": __doc__.strip().splitlines()[0],
        "bank_version": VERSION,
        "splits": {
            "seed": SEED,
            "bank": {"dev": len(bank_dev), "test": len(bank_test)},
            "bank_harmless_lookalikes": len(harmless),
            "phrasings_positives": {"dev": len(phr_dev), "test": len(phr_test)},
            "phrasings_hard_negatives": {"dev": len(hard_dev), "test": len(hard_test)},
            "heldout_test": len(HELDOUT),
            "lookalikes": {"dev": len(look_dev), "test": len(look_test)},
            "nhs_ordinary_comments": {"dev": len(nhs_dev), "test": len(nhs_test)},
        },
        "tuning": {
            "budgets": {"nhs": BUDGET_NHS, "lookalikes": BUDGET_LOOKALIKES},
            "chosen_on_dev": chosen,
            "shipped_in_semantic_py": shipped,
            "shipped_equals_chosen": all(shipped[k] == chosen[k] for k in shipped),
            "trials": len(trials),
            "seconds": round(tuning_seconds, 1),
            "best_trials_per_window": {
                w: max(
                    (t for t in allowed if t["window"] == w),
                    key=lambda t: (t["dev_recall_min_category"], t["dev_recall"]),
                    default=None,
                )
                for w in WINDOWS
            },
        },
        "test_with_dev_bank": test,
        "shipped_detector": ship,
        "targets": TARGETS,
        "measured_against_targets": targets,
        "timing": {
            "what": "detect() as shipped (patterns + similarity, full bank), one text at a "
            "time, one BLAS thread, after loading; 2,000 NHS comments, the look-alikes and "
            "the held-out disclosures",
            "texts": len(timings),
            "ms_mean": targets["ms_per_text_mean"],
            "ms_p95": targets["ms_per_text_p95"],
            "ms_max": round(max(timings), 3),
            "build_bank_seconds": round(build_seconds, 3),
        },
        "flagged_nhs_comments": flagged_nhs,
        "flagged_lookalikes": flagged_lookalikes,
        "notes": [
            "Every disclosure here (bank, phrasings, held-out) was written by Candour's "
            "engineers from published guidance, not by children: recall on them is recall on "
            "our idea of how children write. Real-world recall is unproven.",
            "flagged_nhs_comments lists every NHS comment the shipped detector flags, with "
            "the layer and reason, so a person can judge each: several are adults describing "
            "suicidal thoughts, abuse or fear, which are true positives for a human reader.",
        ],
    }


def layers_table(result: dict[str, Any]) -> str:
    test = result["test_with_dev_bank"]
    cats = list(test["both"]["recall_pooled_test"]["by_category"])
    lines = [f"{'category':<24} {'n':>4} {'patterns':>9} {'similar':>8} {'both':>6}"]
    for c in cats:
        n = test["both"]["recall_pooled_test"]["items_by_category"][c]
        row = [
            test[m]["recall_pooled_test"]["by_category"][c]
            for m in ("patterns", "similarity", "both")
        ]
        lines.append(f"{c:<24} {n:>4} " + " ".join(f"{v:>8}" for v in row))
    for m in ("patterns", "similarity", "both"):
        lines.append(
            f"{m:<10} recall {test[m]['recall_pooled_test']['overall']} "
            f"nhs fa {test[m]['nhs_test_false_alarms']['rate']} "
            f"lookalike fa {test[m]['lookalike_test_false_alarms']['rate']}"
        )
    lines.append(f"chosen on dev: {result['tuning']['chosen_on_dev']}")
    lines.append(f"targets: {result['measured_against_targets']}")
    return "\n".join(lines)
