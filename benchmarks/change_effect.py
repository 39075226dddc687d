"""How often "did the change work?" calls a real change and a null one correctly (issue 23).

    python benchmarks/change_effect.py            # 1,000 replicates a scenario, about a minute
    python benchmarks/change_effect.py --quick    # 200

The counts are simulated, so the truth is known: monthly reports of one theme at a
steady rate (2, 5, 10 or 20 a month; a theme in one council is small) with negative
binomial noise (variance 1.5 x the mean, as real monthly counts vary more than Poisson),
12 months before a change and 3, 6 or 12 after. The change multiplies the rate by 0.5
or 0.7 (a real improvement), 1.0 (nothing happened) or 1.4 (a real worsening). A fifth
scenario has no change but a fall already under way (2% a month), the trap a plain
before-and-after comparison falls into.

For each scenario and method (``rate_ratio`` on the two sums, ``interrupted_series``,
and ``assess_counts``, which Candour uses: the series where there are 8 months before and
4 after, else the rate ratio widened by its own dispersion) the share of calls that were
right (improved for 0.5 and 0.7, worsened for 1.4; for nulls, anything but improved or
worsened), wrong-way or false calls, and "cannot yet tell". The 95% interval, the 25%
material change and the 10-event minimum were set before the first run. After it, the
rate ratio fallback was widened by the before months' own dispersion (with a Poisson
spread its false calls on nulls had been 9%), which is why the plain one is kept beside it.
Writes benchmarks/results/change_effect.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from candour.lib.statistics.change_effect import (  # noqa: E402 - after the path is set
    Effect,
    Outcome,
    assess_counts,
    interrupted_series,
    rate_ratio,
)

RESULTS = ROOT / "benchmarks" / "results" / "change_effect.json"
BEFORE = 12
RATES = (2.0, 5.0, 10.0, 20.0)
AFTER = (3, 6, 12)
FACTORS = (0.5, 0.7, 1.0, 1.4)
TREND = 0.98  # the pre-existing fall, a month
DISPERSION = 1.5


def counts(rng: np.random.Generator, means: np.ndarray) -> list[int]:
    size = means / (DISPERSION - 1)
    return [int(c) for c in rng.negative_binomial(size, size / (size + means))]


def by_rate_ratio(series: list[int], change: int) -> Effect:
    return rate_ratio(sum(series[:change]), change, sum(series[change:]), len(series) - change)


def by_series(series: list[int], change: int) -> Effect | None:
    if len(series) - change < 4:
        return None
    return interrupted_series(series, change)


METHODS: dict[str, Callable[[list[int], int], Effect | None]] = {
    "rate_ratio": by_rate_ratio,
    "interrupted_series": by_series,
    "candour (assess_counts)": assess_counts,
}


def expected(factor: float, trend: bool) -> tuple[Outcome | None, str]:
    if trend or factor == 1.0:
        return None, "null"
    return (Outcome.IMPROVED if factor < 1 else Outcome.WORSENED), "real"


def run(replicates: int) -> list[dict[str, object]]:
    rows = []
    scenarios = [(factor, False) for factor in FACTORS] + [(1.0, True)]
    for rate in RATES:
        for after in AFTER:
            for factor, trend in scenarios:
                rng = np.random.default_rng(int(rate * 1000 + after * 10 + factor * 7 + trend))
                months = np.arange(BEFORE + after)
                means = np.full(len(months), rate)
                if trend:
                    means = rate * TREND ** (months - BEFORE)
                else:
                    means[BEFORE:] *= factor
                truth, kind = expected(factor, trend)
                tallies: dict[str, Counter[str]] = {name: Counter() for name in METHODS}
                for _ in range(replicates):
                    series = counts(rng, means)
                    for name, method in METHODS.items():
                        effect = method(series, BEFORE)
                        if effect is None:
                            continue
                        if effect.outcome is Outcome.CANNOT_TELL_YET:
                            tallies[name]["cannot_tell"] += 1
                        elif kind == "null":
                            wrong = effect.outcome in (Outcome.IMPROVED, Outcome.WORSENED)
                            tallies[name]["false_call" if wrong else "right"] += 1
                        elif effect.outcome is truth:
                            tallies[name]["right"] += 1
                        elif effect.outcome is Outcome.NO_CLEAR_CHANGE:
                            tallies[name]["missed"] += 1
                        else:
                            tallies[name]["wrong_way"] += 1
                for name, tally in tallies.items():
                    total = sum(tally.values())
                    if not total:
                        continue
                    rows.append(
                        {
                            "reports_a_month_before": rate,
                            "months_after": after,
                            "true_factor": factor,
                            "scenario": "fall already under way, no change" if trend else kind,
                            "method": name,
                            **{
                                key: round(tally[key] / total, 3)
                                for key in (
                                    "right",
                                    "cannot_tell",
                                    "missed",
                                    "wrong_way",
                                    "false_call",
                                )
                            },
                        }
                    )
    return rows


def summary(rows: list[dict[str, object]]) -> dict[str, object]:
    """Per method: mean share right on real changes (by size of change) and false calls
    on nulls, over every rate and length."""
    found: dict[str, object] = {}
    for name in METHODS:
        mine = [row for row in rows if row["method"] == name]

        def mean(
            key: str,
            keep: Callable[[dict[str, object]], bool],
            mine: list[dict[str, object]] = mine,
        ) -> float | None:
            values = [float(str(row[key])) for row in mine if keep(row)]
            return round(sum(values) / len(values), 3) if values else None

        found[name] = {
            "real_halving_called_improved": mean("right", lambda r: r["true_factor"] == 0.5),
            "real_30pc_fall_called_improved": mean("right", lambda r: r["true_factor"] == 0.7),
            "real_40pc_rise_called_worsened": mean("right", lambda r: r["true_factor"] == 1.4),
            "null_false_calls": mean("false_call", lambda r: r["scenario"] == "null"),
            "trend_false_calls": mean(
                "false_call", lambda r: str(r["scenario"]).startswith("fall already")
            ),
            "wrong_way_on_real_changes": mean("wrong_way", lambda r: r["scenario"] == "real"),
        }
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="200 replicates a scenario")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    replicates = 200 if args.quick else 1000
    started = time.perf_counter()
    rows = run(replicates)
    output = {
        "benchmark": "change_effect",
        "data": "simulated monthly counts with known changes; nothing here is real data",
        "replicates_per_scenario": replicates,
        "months_before": BEFORE,
        "python": platform.python_version(),
        "seconds": round(time.perf_counter() - started, 1),
        "summary": summary(rows),
        "scenarios": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(output, indent=2) + "\n")
    print(json.dumps(output["summary"], indent=2))


if __name__ == "__main__":
    main()
