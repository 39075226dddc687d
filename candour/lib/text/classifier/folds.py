"""Cross-validation folds for multi-label data: iterative stratification.

Sechidis, Tsoumakas and Vlahavas (2011), "On the stratification of multi-label data":
the rarest codes are dealt out first, each report to the fold that most lacks its code,
so every fold gets its share of every code as nearly as the overlaps allow.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence


def stratified_folds(label_sets: Sequence[frozenset[str]], folds: int, seed: int) -> list[int]:
    """The fold (0 to ``folds`` - 1) of each item; the same seed gives the same folds."""
    if folds < 2:
        raise ValueError("need at least two folds")
    rng = random.Random(seed)  # noqa: S311 - dealing out folds, not a secret
    size_wanted = [len(label_sets) / folds] * folds
    totals = Counter(code for labels in label_sets for code in labels)
    code_wanted = {code: [count / folds] * folds for code, count in sorted(totals.items())}
    assignment = [-1] * len(label_sets)
    remaining = set(range(len(label_sets)))
    while remaining:
        left = Counter(code for item in remaining for code in label_sets[item])
        wanted: list[float] | None = None
        if left:
            fewest = min(left.values())
            code = rng.choice(sorted(code for code, count in left.items() if count == fewest))
            wanted = code_wanted[code]
            items = sorted(item for item in remaining if code in label_sets[item])
        else:
            items = sorted(remaining)
        rng.shuffle(items)
        for item in items:
            fold = _neediest(wanted, size_wanted, rng)
            assignment[item] = fold
            remaining.discard(item)
            size_wanted[fold] -= 1
            for other in label_sets[item]:
                code_wanted[other][fold] -= 1
    return assignment


def _neediest(wanted: list[float] | None, size_wanted: list[float], rng: random.Random) -> int:
    keys = [
        (wanted[fold] if wanted else 0.0, size_wanted[fold]) for fold in range(len(size_wanted))
    ]
    best = max(keys)
    return rng.choice([fold for fold, key in enumerate(keys) if key == best])
