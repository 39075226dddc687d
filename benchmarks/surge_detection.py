"""How quickly and how falsely the demand control charts flag a surge (issue 20).

    python benchmarks/surge_detection.py            # full run, a few minutes on one core
    python benchmarks/surge_detection.py --quick    # fewer replicates

The counts are simulated, not real: no authority publishes its weekly or monthly demand.
What is real is their size. Each English local authority's published 2025 figures
(DfE children in need census, /work/shared/data/dfe) set the mean of four series:
weekly referrals (referrals / 52) and monthly section 47 enquiries, initial child
protection conferences and child protection plans started (each / 12). Around that mean
each series has a school-year shape (quiet in August and at Christmas), a slow drift
(up to 4% a year either way, drawn per series) and negative binomial noise with variance
1.5 x the mean. Four years are drawn; from a chosen week (monthly: month) in the fourth
year the mean rises by 10%, 20% or 30% and stays up.

Measures, per method and series kind:
- detection: the share of surges flagged (a high signal) within 4 weeks (weekly) or
  2 months (monthly) of the start, and the median delay in periods (1 = the first period);
- false flags: on the same series with no surge, high-signal episodes (a flagged period
  after an unflagged one) in years 2 to 4, per series per two years.

The methods: ``regression`` (the default: a seasonal regression of each series' history,
lib/statistics/seasonal_regression.py), ``calibrated`` (the same period in earlier years,
the default before) and ``shewhart`` (the rules before issue 20).

The authorities are split in two by their code (development: even CRC-32, test: odd).
The decision intervals of the calibrated and regression methods (CALIBRATED_CUSUM_H,
REGRESSION_CUSUM_H) were chosen on the development half; the test half is reported as
the final figure, untouched by tuning.

Mind the simulation's seasons: they step by calendar month (and the Christmas weeks),
which is the form of the regression's month factors, so the regression's lead here is
partly that match. On a weekly shape it does not model (the unit tests' synthetic
referrals: Easter and term weeks, summer weeks across July and August) it was level
with the calibrated method on the development checks, not ahead (docs/adr/0024).

A third "method" is a ceiling, not something Candour could run: the same CUSUM given the
true expected count and the true spread of the simulation (what no authority knows), with
its decision interval chosen on the development half to stay within the same false-flag
budget. What it cannot find within the window, no rule on these counts can find reliably:
the counts do not hold the information. Detection is also reported by the series' size
(mean count per period), to show where the target can be met at all, and every method
is run again at set sizes (SIZE_GRID, "by_size") to find the size from which the target
is met: read as at least 8 in 10 surges of +20% flagged within the window (the issue
names no share) at under one false flag per series per two years.
Writes benchmarks/results/surge_detection.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from candour.lib.dfe import read_dataset  # noqa: E402 - after the path is set
from candour.lib.dfe.records import GeographicLevel  # noqa: E402
from candour.lib.statistics.control_charts import (  # noqa: E402
    ChartSettings,
    DemandPoint,
    Frequency,
    Rule,
    SurgeMethod,
    apply_rules,
    assess_demand,
)

DFE_DIR = Path("/work/shared/data/dfe")
RESULTS = ROOT / "benchmarks" / "results" / "surge_detection.json"
YEAR = "2025"
SERIES = {
    # kind: (file, measure, frequency, periods a year)
    "weekly referrals": (
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        "referrals",
        Frequency.WEEKLY,
    ),
    "monthly section 47 enquiries": (
        "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
        "s47",
        Frequency.MONTHLY,
    ),
    "monthly initial conferences": (
        "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
        "icpc",
        Frequency.MONTHLY,
    ),
    "monthly plans started": (
        "d3_cpps_subsequent_plan_2013_to_2025.csv",
        "cp_plans_started",
        Frequency.MONTHLY,
    ),
}
UPLIFTS = (1.1, 1.2, 1.3)
DISPERSION = 1.5
YEARS = 4
WINDOW = {Frequency.WEEKLY: 4, Frequency.MONTHLY: 2}
MONTH_SHAPE = (1.0, 1.05, 1.08, 0.95, 1.05, 1.04, 1.0, 0.76, 1.04, 1.12, 1.1, 0.84)
# The ceiling's CUSUM decision interval (k = 0.5), chosen on the development half for at
# most one false flag per series in two years with the true baseline known.
ORACLE = "ceiling (true baseline known)"
ORACLE_CUSUM_H = {Frequency.WEEKLY: 3.5, Frequency.MONTHLY: 2.0}
# Size bands: mean count per period.
SIZE_BANDS = ((0, 20, "under 20"), (20, 50, "20 to 49"), (50, 100, "50 to 99"))
LARGEST_BAND = "100 or more"
# The target, read as a share: a 20% rise flagged within the window in at least this share
# of surges (the issue names no share; ours), at most one false flag per series in two years.
TARGET_UPLIFT = 1.2
TARGET_SHARE = 0.8
TARGET_FALSE_FLAGS = 1.0
# Series sizes (mean count per period, before the seasons) at which every method and the
# ceiling are run on their own, to find the size from which the target is met.
SIZE_GRID = {
    Frequency.WEEKLY: (10, 20, 35, 50, 75, 100, 125, 150, 200, 300),
    Frequency.MONTHLY: (10, 20, 35, 50, 75, 100, 150, 200, 300, 500),
}


def yearly_counts(file: str, measure: str) -> dict[str, float]:
    """Each local authority's published count in YEAR, by code (suppressed ones left out)."""
    found = {}
    for observation in read_dataset(DFE_DIR / file):
        if (
            observation.time_period == YEAR
            and observation.measure == measure
            and observation.area.level is GeographicLevel.LOCAL_AUTHORITY
            and observation.value is not None
            and observation.value > 0
        ):
            found[observation.area.code] = float(observation.value)
    return found


def shape(period: date, frequency: Frequency) -> float:
    factor = MONTH_SHAPE[period.month - 1]
    if frequency is Frequency.WEEKLY and (
        (period.month, period.day) >= (12, 20) or (period.month, period.day) <= (1, 3)
    ):
        factor = 0.6
    return factor


def periods(frequency: Frequency) -> list[date]:
    if frequency is Frequency.WEEKLY:
        first = date(2021, 1, 4)
        return [first + timedelta(weeks=i) for i in range(YEARS * 52)]
    return [date(2021 + i // 12, i % 12 + 1, 1) for i in range(YEARS * 12)]


@dataclass
class Series:
    points: list[DemandPoint]
    # The expected count without a surge: what the ceiling is given.
    expected: list[float]


def simulate(
    mean: float,
    frequency: Frequency,
    rng: np.random.Generator,
    surge_from: int | None,
    uplift: float,
) -> Series:
    dates = periods(frequency)
    per_year = frequency.periods_per_year
    drift = rng.uniform(-0.04, 0.04)
    points, baseline = [], []
    for index, period in enumerate(dates):
        expected = mean * shape(period, frequency) * (1 + drift) ** (index / per_year)
        baseline.append(expected)
        if surge_from is not None and index >= surge_from:
            expected *= uplift
        size = expected / (DISPERSION - 1)
        count = int(rng.negative_binomial(size, size / (size + expected)))
        points.append(DemandPoint(period, count))
    return Series(points, baseline)


def size_band(mean: float) -> str:
    for low, high, name in SIZE_BANDS:
        if low <= mean < high:
            return name
    return LARGEST_BAND


@dataclass
class Tally:
    delays: list[int | None]

    def summary(self, window: int) -> dict[str, float | int | None]:
        found = [d for d in self.delays if d is not None]
        within = sum(1 for d in found if d <= window)
        return {
            "surges": len(self.delays),
            "flagged_within_window": round(within / len(self.delays), 3),
            "flagged_ever": round(len(found) / len(self.delays), 3),
            "median_delay_periods": statistics.median(found) if found else None,
        }


def surges(series: Series, frequency: Frequency, method: SurgeMethod | str) -> list[bool]:
    """Whether each period is flagged high, by a Candour method or by the ceiling."""
    if isinstance(method, SurgeMethod):
        return [point.surge for point in assess_demand(series.points, frequency, method=method)]
    year = frequency.periods_per_year
    z: list[float | None] = [
        None
        if index < year or point.count is None
        else (point.count - expected) / (DISPERSION * expected) ** 0.5
        for index, (point, expected) in enumerate(zip(series.points, series.expected, strict=True))
    ]
    settings = ChartSettings(rules=frozenset({Rule.CUSUM}), cusum_h=ORACLE_CUSUM_H[frequency])
    return [
        any(signal.direction == "high" for signal in scored.signals)
        for scored in apply_rules(z, settings)
    ]


def first_flag(
    series: Series, frequency: Frequency, method: SurgeMethod | str, start: int
) -> int | None:
    flags = surges(series, frequency, method)
    for index in range(start, len(flags)):
        if flags[index]:
            return index - start + 1
    return None


def false_episodes(series: Series, frequency: Frequency, method: SurgeMethod | str) -> int:
    flags = surges(series, frequency, method)[frequency.periods_per_year :]
    episodes, before = 0, False
    for flagged in flags:
        episodes += flagged and not before
        before = flagged
    return episodes


def per_two_years(episodes: list[int]) -> float:
    # Years 2 to 4 are charted (the first year builds the baseline).
    return round(2 * statistics.mean(episodes) / (YEARS - 1), 3)


def by_size(replicates: int) -> dict[str, object]:
    """Every method at each size of SIZE_GRID, a +20% surge and a series with none, and
    the smallest size from which detection meets the target at it and every larger one."""
    results: dict[str, object] = {}
    window_of = {Frequency.WEEKLY: "4 weeks", Frequency.MONTHLY: "2 months"}
    for frequency, sizes in SIZE_GRID.items():
        per_year = frequency.periods_per_year
        window = WINDOW[frequency]
        methods: dict[str, object] = {}
        for method in [*SurgeMethod, ORACLE]:
            rng = np.random.default_rng(zlib.crc32(f"grid{frequency}".encode()))
            rows = []
            for mean in sizes:
                delays, episodes = [], []
                for _replicate in range(replicates):
                    start = int(rng.integers(3 * per_year, 4 * per_year - window - 1))
                    points = simulate(mean, frequency, rng, start, TARGET_UPLIFT)
                    delays.append(first_flag(points, frequency, method, start))
                    points = simulate(mean, frequency, rng, None, 1.0)
                    episodes.append(false_episodes(points, frequency, method))
                detected = round(
                    sum(1 for d in delays if d is not None and d <= window) / len(delays), 3
                )
                rows.append(
                    {
                        "mean_count_per_period": mean,
                        "flagged_within_window": detected,
                        "false_flags_per_series_per_two_years": per_two_years(episodes),
                    }
                )
            # Detection from this size up (at each size, 40 surges: +-0.07 at 80%); the
            # false flags over those sizes together (each size alone is noisier still).
            found_from = None
            for row in reversed(rows):
                if float(row["flagged_within_window"]) < TARGET_SHARE:
                    break
                found_from = row["mean_count_per_period"]
            above = [
                float(row["false_flags_per_series_per_two_years"])
                for row in rows
                if found_from is not None and float(row["mean_count_per_period"]) >= found_from
            ]
            false_flags = round(statistics.mean(above), 3) if above else None
            methods[str(method)] = {
                "sizes": rows,
                "detection_reaches_target_from_mean_per_period": found_from,
                "false_flags_from_there_up": false_flags,
                "target_met_from_mean_per_period": found_from
                if false_flags is not None and false_flags <= TARGET_FALSE_FLAGS
                else None,
            }
        results[str(frequency)] = {
            "surge": f"+{round((TARGET_UPLIFT - 1) * 100)}% within {window_of[frequency]}",
            "replicates_per_size": replicates,
            "methods": methods,
        }
    return results


def run(replicates: int) -> dict[str, object]:
    results: dict[str, object] = {}
    for kind, (file, measure, frequency) in SERIES.items():
        counts = yearly_counts(file, measure)
        per_year = frequency.periods_per_year
        halves: dict[str, dict[str, float]] = {"development": {}, "test": {}}
        for code, count in counts.items():
            half = "development" if zlib.crc32(code.encode()) % 2 == 0 else "test"
            halves[half][code] = count / per_year
        kind_result: dict[str, object] = {}
        for half, means in halves.items():
            by_method: dict[str, object] = {}
            methods: list[SurgeMethod | str] = [*SurgeMethod, ORACLE]
            for method in methods:
                rng = np.random.default_rng(zlib.crc32(f"{kind}{half}".encode()))
                tallies = {uplift: Tally([]) for uplift in UPLIFTS}
                # The same surges split at the half's median size: smaller and larger.
                middle = statistics.median(means.values())
                bands = ["smaller", "larger", *(name for *_, name in SIZE_BANDS), LARGEST_BAND]
                sized = {(uplift, band): Tally([]) for uplift in UPLIFTS for band in bands}
                episodes: list[int] = []
                banded_episodes: dict[str, list[int]] = {band: [] for band in bands}
                for code in sorted(means):
                    halfway = "smaller" if means[code] < middle else "larger"
                    band = size_band(means[code])
                    for _replicate in range(replicates):
                        # A start in the fourth year, leaving room to be found.
                        start = int(
                            rng.integers(3 * per_year, 4 * per_year - WINDOW[frequency] - 1)
                        )
                        for uplift in UPLIFTS:
                            points = simulate(means[code], frequency, rng, start, uplift)
                            delay = first_flag(points, frequency, method, start)
                            tallies[uplift].delays.append(delay)
                            sized[(uplift, halfway)].delays.append(delay)
                            sized[(uplift, band)].delays.append(delay)
                        points = simulate(means[code], frequency, rng, None, 1.0)
                        found = false_episodes(points, frequency, method)
                        episodes.append(found)
                        banded_episodes[halfway].append(found)
                        banded_episodes[band].append(found)
                window = WINDOW[frequency]
                by_method[str(method)] = {
                    "surges": {
                        f"+{round((uplift - 1) * 100)}%": {
                            **tallies[uplift].summary(window),
                            "flagged_within_window_by_size": {
                                band: sized[(uplift, band)].summary(window)["flagged_within_window"]
                                for band in bands
                                if sized[(uplift, band)].delays
                            },
                        }
                        for uplift in UPLIFTS
                    },
                    # Years 2 to 4 are charted (the first year builds the baseline).
                    "false_flags_per_series_per_two_years": per_two_years(episodes),
                    "false_flags_by_size": {
                        band: per_two_years(found)
                        for band, found in banded_episodes.items()
                        if found
                    },
                }
            means_sorted = sorted(means.values())
            kind_result[half] = {
                "authorities": len(means),
                "authorities_by_size": {
                    band: sum(1 for mean in means.values() if size_band(mean) == band)
                    for band in [*(name for *_, name in SIZE_BANDS), LARGEST_BAND]
                },
                "mean_count_per_period": {
                    "smallest": round(means_sorted[0], 1),
                    "median": round(statistics.median(means_sorted), 1),
                    "largest": round(means_sorted[-1], 1),
                },
                "methods": by_method,
            }
        results[kind] = {
            "frequency": str(frequency),
            "window_periods": WINDOW[frequency],
            **kind_result,
        }
    return results


NOTES = [
    "The simulated seasons step by calendar month (and the Christmas weeks), the form of "
    "the regression's month factors, so its lead over the calibrated method is partly "
    "that match; on a weekly shape it does not model (the unit tests' synthetic referrals) "
    "it was level with the calibrated method, not ahead.",
    "by_size: the size (mean count per period) from which a +20% rise is flagged within "
    "the window in 8 of 10 surges. Below the ceiling's size no rule on counts can meet the "
    "target; between the ceiling's and the regression's, only a better baseline could.",
    "In the full run each size is 40 surges and 40 series without one: a share of 80% is "
    "+-7 points, so the sizes are read to the grid's step, not more finely.",
]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="one replicate per authority, 10 per size"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    replicates = 1 if args.quick else 3
    grid_replicates = 10 if args.quick else 40
    started = time.perf_counter()
    results = run(replicates)
    sizes = by_size(grid_replicates)
    output = {
        "benchmark": "surge_detection",
        "data": "simulated counts at the sizes of every English local authority's 2025 "
        "DfE figures; the surges are ours, not real",
        "replicates_per_authority": replicates,
        "target": "a 20% sustained rise flagged within 4 weeks (or 2 months) with at most "
        "one false flag per series per two years",
        "target_read_as": f"flagged within the window in at least {TARGET_SHARE:.0%} of "
        "simulated surges (the issue names no share), at most "
        f"{TARGET_FALSE_FLAGS:g} false flag per series per two years",
        "python": platform.python_version(),
        "seconds": round(time.perf_counter() - started, 1),
        "results": results,
        "by_size": sizes,
        "notes": NOTES,
    }
    args.out.write_text(json.dumps(output, indent=2) + "\n")
    print(json.dumps(output, indent=2))


if __name__ == "__main__":
    main()
