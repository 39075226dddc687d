"""When the early warning would have changed status for every English local authority,
year by year, 2017 to 2025, judged on the DfE's published workforce figures (issue 20).

    python benchmarks/early_warning_backtest.py

Data: the DfE children's social work workforce indicators (/work/shared/data/dfe), one
row per authority and year to 30 September: caseload, vacancy, agency, turnover and
absence rates. No monthly demand is published, so the demand side and the control-chart
flags are not part of this backtest (the demo's backtest, `candour workforce backtest`,
shows them). Each year is judged only on the years up to it (statistics.spiral with a
window of 3 years, 2 values needed), two ways, side by side:
- fixed: the lines Candour used before issue 20 (SpiralThresholds' defaults);
- national: each line at the upper quartile (or the top tenth) of all authorities in the
  latest year. Candour sets the top tenth once the DfE figures are loaded: with five
  lines each crossed by a quarter of authorities, most are strained on one of them.
Reports, per year, how many authorities are steady, strained or spiralling and how many
changed status since the year before. Writes benchmarks/results/early_warning_backtest.json.
"""

from __future__ import annotations

import dataclasses
import json
import platform
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from candour.lib.dfe import read_dataset  # noqa: E402 - after the path is set
from candour.lib.dfe.records import GeographicLevel  # noqa: E402
from candour.lib.statistics.spiral import (  # noqa: E402
    HealthPeriod,
    SpiralThresholds,
    spiral_history,
)

DFE_FILE = Path("/work/shared/data/dfe/csww_indicators_2017_to_2025.csv")
RESULTS = ROOT / "benchmarks" / "results" / "early_warning_backtest.json"
MEASURES = {
    "caseload_fte": "caseload",
    "vacancy_rate_fte": "vacancy_rate",
    "agency_rate_fte": "agency_rate",
    "turnover_rate_fte": "turnover_rate",
    "absence_rate_fte": "absence_rate",
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def main() -> None:
    figures: dict[str, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    for observation in read_dataset(DFE_FILE):
        if (
            observation.area.level is GeographicLevel.LOCAL_AUTHORITY
            and observation.measure in MEASURES
            and observation.value is not None
        ):
            figures[observation.area.code][observation.time_period][
                MEASURES[observation.measure]
            ] = float(observation.value)
    years = sorted({year for by_year in figures.values() for year in by_year})
    latest = years[-1]
    defaults = SpiralThresholds(window=3, min_values=2)

    def national(share: float) -> SpiralThresholds:
        lines = {}
        for name in MEASURES.values():
            values = [by[latest][name] for by in figures.values() if name in by.get(latest, {})]
            lines[name] = dataclasses.replace(
                getattr(defaults, name), strain=round(percentile(values, share), 1)
            )
        return dataclasses.replace(defaults, **lines)

    results: dict[str, object] = {}
    for label, thresholds in (
        ("fixed", defaults),
        ("national upper quartile", national(0.75)),
        ("national top tenth", national(0.9)),
    ):
        statuses: dict[str, Counter[str]] = {year: Counter() for year in years}
        changes: Counter[str] = Counter()
        for by_year in figures.values():
            known = [year for year in years if by_year.get(year)]
            periods = [
                HealthPeriod(
                    date(int(year), 9, 30),
                    caseload=by_year[year].get("caseload"),
                    vacancy_rate=by_year[year].get("vacancy_rate"),
                    agency_rate=by_year[year].get("agency_rate"),
                    turnover_rate=by_year[year].get("turnover_rate"),
                    absence_rate=by_year[year].get("absence_rate"),
                )
                for year in known
            ]
            before = None
            for year, assessment in zip(known, spiral_history(periods, thresholds), strict=True):
                statuses[year][str(assessment.status)] += 1
                if before is not None and str(assessment.status) != before:
                    changes[year] += 1
                before = str(assessment.status)
        results[label] = {
            "lines": {name: getattr(thresholds, name).strain for name in MEASURES.values()},
            "by_year": {
                year: {**dict(sorted(statuses[year].items())), "changed": changes[year]}
                for year in years
            },
        }
    output = {
        "benchmark": "early_warning_backtest",
        "data": str(DFE_FILE.name),
        "authorities": len(figures),
        "window_years": defaults.window,
        "python": platform.python_version(),
        "results": results,
    }
    RESULTS.write_text(json.dumps(output, indent=2) + "\n")
    print(json.dumps(output, indent=2))


if __name__ == "__main__":
    main()
