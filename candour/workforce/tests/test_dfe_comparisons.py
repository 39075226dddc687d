"""Demand and workforce beside neighbours, region and England, checked by hand against
the rows of the DfE's own files (a named authority and England)."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from candour.core.models import Organisation
from candour.lib.statistics.tests.dfe_csv import number, read_rows
from candour.workforce.health.published import Comparison, dfe_comparisons
from candour.workforce.imports.services import load_dfe
from candour.workforce.models import DfeNeighbour, DfeValue, WorkforceSettings

DFE_DIR = Path(settings.CANDOUR_DFE_DIR)
NEIGHBOURS = "sn_model_2025_wide.csv"
REFERRALS = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv"
SECTION_47 = "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv"
PLANS = "d3_cpps_subsequent_plan_2013_to_2025.csv"
CIN = "b1_children_in_need_2013_to_2025.csv"
CSWW = "csww_indicators_2017_to_2025.csv"
AUTHORITY = "Kent"


def _load(tmp_path: Path, *names: str) -> None:
    for name in (NEIGHBOURS, *names):
        shutil.copy(DFE_DIR / name, tmp_path / name)
    load_dfe(tmp_path)


def _by_area(path: Path, year: str) -> dict[str, dict[str, str]]:
    """The year's rows keyed by old LA code, region code or "England"."""
    found = {}
    for row in read_rows(path):
        if row["time_period"] != year:
            continue
        level = row["geographic_level"]
        key = {"National": "England", "Regional": row["region_code"]}.get(level, row["old_la_code"])
        found[key] = row
    return found


def _neighbour_codes(name: str) -> tuple[str, list[str]]:
    with (DFE_DIR / NEIGHBOURS).open(encoding="utf-8-sig", newline="") as handle:
        (row,) = [row for row in csv.DictReader(handle) if row["la_name"] == name]
    return row["old_la_code"], [row[f"SN_{rank}"].strip() for rank in range(1, 11)]


def _mean(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _choose(
    organisation: Organisation, name: str, rows: dict[str, dict[str, str]]
) -> dict[str, Comparison]:
    code, _ = _neighbour_codes(name)
    WorkforceSettings.objects.create(
        organisation=organisation, dfe_area_code=rows[code]["new_la_code"]
    )
    return {c.measure: c for c in dfe_comparisons(organisation)}


@pytest.mark.django_db
def test_demand_measures_match_the_dfe_rows_worked_by_hand(world, tmp_path):
    _load(tmp_path, REFERRALS, SECTION_47, PLANS, CIN)
    s47_now = _by_area(DFE_DIR / SECTION_47, "2025")
    referrals_now = _by_area(DFE_DIR / REFERRALS, "2025")
    referrals_before = _by_area(DFE_DIR / REFERRALS, "2024")
    code, neighbours = _neighbour_codes(AUTHORITY)
    region = s47_now[code]["region_code"]

    found = _choose(world.riverside, AUTHORITY, s47_now)

    def within_15(key: str) -> float | None:
        row = s47_now[key]
        quick, later = number(row["Duration_0-10_days"]), number(row["Duration_11-15_days"])
        total = number(row["ICPC"])
        if quick is None or later is None or not total:
            return None
        return 100 * (quick + later) / total

    def referrals_change(key: str) -> float | None:
        now = number(referrals_now[key]["referral_count"])
        then = number(referrals_before[key]["referral_count"])
        return None if now is None or not then else 100 * (now - then) / then

    icpc = found["icpc_within_15_days_rate"]
    assert (icpc.group, icpc.time_period) == ("demand", "2025")
    assert icpc.ours == pytest.approx(within_15(code))
    assert icpc.england == pytest.approx(within_15("England"))
    # England 2025 by hand: (6,240 + 52,430) / 72,100 ICPCs.
    assert icpc.england == pytest.approx(100 * 58670 / 72100)
    assert icpc.region == pytest.approx(within_15(region))
    expected = [within_15(n) for n in neighbours]
    assert icpc.neighbours == pytest.approx(_mean(expected))
    assert icpc.neighbours_counted == sum(v is not None for v in expected)

    change = found["referrals_change"]
    assert change.ours == pytest.approx(referrals_change(code))
    # England: 632,830 referrals in 2025 against the year before's.
    assert change.england == pytest.approx(referrals_change("England"))
    assert change.neighbours == pytest.approx(_mean([referrals_change(n) for n in neighbours]))

    rereferrals = found["rereferral_rate"]
    assert rereferrals.ours == number(referrals_now[code]["rereferral_percent"])
    assert rereferrals.england == 22.6
    assert {
        "referrals_no_further_action_rate",
        "cp_plans_subsequent_rate",
        "s47_change",
        "icpc_change",
        "cp_plans_started_change",
        "cin_change",
    } <= set(found)


@pytest.mark.django_db
def test_the_starter_rate_is_compared_from_the_published_counts(world, tmp_path):
    _load(tmp_path, CSWW)
    rows = _by_area(DFE_DIR / CSWW, "2025")

    found = _choose(world.riverside, AUTHORITY, rows)

    starters = found["starter_rate_fte"]
    assert starters.group == "workforce"
    # England 2025: 5,837.8 starters (FTE) over 36,186.3 social workers in post (FTE).
    assert starters.england == pytest.approx(100 * 5837.8 / 36186.3)
    code, _ = _neighbour_codes(AUTHORITY)
    kent = rows[code]
    assert starters.ours == pytest.approx(
        100 * float(kent["starters_fte"]) / float(kent["inpost_fte"])
    )
    assert found["turnover_rate_fte"].england == 11.8


def test_a_suppressed_neighbour_is_left_out_never_read_as_zero(world):
    WorkforceSettings.objects.create(organisation=world.riverside, dfe_area_code="E1")

    def value(code: str, measure: str, amount: str | None, level: str = "Local authority"):
        DfeValue.objects.create(
            dataset="s47_icpc",
            measure=measure,
            time_period="2025",
            year_ending=date(2025, 3, 31),
            level=level,
            area_code=code,
            area_name=code,
            region_code="",
            value=None if amount is None else Decimal(amount),
            suppression="" if amount is not None else "c",
        )

    for code, quick, later, total in (
        ("E1", "10", "70", "100"),
        ("N1", "20", "40", "80"),
        ("N2", None, "50", "60"),
        ("E92000001", "6240", "52430", "72100"),
    ):
        level = "National" if code.startswith("E92") else "Local authority"
        value(code, "icpc_within_0_10_days", quick, level)
        value(code, "icpc_within_11_15_days", later, level)
        value(code, "icpc", total, level)
    for rank, code in enumerate(("N1", "N2"), start=1):
        DfeNeighbour.objects.create(area_code="E1", neighbour_code=code, rank=rank)

    found = {c.measure: c for c in dfe_comparisons(world.riverside)}

    icpc = found["icpc_within_15_days_rate"]
    assert icpc.ours == 80.0
    assert icpc.neighbours == 75.0
    assert icpc.neighbours_counted == 1
    assert icpc.region is None
    # No year before: no change on the year, rather than a change from zero.
    assert found["icpc_change"].ours is None
