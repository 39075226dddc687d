"""England's published workforce rates, recomputed from the counts in the same files.

The DfE leaves a local authority out of an England rate when it flags that authority's
figure as unreliable (``u``), while the England count still includes it. So for a year
and measure with a ``u`` authority, the rate is rebuilt from the local authority rows
without the flagged authorities; otherwise it comes from the England row's own counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest

from candour.lib.statistics.workforce import (
    absence_rate,
    agency_rate,
    as_published,
    average_caseload,
    turnover_rate,
    vacancy_rate,
)
from candour.lib.working_days import dfe_working_days_in_year

from .dfe_csv import DFE, number, read_rows

INDICATORS = DFE / "csww_indicators_2017_to_2025.csv"
HEADLINE = DFE / "csww_headline_measures_2017_to_2022.csv"
YEARS = tuple(range(2017, 2026))


@dataclass(frozen=True)
class Measure:
    published: str
    numerator: str
    base: str
    formula: Callable[[float, float, int], float | None]


def _measures(columns: dict[str, str]) -> dict[str, Measure]:
    c = columns
    return {
        "turnover (FTE)": Measure(
            c["turnover"], c["leavers"], c["in_post"], lambda n, b, _: turnover_rate(n, b)
        ),
        "turnover (headcount)": Measure(
            c["turnover_hc"], c["leavers_hc"], c["in_post_hc"], lambda n, b, _: turnover_rate(n, b)
        ),
        "agency (FTE)": Measure(
            c["agency_rate"], c["agency"], c["in_post"], lambda n, b, _: agency_rate(n, b)
        ),
        "agency (headcount)": Measure(
            c["agency_rate_hc"], c["agency_hc"], c["in_post_hc"], lambda n, b, _: agency_rate(n, b)
        ),
        "vacancy (FTE)": Measure(
            c["vacancy_rate"], "vacancy_fte", c["in_post"], lambda n, b, _: vacancy_rate(n, b)
        ),
        "caseload (FTE)": Measure(
            c["caseload"], "cases", "case_holders_fte", lambda n, b, _: average_caseload(n, b)
        ),
        "absence (FTE)": Measure(
            c["absence"],
            "working_days_lost_fte",
            c["in_post"],
            lambda n, b, year: absence_rate(n, b, dfe_working_days_in_year(year)),
        ),
    }


INDICATOR_COLUMNS = {
    "in_post": "inpost_fte",
    "in_post_hc": "inpost_headcount",
    "leavers": "leavers_fte",
    "leavers_hc": "leavers_headcount",
    "turnover": "turnover_rate_fte",
    "turnover_hc": "turnover_rate_headcount",
    "agency": "agency_fte",
    "agency_hc": "agency_headcount",
    "agency_rate": "agency_rate_fte",
    "agency_rate_hc": "agency_rate_headcount",
    "vacancy_rate": "vacancy_rate_fte",
    "caseload": "caseload_fte",
    "absence": "absence_rate_fte",
}
HEADLINE_COLUMNS = {
    "in_post": "social_worker_fte",
    "in_post_hc": "social_worker_headcount",
    "leavers": "leaver_fte",
    "leavers_hc": "leaver_headcount",
    "turnover": "turnover_rate_fte_%",
    "turnover_hc": "turnover_rate_headcount_%",
    "agency": "agency_fte",
    "agency_hc": "agency_headcount",
    "agency_rate": "agency_worker_rate_fte_%",
    "agency_rate_hc": "agency_worker_rate_headcount_%",
    "vacancy_rate": "vacancy_rate_fte_%",
    "caseload": "caseload_fte",
    "absence": "absence_rate_fte_%",
}


def _sum(rows: list[dict[str, str]], column: str) -> float:
    return sum(value for row in rows if (value := number(row[column])) is not None)


def recompute_england(rows: list[dict[str, str]], year: int, measure: Measure) -> float | None:
    """England's rate from the published counts, leaving out authorities flagged ``u``."""
    of_year = [row for row in rows if row["time_period"] == str(year)]
    (england,) = [row for row in of_year if row["geographic_level"] == "National"]
    authorities = [row for row in of_year if row["geographic_level"] == "Local authority"]
    unreliable = [
        row for row in authorities if "u" in (row[measure.numerator], row[measure.published])
    ]
    if not unreliable:
        return measure.formula(
            number(england[measure.numerator]) or 0.0, number(england[measure.base]) or 0.0, year
        )
    kept = [row for row in authorities if row not in unreliable]
    return measure.formula(_sum(kept, measure.numerator), _sum(kept, measure.base), year)


def _cases(path, columns, years):
    rows = read_rows(path) if path.exists() else []
    return [
        pytest.param(rows, year, measure, id=f"{path.stem[:14]}-{year}-{name}")
        for year in years
        for name, measure in _measures(columns).items()
    ]


@pytest.mark.parametrize(
    ("rows", "year", "measure"),
    [
        *_cases(INDICATORS, INDICATOR_COLUMNS, YEARS),
        *_cases(HEADLINE, HEADLINE_COLUMNS, range(2017, 2023)),
    ],
)
def test_england_rate_matches_the_published_rate(rows, year, measure):
    if not rows:
        pytest.fail("shared DfE data not present: set CANDOUR_SHARED_DATA")
    (england,) = [
        row
        for row in rows
        if row["time_period"] == str(year) and row["geographic_level"] == "National"
    ]
    published = Decimal(england[measure.published])
    assert as_published(recompute_england(rows, year, measure)) == published


def test_the_england_row_alone_reproduces_every_rate_without_unreliable_authorities():
    if not INDICATORS.exists():
        pytest.fail("shared DfE data not present: set CANDOUR_SHARED_DATA")
    rows = read_rows(INDICATORS)
    plain = []
    for year in YEARS:
        (england,) = [
            row
            for row in rows
            if row["time_period"] == str(year) and row["geographic_level"] == "National"
        ]
        plain.append(
            as_published(
                turnover_rate(number(england["leavers_fte"]), number(england["inpost_fte"]))
            )
            == Decimal(england["turnover_rate_fte"])
        )
    # 2022 and 2024 each had one authority's leavers flagged unreliable.
    assert plain == [year not in (2022, 2024) for year in YEARS]


def test_england_2025_headline_figures():
    counts = {"in_post": 36186.3, "leavers": 4276.3, "agency": 5415.9, "vacancies": 5965.4}
    assert as_published(turnover_rate(counts["leavers"], counts["in_post"])) == Decimal("11.8")
    assert as_published(agency_rate(counts["agency"], counts["in_post"])) == Decimal("13.0")
    assert as_published(vacancy_rate(counts["vacancies"], counts["in_post"])) == Decimal("14.2")
    assert as_published(average_caseload(321661, 21105.4)) == Decimal("15.2")
    assert as_published(absence_rate(322786.3, 36186.3, 253)) == Decimal("3.5")


def _authority_rows_consistent(rows, measure, name, formula):
    """Authorities whose published rate is within reach of their rounded counts."""
    # FTE counts are published to one decimal place; headcounts and cases are exact.
    numerator_slack = 0.0 if "headcount" in name or name.startswith("caseload") else 0.05
    base_slack = 0.0 if "headcount" in name else 0.05
    checked = failed = 0
    for row in rows:
        if row["geographic_level"] != "Local authority":
            continue
        count, base = number(row[measure.numerator]), number(row[measure.base])
        published = number(row[measure.published])
        if count is None or base is None or published is None or base == 0:
            continue
        year = int(row["time_period"])
        corners = [
            formula(max(0.0, count + dn), base + db, year)
            for dn in (-numerator_slack, numerator_slack)
            for db in (-base_slack, base_slack)
        ]
        values = [value for value in corners if value is not None]
        checked += 1
        if min(values) > published + 0.05 + 1e-9 or max(values) < published - 0.05 - 1e-9:
            failed += 1
    return checked, failed


def test_every_authority_rate_is_reproduced_within_the_rounding_of_its_counts():
    if not INDICATORS.exists():
        pytest.fail("shared DfE data not present: set CANDOUR_SHARED_DATA")
    rows = read_rows(INDICATORS)
    for name, measure in _measures(INDICATOR_COLUMNS).items():
        checked, failed = _authority_rows_consistent(rows, measure, name, measure.formula)
        assert checked > 1300
        assert failed == 0, name


def test_absence_uses_254_working_days_in_leap_years():
    if not INDICATORS.exists():
        pytest.fail("shared DfE data not present: set CANDOUR_SHARED_DATA")
    rows = read_rows(INDICATORS)
    measure = _measures(INDICATOR_COLUMNS)["absence (FTE)"]
    always_253 = lambda days, fte, _year: absence_rate(days, fte, 253)  # noqa: E731
    _, failed = _authority_rows_consistent(rows, measure, "absence (FTE)", always_253)
    assert failed > 20  # every one of them in 2020 or 2024
    assert dfe_working_days_in_year(2020) == dfe_working_days_in_year(2024) == 254
    assert dfe_working_days_in_year(2025) == 253
