import datetime as dt
import time
from collections import Counter
from decimal import Decimal

import pytest

from candour.lib.dfe import DATASETS, DfeFormatError, GeographicLevel, read_dataset, read_directory
from candour.lib.dfe.catalogue import CSWW_INDICATORS

# Rows in each file (not counting the header), counted with `wc -l` minus one.
ROWS = {
    "csww_indicators": 1463,
    "csww_headline": 978,
    "cin": 2132,
    "referrals": 2132,
    "assessment_factors": 1312,
    "s47_icpc": 2132,
    "cp_plans_started": 2132,
    "cp_plans_by_duration": 2132,
}

# England's figures, read by hand from the files (and, where quoted, from METRICS.md).
ENGLAND = [
    ("csww_indicators", "2025", "inpost_fte", "36186.3"),
    ("csww_indicators", "2025", "turnover_rate_fte", "11.8"),
    ("csww_indicators", "2025", "agency_rate_fte", "13"),
    ("csww_indicators", "2025", "vacancy_rate_fte", "14.2"),
    ("csww_indicators", "2025", "caseload_fte", "15.2"),
    ("csww_indicators", "2025", "absence_rate_fte", "3.5"),
    ("csww_indicators", "2022", "turnover_rate_fte", "17.2"),
    ("csww_indicators", "2022", "vacancy_rate_fte", "20"),
    ("csww_headline", "2022", "inpost_fte", "31634.1"),
    ("csww_headline", "2022", "turnover_rate_fte", "17.1"),  # the older release said 17.1
    ("csww_headline", "2020", "inpost_fte", "31854.3"),
    ("referrals", "2013", "referrals", "593470"),
    ("referrals", "2014", "referrals", "657780"),
    ("referrals", "2025", "referrals", "632830"),
    ("s47_icpc", "2013", "s47", "127190"),
    ("s47_icpc", "2014", "s47", "142710"),
    ("s47_icpc", "2025", "s47", "230590"),
    ("s47_icpc", "2025", "icpc", "72100"),
    ("cp_plans_by_duration", "2013", "cp_plans_at_31_march", "43140"),
    ("cp_plans_by_duration", "2014", "cp_plans_at_31_march", "48300"),
    ("cp_plans_started", "2025", "cp_plans_started", "61840"),
    ("cin", "2025", "cin", "402400"),
    ("assessment_factors", "2025", "factor_neglect", "90370"),
]


def test_rows_per_file(observations):
    rows = Counter((o.dataset, o.line) for o in observations)
    per_dataset = Counter(dataset for dataset, _ in rows)
    assert per_dataset == ROWS
    for dataset in DATASETS:
        if dataset.key not in ROWS:
            continue  # optional files not in the shared data (the child population)
        figures = sum(1 for o in observations if o.dataset == dataset.key)
        assert figures == ROWS[dataset.key] * len(dataset.measures)


@pytest.mark.parametrize(("dataset", "year", "measure", "value"), ENGLAND)
def test_england_matches_the_file(lookup, dataset, year, measure, value):
    assert lookup[(dataset, year, "E92000001", measure)].value == Decimal(value)


def test_metrics_formulas_reproduce_england_2025(lookup):
    def figure(measure):
        return lookup[("csww_indicators", "2025", "E92000001", measure)].value

    turnover = figure("leavers_fte") / figure("inpost_fte") * 100
    agency = figure("agency_fte") / (figure("agency_fte") + figure("inpost_fte")) * 100
    assert round(turnover, 1) == figure("turnover_rate_fte")
    assert round(agency, 1) == figure("agency_rate_fte")


def test_suppressed_cells_come_back_missing_with_their_code(lookup):
    sunderland = lookup[("csww_indicators", "2025", "E08000024", "agency_fte")]
    assert (sunderland.value, sunderland.suppression) == (None, "low")
    north_tyneside = lookup[("referrals", "2025", "E08000022", "referrals_no_further_action")]
    assert (north_tyneside.value, north_tyneside.suppression) == (None, "c")
    city = lookup[("csww_indicators", "2025", "E09000001", "vacancy_agency_cover_rate_fte")]
    assert (city.value, city.suppression) == (None, "z")


def test_zero_stays_zero(lookup):
    city = lookup[("csww_indicators", "2025", "E09000001", "leavers_fte")]
    assert (city.value, city.suppression) == (Decimal(0), None)


def test_every_missing_value_is_a_known_code_and_never_zero(observations):
    missing = [o for o in observations if o.value is None]
    assert {o.suppression for o in missing} == {"c", "x", "z", "u", "low"}
    assert all(o.value != 0 for o in observations if o.suppression is not None)


def test_areas_and_years(lookup, observations):
    england = lookup[("cin", "2025", "E92000001", "cin")]
    assert england.area.level is GeographicLevel.NATIONAL
    assert england.area.name == "England"
    assert england.year_ending == dt.date(2025, 3, 31)
    north_east = lookup[("csww_indicators", "2025", "E12000001", "inpost_fte")]
    assert (north_east.area.level, north_east.area.name) == (GeographicLevel.REGIONAL, "North East")
    assert north_east.year_ending == dt.date(2025, 9, 30)
    durham = lookup[("cin", "2025", "E06000047", "cin")].area
    assert (durham.old_la_code, durham.name, durham.region_code) == (
        "840",
        "County Durham",
        "E12000001",
    )
    levels = Counter(
        o.area.level for o in observations if o.dataset == "cin" and o.measure == "cin"
    )
    assert levels == {"National": 13, "Regional": 143, "Local authority": 1976}


def test_shared_services_keep_both_councils_codes(lookup):
    shared = lookup[("csww_indicators", "2025", "E06000061 / E06000062", "inpost_fte")].area
    assert shared.old_la_codes == ("940", "941")


def test_both_workforce_releases_use_the_same_measure_names(observations):
    names: dict[str, set[str]] = {}
    for o in observations:
        names.setdefault(o.dataset, set()).add(o.measure)
    assert names["csww_headline"] <= names["csww_indicators"]


def test_progress_runs_to_the_total(dfe_dir):
    calls = []
    list(read_dataset(dfe_dir / CSWW_INDICATORS.filename, on_progress=lambda *c: calls.append(c)))
    assert calls[0] == (500, 1463)
    assert calls[-1] == (1463, 1463)


def test_a_changed_file_fails_loudly(tmp_path):
    path = tmp_path / CSWW_INDICATORS.filename
    header = "time_period,time_identifier,geographic_level,country_code,country_name,region_code"
    path.write_text(header + ",region_name,old_la_code,new_la_code,la_name,inpost_fte\n")
    with pytest.raises(DfeFormatError, match="missing columns"):
        list(read_dataset(path))
    unknown = tmp_path / "other.csv"
    unknown.write_text("a\n")
    with pytest.raises(DfeFormatError, match="not a DfE file"):
        list(read_dataset(unknown))


def test_an_unknown_code_in_a_number_cell_fails_loudly(tmp_path, dfe_dir):
    source = (dfe_dir / CSWW_INDICATORS.filename).read_text(encoding="utf-8").splitlines()
    path = tmp_path / CSWW_INDICATORS.filename
    path.write_text("\n".join([source[0], source[1].replace("36186.3", "n/a")]) + "\n")
    with pytest.raises(DfeFormatError, match=r"line 2, inpost_fte: 'n/a' is neither"):
        list(read_dataset(path))


def test_all_files_parse_quickly(dfe_dir):
    """A sanity check, not a timed assertion: it prints how long a full load takes."""
    started = time.perf_counter()
    count = sum(1 for _ in read_directory(dfe_dir))
    print(f"{count} DfE figures read in {time.perf_counter() - started:.2f}s")
    assert count > 190_000
