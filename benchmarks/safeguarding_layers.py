"""Issue 15: the phrase patterns, the learned layer, and both, on data split before tuning.

Called by benchmarks/safeguarding.py (which loads the NHS comments and writes the JSON).

Splits, fixed by SEED and made before anything is tuned:
  bank        the exemplar bank's disclosures, stratified by category: DEV_SHARE dev, the
              rest test. The learned layer was fitted on the dev part only, and the
              patterns were written with only the dev part in view.
  phrasings   the issue 6 phrasings (disclosures by category, hard negatives), half each.
  heldout     candour/lib/safeguarding/heldout.py: all test; written in other words than the bank.
  fresh       candour/lib/safeguarding/heldout_fresh.py: all test, disclosures and look-alikes
              written for round 5 before it tuned anything (the bank's test part and the
              held-out set had been scored twice in round 4); reported on its own.
  lookalikes  children's harmless look-alikes (lookalikes.py), by kind, half each.
  nhs         the adult NHS comments, half each by a hash of the text.

Tuning (dev only): scripts/train_safeguarding_model.py fits the learned layer and chooses
its regularisation and threshold by cross-validation on the dev parts, within false-alarm
budgets (BUDGET_*) set below the targets. This module only scores the test parts, once,
beside the nearest-exemplar alternative (the static embedding alone, semantic.py).
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
# Budgets for tuning on dev, below the targets so that the test part has some headroom
# (scripts/train_safeguarding_model.py applies them; round 5 also caps the learned layer's
# own out-of-fold NHS rate at 0.25%).
BUDGET_NHS = 0.005
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


def two_layers(comments: Sequence[Comment]) -> dict[str, Any]:
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    from candour.lib.safeguarding import learned, semantic
    from candour.lib.safeguarding.detector import Category, assess, detect
    from candour.lib.safeguarding.exemplars import (
        EXEMPLARS,
        EXEMPLARS_DEV,
        NEGATIVES,
        NEGATIVES_DEV,
        VERSION,
    )
    from candour.lib.safeguarding.heldout import HELDOUT
    from candour.lib.safeguarding.heldout_fresh import FRESH, FRESH_LOOKALIKES
    from candour.lib.safeguarding.lookalikes import LOOKALIKES
    from candour.lib.safeguarding.patterns import VERSION as PATTERNS_VERSION
    from candour.lib.safeguarding.phrasings import NEGATIVES as HARD_NEGATIVES
    from candour.lib.safeguarding.phrasings import POSITIVES

    threadpool_limits(1)  # one core, as the targets say
    categories = [c.value for c in Category]
    layer = learned.default_layer()
    about = learned_about()

    bank_dev, bank_test = stratified(EXEMPLARS, lambda e: e.category, DEV_SHARE, "bank")
    phr_dev, phr_test = stratified(POSITIVES, lambda p: p.category, 0.5, "phrasings")
    hard_dev, hard_test = stratified(HARD_NEGATIVES, lambda n: n.band, 0.5, "hard")
    look_dev, look_test = stratified(LOOKALIKES, lambda x: x.kind, 0.5, "lookalikes")
    ordinary = [c.text for c in comments if not c.labels]
    nhs_dev = [t for t in ordinary if nhs_half(t) == "dev"]
    nhs_test = [t for t in ordinary if nhs_half(t) == "test"]
    # The nearest-neighbour alternative: the static embedding alone, against the dev bank.
    nearest = semantic.SimilarityLayer(
        layer.embedder, bank_dev, [n.text for n in NEGATIVES], version=VERSION
    )

    methods: dict[str, Callable[[str], bool]] = {
        "patterns": lambda t: assess(t, None).concern,
        "nearest_exemplar": lambda t: nearest.flag(t) is not None,
        "learned": lambda t: layer.best(t) is not None,
        "both": lambda t: detect(t).concern,  # as shipped: patterns or learned
    }
    test_sets = {
        "bank_test": [(e.text, e.category) for e in bank_test],
        "heldout": [(h.text, h.category) for h in HELDOUT],
    }
    pooled = [item for items in test_sets.values() for item in items]
    fresh = [(e.text, e.category) for e in FRESH]

    def recall(items: list[tuple[str, str]], flag: Callable[[str], bool]) -> dict[str, Any]:
        flags = [flag(t) for t, _c in items]
        totals = Counter(c for _t, c in items)
        hits = Counter(c for (_t, c), f in zip(items, flags, strict=True) if f)
        return {
            "overall": rate(sum(flags), len(flags)),
            "by_category": {c: rate(hits[c], totals[c]) for c in categories if totals[c]},
            "items_by_category": {c: totals[c] for c in categories if totals[c]},
            "missed": [
                {"text": t, "category": c} for (t, c), f in zip(items, flags, strict=True) if not f
            ],
        }

    def false_alarms(texts: Sequence[str], flag: Callable[[str], bool]) -> dict[str, Any]:
        flagged = sum(flag(t) for t in texts)
        return {"texts": len(texts), "flagged": flagged, "rate": rate(flagged, len(texts))}

    test = {}
    for name, flag in methods.items():
        test[name] = {
            "recall_pooled_test": recall(pooled, flag),
            "recall_by_set": {k: recall(v, flag) for k, v in test_sets.items()},
            "nhs_test_false_alarms": false_alarms(nhs_test, flag),
            "lookalike_test_false_alarms": false_alarms([x.text for x in look_test], flag),
            "recall_fresh": recall(fresh, flag),
            "fresh_lookalike_false_alarms": false_alarms([x.text for x in FRESH_LOOKALIKES], flag),
            "hard_negative_test_false_alarms": false_alarms([n.text for n in hard_test], flag),
        }
        if name != "both":  # misses listed once, for the detector as shipped
            del test[name]["recall_pooled_test"]["missed"]
            del test[name]["recall_fresh"]["missed"]
            for by_set in test[name]["recall_by_set"].values():
                del by_set["missed"]
        else:
            for by_set in test[name]["recall_by_set"].values():
                del by_set["missed"]

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
            entry["learned"] = {
                "part": a.similar.text,
                "score": a.similar.score,
                "nearest_exemplar": a.similar.exemplar,
                "category": a.similar.category,
                "similarity": a.similar.similarity,
            }
        flagged_nhs.append(entry)
    flagged_lookalikes = [x.text for x in look_test if detect(x.text).concern]
    flagged_fresh_lookalikes = [x.text for x in FRESH_LOOKALIKES if detect(x.text).concern]

    # ------------------------------------------------------------------ time per text
    sample = random.Random(SEED).sample(ordinary, min(2000, len(ordinary)))
    sample += [x.text for x in LOOKALIKES] + [h.text for h in HELDOUT]
    detect("warm up")
    timings = []
    cpu_start = time.process_time()
    for text in sample:
        t0 = time.perf_counter()
        detect(text)
        timings.append((time.perf_counter() - t0) * 1000)
    # CPU time is what the target is about; wall time also counts waiting for a shared core.
    cpu_ms = (time.process_time() - cpu_start) * 1000 / len(sample)
    cold = time.perf_counter()
    learned.LearnedLayer.from_file(learned.MODEL_FILE, layer.embedder, layer.explainer)
    load_seconds = time.perf_counter() - cold

    both = test["both"]
    targets = {
        "recall_per_category_test_min": min(both["recall_pooled_test"]["by_category"].values()),
        "recall_test_overall": both["recall_pooled_test"]["overall"],
        "nhs_false_alarm_rate_test": both["nhs_test_false_alarms"]["rate"],
        "lookalike_false_alarm_rate_test": both["lookalike_test_false_alarms"]["rate"],
        "fresh_recall_overall": both["recall_fresh"]["overall"],
        "fresh_recall_per_category_min": min(both["recall_fresh"]["by_category"].values()),
        "fresh_lookalike_false_alarm_rate": both["fresh_lookalike_false_alarms"]["rate"],
        "cpu_ms_per_text_mean": round(cpu_ms, 4),
        "ms_per_text_mean": round(float(np.mean(timings)), 4),
        "ms_per_text_p95": round(float(np.percentile(timings, 95)), 4),
    }
    return {
        "description": "Issue 15: the phrase patterns, the learned layer, and both, on parts "
        "split before anything was tuned",
        "bank_version": VERSION,
        "patterns_version": PATTERNS_VERSION,
        "learned_version": layer.version,
        "splits": {
            "seed": SEED,
            "bank": {"dev": len(bank_dev), "test": len(bank_test)},
            "bank_harmless_lookalikes": len(NEGATIVES),
            "dev_additions_outside_split": {
                "disclosures": len(EXEMPLARS_DEV),
                "harmless": len(NEGATIVES_DEV),
            },
            "phrasings_positives": {"dev": len(phr_dev), "test": len(phr_test)},
            "phrasings_hard_negatives": {"dev": len(hard_dev), "test": len(hard_test)},
            "heldout_test": len(HELDOUT),
            "fresh_test": {"disclosures": len(FRESH), "lookalikes": len(FRESH_LOOKALIKES)},
            "lookalikes": {"dev": len(look_dev), "test": len(look_test)},
            "nhs_ordinary_comments": {"dev": len(nhs_dev), "test": len(nhs_test)},
        },
        "tuning": about,
        "test": test,
        "targets": TARGETS,
        "measured_against_targets": targets,
        "timing": {
            "what": "detect() as shipped (patterns + learned layer), one text at a time, one "
            "BLAS thread, after loading; 2,000 NHS comments, the look-alikes and the held-out "
            "disclosures",
            "texts": len(timings),
            "ms_mean": targets["ms_per_text_mean"],
            "ms_p95": targets["ms_per_text_p95"],
            "ms_max": round(max(timings), 3),
            "cpu_ms_mean": targets["cpu_ms_per_text_mean"],
            "load_model_seconds": round(load_seconds, 3),
        },
        "flagged_nhs_comments": flagged_nhs,
        "flagged_lookalikes_test": flagged_lookalikes,
        "flagged_fresh_lookalikes": flagged_fresh_lookalikes,
        "notes": [
            "Every disclosure here (bank, phrasings, held-out, fresh) was written by Candour's "
            "engineers from published guidance, not by children: recall on them is recall on "
            "our idea of how children write. Real-world recall is unproven.",
            "The patterns (v4 to v8) were written with the development part of the bank in "
            "view and the learned layer was fitted on it and on the development additions "
            "(bank v2 and v3: EXEMPLARS_DEV, NEGATIVES_DEV, written after the split and never "
            "tested on); neither saw the test part of the bank, the held-out disclosures, the "
            "test look-alikes or the test half of the NHS comments.",
            "The fresh part (heldout_fresh.py) was written and committed, frozen by hash, "
            "before round 5 changed anything, and is scored once; the same engineer then wrote "
            "round 5's patterns from development misses, so it is independent of the data the "
            "patterns were written from, not of the writer.",
            "The phrasings set is not a test here: every phrasing is a regression case the "
            "patterns were written to find.",
            "flagged_nhs_comments lists every NHS comment the shipped detector flags, with "
            "the layer and reason, so a person can judge each: several are adults describing "
            "suicidal thoughts, abuse or fear, which are true positives for a human reader.",
        ],
    }


def learned_about() -> dict[str, Any]:
    import gzip
    import json

    from candour.lib.safeguarding import learned

    with gzip.open(learned.MODEL_FILE, "rt", encoding="utf-8") as handle:
        return dict(json.load(handle)["about"])


def layers_table(result: dict[str, Any]) -> str:
    test = result["test"]
    names = ("patterns", "nearest_exemplar", "learned", "both")
    cats = list(test["both"]["recall_pooled_test"]["by_category"])
    lines = [
        f"{'category':<24} {'n':>4} "
        + " ".join(f"{n[:8]:>8}" for n in names)
        + "   fresh: "
        + " ".join(f"{n[:8]:>8}" for n in names)
    ]
    for c in cats:
        n = test["both"]["recall_pooled_test"]["items_by_category"][c]
        row = [test[m]["recall_pooled_test"]["by_category"][c] for m in names]
        new = [test[m]["recall_fresh"]["by_category"].get(c) for m in names]
        lines.append(
            f"{c:<24} {n:>4} "
            + " ".join(f"{v:>8}" for v in row)
            + "          "
            + " ".join(f"{v!s:>8}" for v in new)
        )
    for m in names:
        lines.append(
            f"{m:<16} recall {test[m]['recall_pooled_test']['overall']} "
            f"(bank {test[m]['recall_by_set']['bank_test']['overall']}, "
            f"held-out {test[m]['recall_by_set']['heldout']['overall']}, "
            f"fresh {test[m]['recall_fresh']['overall']}) "
            f"nhs fa {test[m]['nhs_test_false_alarms']['rate']} "
            f"lookalike fa {test[m]['lookalike_test_false_alarms']['rate']} "
            f"fresh lookalike fa {test[m]['fresh_lookalike_false_alarms']['rate']}"
        )
    lines.append(f"targets: {result['measured_against_targets']}")
    return "\n".join(lines)
