"""Fit the safeguarding detector's learned layer on development data and write its weights.

    python scripts/train_safeguarding_model.py

Reads the exemplar bank, the phrasings, the children's look-alikes and the adult NHS
comments in ../shared/data/feedback; splits them exactly as benchmarks/safeguarding.py
does (benchmarks/safeguarding_layers.py, fixed seed) and uses only the development
parts. The regularisation and the threshold are chosen by 5-fold cross-validation on
those parts: the learned layer's own highest recall while patterns and learned layer
together stay within false-alarm budgets below the targets (ADR 0012). Its own recall,
not the pair's: the patterns were written with the development disclosures in view, so
on those the pair's recall says little about what the second layer adds. Writes
candour/lib/safeguarding/data/learned.json.gz; run benchmarks/safeguarding.py after it for
the figures on the untouched test parts.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))  # the benchmark's splits and data loader
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# Budgets below the targets (1% NHS, 10% look-alikes), on the development parts: the
# patterns and the learned layer together must stay within both. Round 4's 0.8% NHS budget
# let the test half reach 1.15%, so round 5 tightens it to 0.5%, and also caps the learned
# layer's own out-of-fold NHS rate: the patterns' suppressors were written from the
# development half's flagged comments, so the patterns' dev rate is optimistic (round 4:
# 0.23% on dev, 0.66% on test) and a pair budget alone would hand that optimism to the
# learned layer.
BUDGET_NHS = 0.005
BUDGET_NHS_LEARNED = 0.0025
BUDGET_HARMLESS = 0.06

from safeguarding import real_comments  # noqa: E402
from safeguarding_layers import (  # noqa: E402
    DEV_SHARE,
    SEED,
    nhs_half,
    stratified,
)

from candour.core.progress import ProgressBar  # noqa: E402
from candour.lib.safeguarding import (  # noqa: E402
    exemplars,
    learned,
    training,
)
from candour.lib.safeguarding.detector import assess  # noqa: E402
from candour.lib.safeguarding.exemplars import EXEMPLARS  # noqa: E402
from candour.lib.safeguarding.lookalikes import LOOKALIKES  # noqa: E402
from candour.lib.safeguarding.patterns import VERSION as PATTERNS_VERSION  # noqa: E402
from candour.lib.safeguarding.phrasings import NEGATIVES as HARD_NEGATIVES  # noqa: E402
from candour.lib.safeguarding.phrasings import POSITIVES  # noqa: E402
from candour.lib.text.embedding.embedder import default_embedder  # noqa: E402

VERSION = "5"
FOLDS = 5
# (C, positive weight, harmless weight, embedding scale): the scale multiplies the static
# embedding's block before fitting, so one regularisation weighs it more or less against
# the sparse word and character blocks. Scales 2 and 4 were tried by the same
# cross-validation for learned v3 and lost in every setting (ADR 0012), so only 1 remains.
GRID = tuple(
    (c, pw, hw, scale)
    for c, pw, hw in ((4.0, 80.0, 40.0), (16.0, 80.0, 40.0), (16.0, 40.0, 40.0))
    for scale in (1.0,)
)
THRESHOLDS = np.round(np.arange(-2.0, 8.0, 0.05), 2)


def main() -> int:
    started = time.perf_counter()
    embedder = default_embedder()
    bank_dev, _ = stratified(EXEMPLARS, lambda e: e.category, DEV_SHARE, "bank")
    phr_dev, _ = stratified(POSITIVES, lambda p: p.category, 0.5, "phrasings")
    hard_dev, _ = stratified(HARD_NEGATIVES, lambda n: n.band, 0.5, "hard")
    look_dev, _ = stratified(LOOKALIKES, lambda x: x.kind, 0.5, "lookalikes")
    nhs_dev = [c.text for c in real_comments() if not c.labels and nhs_half(c.text) == "dev"]
    # Development additions written after the split are development data whole.
    more_positives = exemplars.EXEMPLARS_DEV
    more_harmless = exemplars.NEGATIVES_DEV
    positives = (
        [(e.text, e.category) for e in bank_dev]
        + [(e.text, e.category) for e in more_positives]
        + [(p.text, p.category) for p in phr_dev]
    )
    # Every harmless short text of the development data: the bank's guards, the hard
    # negatives and the children's look-alikes. The look-alike false-alarm budget is
    # checked on all of them, out of fold: 89 look-alikes alone move 1.1% a sentence.
    harmless = (
        [n.text for n in exemplars.NEGATIVES]
        + [n.text for n in more_harmless]
        + [n.text for n in hard_dev]
        + [x.text for x in look_dev]
    )

    def nhs_parts(texts: list[str]) -> list[str]:
        return [t[s:e] for t in texts for s, e in learned.parts(t)]

    patterns_pos = np.array([assess(t, None).concern for t, _c in positives])
    patterns_nhs = np.array([assess(t, None).concern for t in nhs_dev])
    patterns_harmless = np.array([assess(t, None).concern for t in harmless])
    categories = sorted({c for _t, c in positives})

    def fold(items: list[Any], k: int, keep: bool) -> list[Any]:
        return [x for n, x in enumerate(items) if (n % FOLDS == k) != keep]

    # One feature space for every fold (fitted without labels on all development texts),
    # so the shipped model can be the exact average of the fold models (training.averaged).
    shared = training.vectorisers([t for t, _c in positives] + harmless + nhs_parts(nhs_dev))
    models: dict[tuple[float, float, float, float], list[training.Fitted]] = {}
    trials: list[dict[str, Any]] = []
    bar = ProgressBar(len(GRID) * FOLDS, label="cross-validating", stream=sys.stderr)
    done = 0
    for c, positive_weight, harmless_weight, scale in GRID:
        pos_s = np.zeros(len(positives))
        harmless_s = np.zeros(len(harmless))
        nhs_s = np.zeros(len(nhs_dev))
        for k in range(FOLDS):
            fitted = training.fit(
                [t for t, _c in fold(positives, k, True)],
                fold(harmless, k, True),
                nhs_parts(fold(nhs_dev, k, True)),
                embedder,
                c=c,
                positive_weight=positive_weight,
                short_negative_weight=harmless_weight,
                embedding_scale=scale,
                shared=shared,
            )
            models.setdefault((c, positive_weight, harmless_weight, scale), []).append(fitted)
            for scores, items in (
                (pos_s, [t for t, _c in positives]),
                (harmless_s, harmless),
                (nhs_s, nhs_dev),
            ):
                held = [n for n in range(len(items)) if n % FOLDS == k]
                scores[held] = training.best_part_scores(
                    fitted.score, [items[n] for n in held], learned.parts
                )
            done += 1
            bar.update(done)
        for threshold in THRESHOLDS:
            found = patterns_pos | (pos_s >= threshold)
            per_category = {
                cat: float(found[[n for n, (_t, c2) in enumerate(positives) if c2 == cat]].mean())
                for cat in categories
            }
            nhs_fa = float((patterns_nhs | (nhs_s >= threshold)).mean())
            nhs_learned = float((nhs_s >= threshold).mean())
            harmless_fa = float((patterns_harmless | (harmless_s >= threshold)).mean())
            trials.append(
                {
                    "c": c,
                    "positive_weight": positive_weight,
                    "harmless_weight": harmless_weight,
                    "embedding_scale": scale,
                    "threshold": float(threshold),
                    "dev_recall_min_category": round(min(per_category.values()), 4),
                    "dev_recall": round(float(found.mean()), 4),
                    "dev_recall_learned_alone": round(float((pos_s >= threshold).mean()), 4),
                    "dev_recall_by_category": {k: round(v, 4) for k, v in per_category.items()},
                    "dev_nhs_false_alarms": round(nhs_fa, 4),
                    "dev_nhs_false_alarms_learned_alone": round(nhs_learned, 4),
                    "dev_harmless_false_alarms": round(harmless_fa, 4),
                    "within_budget": nhs_fa <= BUDGET_NHS
                    and nhs_learned <= BUDGET_NHS_LEARNED
                    and harmless_fa <= BUDGET_HARMLESS,
                }
            )
    bar.finish(done)
    # The best trial within budget for each setting: the comparison the choice rests on.
    per_setting = []
    for setting in GRID:
        mine = [
            t
            for t in trials
            if t["within_budget"]
            and (t["c"], t["positive_weight"], t["harmless_weight"], t["embedding_scale"])
            == setting
        ]
        if mine:
            best = max(mine, key=lambda t: (t["dev_recall_learned_alone"], t["dev_recall"]))
            per_setting.append({k: v for k, v in best.items() if k != "dev_recall_by_category"})
    for row in per_setting:
        print(json.dumps(row), file=sys.stderr)
    chosen = max(
        (t for t in trials if t["within_budget"]),
        key=lambda t: (t["dev_recall_learned_alone"], t["dev_recall"], t["threshold"]),
    )
    # The shipped model is the mean of the chosen setting's five fold models: the threshold
    # was chosen on their out-of-fold scores, which a refit on all the data would not match.
    final = training.averaged(
        models[
            (
                chosen["c"],
                chosen["positive_weight"],
                chosen["harmless_weight"],
                chosen["embedding_scale"],
            )
        ]
    )
    about = {
        "trained_on": "development parts only (benchmarks/safeguarding_layers.py splits) and "
        "the development additions to the bank; the mean of the five fold models of the "
        "chosen setting, sharing word and character vocabularies fitted without labels on "
        "all development texts",
        "split_seed": SEED,
        "bank_version": exemplars.VERSION,
        "patterns_version_when_tuned": PATTERNS_VERSION,
        "positives": len(positives),
        "harmless_short_texts": len(harmless),
        "nhs_comments": len(nhs_dev),
        "budgets": {
            "nhs": BUDGET_NHS,
            "nhs_learned_alone": BUDGET_NHS_LEARNED,
            "harmless": BUDGET_HARMLESS,
        },
        "chosen_on_dev": chosen,
        "grid": [list(g) for g in GRID],
        "best_within_budget_per_setting": per_setting,
        "seconds": round(time.perf_counter() - started, 1),
    }
    model = training.export(final, version=VERSION, threshold=chosen["threshold"], about=about)
    with gzip.open(learned.MODEL_FILE, "wt", encoding="utf-8", compresslevel=9) as handle:
        json.dump(model, handle, separators=(",", ":"), sort_keys=True)
    print(json.dumps({k: v for k, v in chosen.items() if k != "dev_recall_by_category"}, indent=1))
    size = learned.MODEL_FILE.stat().st_size
    print(f"wrote {learned.MODEL_FILE.relative_to(ROOT)} ({size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
