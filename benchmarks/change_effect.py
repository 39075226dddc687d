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

The streams a change is also judged on (issue 23, ``learning/changes.py``) use the same
outcomes with the methods and thresholds the pages use, checked the same way:
- survey scores: people's scale scores (0 to 100; mean 60, spread 18, clipped), 4, 5, 10,
  20 or 40 people either side, shifted by 0, +10, +20 or -10 points; Welch's difference
  with 5 people a side and 10 points material (``surveys/effect.py``);
- monthly values (the average caseload): 20 cases a month with a spread of 1.5, 12
  months before and 2, 3, 6 or 12 after, shifted by 0, -2, -4 or +3 cases, and a null with
  a fall of 0.1 cases a month already under way; ``assess_values`` (the segmented
  regression with 8 months before and 4 after, else Welch's difference with 3 months a
  side; 2 cases material, ``workforce/effect.py``) beside Welch's difference alone, which
  the first run used and which credits a drift already under way;
- leavers: Poisson counts at 15% of the FTE in post a year, for 6, 20 or 60 FTE, 12 months
  before and 3, 6 or 12 after, the rate multiplied by 0.5, 1.0 or 1.5; ``assess_counts``
  with the FTE as exposure.
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
    Better,
    Effect,
    Outcome,
    assess_counts,
    assess_values,
    interrupted_series,
    mean_difference,
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


def _tally(tally: Counter[str], effect: Effect, truth: Outcome | None) -> None:
    if effect.outcome is Outcome.CANNOT_TELL_YET:
        tally["cannot_tell"] += 1
    elif truth is None:
        wrong = effect.outcome in (Outcome.IMPROVED, Outcome.WORSENED)
        tally["false_call" if wrong else "right"] += 1
    elif effect.outcome is truth:
        tally["right"] += 1
    elif effect.outcome is Outcome.NO_CLEAR_CHANGE:
        tally["missed"] += 1
    else:
        tally["wrong_way"] += 1


def _shares(tally: Counter[str]) -> dict[str, float]:
    total = sum(tally.values()) or 1
    keys = ("right", "cannot_tell", "missed", "wrong_way", "false_call")
    return {key: round(tally[key] / total, 3) for key in keys}


def run_survey(replicates: int) -> list[dict[str, object]]:
    """People's survey scale scores before and after: higher is better."""
    rows: list[dict[str, object]] = []
    for people in (4, 5, 10, 20, 40):
        for shift in (0.0, 10.0, 20.0, -10.0):
            rng = np.random.default_rng(int(people * 100 + shift + 50))
            truth = None if shift == 0 else (Outcome.IMPROVED if shift > 0 else Outcome.WORSENED)
            tally: Counter[str] = Counter()
            for _ in range(replicates):
                before = np.clip(rng.normal(60, 18, people), 0, 100)
                after = np.clip(rng.normal(60 + shift, 18, people), 0, 100)
                effect = mean_difference(
                    list(before), list(after), better=Better.UP, material=10.0, min_values=5
                )
                _tally(tally, effect, truth)
            rows.append(
                {
                    "people_each_side": people,
                    "true_shift_points": shift,
                    "scenario": "null" if truth is None else "real",
                    **_shares(tally),
                }
            )
    return rows


def run_monthly(replicates: int) -> list[dict[str, object]]:
    """Monthly values (the average caseload) before and after: lower is better."""
    rows: list[dict[str, object]] = []
    scenarios = [(shift, False) for shift in (0.0, -2.0, -4.0, 3.0)] + [(0.0, True)]
    for after in (2, 3, 6, 12):
        for shift, drift in scenarios:
            rng = np.random.default_rng(int(after * 100 + shift * 10 + drift + 500))
            truth = None
            if shift:
                truth = Outcome.IMPROVED if shift < 0 else Outcome.WORSENED
            months = np.arange(BEFORE + after)
            means = 20.0 - 0.1 * months if drift else np.full(len(months), 20.0)
            if not drift:
                means[BEFORE:] += shift
            tallies: dict[str, Counter[str]] = {
                "welch (mean_difference)": Counter(),
                "candour (assess_values)": Counter(),
            }
            for _ in range(replicates):
                values = [float(v) for v in rng.normal(means, 1.5)]
                welch = mean_difference(
                    values[:BEFORE], values[BEFORE:], better=Better.DOWN, material=2.0, min_values=3
                )
                _tally(tallies["welch (mean_difference)"], welch, truth)
                chosen = assess_values(
                    values, BEFORE, better=Better.DOWN, material=2.0, min_values=3
                )
                _tally(tallies["candour (assess_values)"], chosen, truth)
            for name, tally in tallies.items():
                rows.append(
                    {
                        "months_after": after,
                        "true_shift_cases": shift,
                        "method": name,
                        "scenario": (
                            "fall already under way, no change"
                            if drift
                            else ("null" if truth is None else "real")
                        ),
                        **_shares(tally),
                    }
                )
    return rows


LEAVING_A_MONTH = 0.15 / 12  # 15% of the FTE in post leave in a year


def run_leavers(replicates: int) -> list[dict[str, object]]:
    """Leavers a month with the FTE in post as exposure: lower is better."""
    rows: list[dict[str, object]] = []
    for fte in (6.0, 20.0, 60.0):
        for after in AFTER:
            for factor in (0.5, 1.0, 1.5):
                rng = np.random.default_rng(int(fte * 10 + after * 3 + factor * 7 + 900))
                truth, _kind = expected(factor, False)
                means = np.full(BEFORE + after, fte * LEAVING_A_MONTH)
                means[BEFORE:] *= factor
                exposure = [fte] * (BEFORE + after)
                tally: Counter[str] = Counter()
                for _ in range(replicates):
                    series = [int(c) for c in rng.poisson(means)]
                    _tally(tally, assess_counts(series, BEFORE, exposure), truth)
                rows.append(
                    {
                        "fte_in_post": fte,
                        "months_after": after,
                        "true_factor": factor,
                        "scenario": "null" if truth is None else "real",
                        **_shares(tally),
                    }
                )
    return rows


def stream_summary(rows: list[dict[str, object]], size_key: str) -> dict[str, object]:
    """Per size (people, months, FTE): share right on real changes, false calls on nulls."""
    found: dict[str, object] = {}
    for size in sorted({row[size_key] for row in rows}, key=float):  # type: ignore[arg-type]
        mine = [row for row in rows if row[size_key] == size]
        real = [float(str(r["right"])) for r in mine if r["scenario"] == "real"]
        null = [float(str(r["false_call"])) for r in mine if r["scenario"] == "null"]
        trend = [float(str(r["false_call"])) for r in mine if str(r["scenario"]).startswith("fall")]
        found[str(size)] = {
            "real_changes_called_right": round(sum(real) / len(real), 3) if real else None,
            "null_false_calls": round(sum(null) / len(null), 3) if null else None,
            **({"trend_false_calls": round(sum(trend) / len(trend), 3)} if trend else {}),
            "null_cannot_tell": round(
                sum(float(str(r["cannot_tell"])) for r in mine if r["scenario"] == "null")
                / max(1, len(null)),
                3,
            ),
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
    survey, monthly, leavers = (
        run_survey(replicates),
        run_monthly(replicates),
        run_leavers(replicates),
    )
    output = {
        "benchmark": "change_effect",
        "data": "simulated monthly counts with known changes; nothing here is real data",
        "replicates_per_scenario": replicates,
        "months_before": BEFORE,
        "python": platform.python_version(),
        "seconds": round(time.perf_counter() - started, 1),
        "summary": summary(rows),
        "scenarios": rows,
        "streams": {
            "survey_scores": {
                "method": "mean_difference, 5 people a side, 10 points material",
                "summary_by_people_each_side": stream_summary(survey, "people_each_side"),
                "scenarios": survey,
            },
            "monthly_values": {
                "method": "assess_values: segmented regression with 8 months before and 4 "
                "after, else mean_difference over months, 3 a side; 2 cases material",
                "summary_by_months_after": {
                    name: stream_summary(
                        [row for row in monthly if row["method"] == name], "months_after"
                    )
                    for name in ("welch (mean_difference)", "candour (assess_values)")
                },
                "scenarios": monthly,
            },
            "leavers": {
                "method": "assess_counts with the FTE in post as exposure",
                "summary_by_fte_in_post": stream_summary(leavers, "fte_in_post"),
                "scenarios": leavers,
            },
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(output, indent=2) + "\n")
    print(json.dumps(output["summary"], indent=2))
    for name, stream in output["streams"].items():  # type: ignore[attr-defined]
        print(name, json.dumps({k: v for k, v in stream.items() if k != "scenarios"}, indent=2))


if __name__ == "__main__":
    main()
