"""Trends over the years and any chosen year, on the page and in the CLI (issue 20),
checked against England's published figures (METRICS.md)."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from candour.lib.dfe.loader import DfeFormatError
from candour.workforce.health.published import dfe_comparisons
from candour.workforce.imports.services import load_dfe
from candour.workforce.models import DfeValue, WorkforceSettings
from conftest import signed_in_client

DFE_DIR = Path(settings.CANDOUR_DFE_DIR)
HEALTH = reverse("workforce:health")
TRENDS = reverse("workforce:health-trends")


@pytest.fixture
def published(db, tmp_path):
    for name in (
        "sn_model_2025_wide.csv",
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
        "d5_cpps_at31march_by_duration_2013_to_2025.csv",
    ):
        shutil.copy(DFE_DIR / name, tmp_path / name)
    load_dfe(tmp_path)


def test_englands_referrals_and_section_47s_year_on_year_in_two_clicks(world, published):
    client = signed_in_client(world.manager)
    overview = client.get(HEALTH).content.decode()
    assert 'id="trends-link"' in overview

    page = client.get(TRENDS, {"organisation": world.riverside.pk}).content.decode()

    assert 'id="trend-referrals_count"' in page
    assert 'id="trend-s47_count"' in page
    assert "593,470" in page  # England's referrals, 2013
    assert "657,780" in page  # 2014
    assert "+10.8%" in page  # 657,780 on 593,470
    assert "127,190" in page  # section 47 enquiries, 2013
    assert "142,710" in page  # 2014
    assert "+12.2%" in page  # 142,710 on 127,190
    assert "230,590" in page  # 2025
    assert "Referrals, England, each year" in page


def test_a_chosen_year_and_the_change_since_another_on_the_overview(world, published):
    client = signed_in_client(world.manager)

    page = client.get(HEALTH, {"year": "2014", "since": "2013"}).content.decode()

    assert "year 2014" in page
    assert "England: change since 2013" in page
    plans = page[page.index('id="comparison-cp_plans_at_31_march_count"') :]
    plans = plans[: plans.index("</tr>")]
    assert "Children on a child protection plan at 31 March" in plans
    assert "48,300" in plans  # England, 31 March 2014
    assert "+12.0%" in plans  # on 43,140 in 2013


def test_the_comparison_of_an_area_carries_counts_and_its_trend(world, published):
    WorkforceSettings.objects.create(organisation=world.riverside, dfe_area_code="E09000023")

    found = {c.measure: c for c in dfe_comparisons(world.riverside, year="2025", since="2024")}

    referrals = found["referrals_count"]
    assert referrals.time_period == "2025"
    assert referrals.ours is not None
    assert referrals.england is not None
    assert referrals.neighbours_counted > 0
    assert referrals.base_period == "2024"
    assert referrals.ours_change is not None
    page = signed_in_client(world.manager).get(TRENDS, {"measure": "s47_count"}).content.decode()
    assert "Lewisham (E09000023)" in page
    assert "Statistical neighbours (average)" in page


def test_the_report_compares_with_england_for_an_organisation_with_no_imports(world, published):
    out = StringIO()

    call_command("workforce", "report", "--organisation", world.riverside.slug, stdout=out)

    text = out.getvalue()
    assert "No workforce data imported yet." in text
    assert "Compared with the DfE's published figures: England alone" in text
    assert "Referrals, each year" in text
    assert "593,470" in text
    assert "+10.8%" in text
    assert "Section 47 enquiries, each year" in text


def test_the_report_takes_a_year_and_a_base_year(world, published):
    out = StringIO()

    call_command(
        "workforce",
        "report",
        "--organisation",
        world.riverside.slug,
        "--year",
        "2014",
        "--since",
        "2013",
        "--trend",
        "cp_plans_at_31_march_count",
        stdout=out,
    )

    text = out.getvalue()
    assert "ours since 2013" in text
    assert "48,300" in text
    assert "Children on a child protection plan at 31 March, each year" in text
    with pytest.raises(CommandError, match="run from 2013 to 2025"):
        call_command(
            "workforce", "report", "--organisation", world.riverside.slug, "--year", "1999"
        )


# The shared data holds no population, so these estimates are made up for the test (close
# to the real size, not the real figures): the arithmetic is what is checked.
POPULATION_CSV = """time_period,time_identifier,geographic_level,country_code,country_name,\
region_code,region_name,old_la_code,new_la_code,la_name,population_0_17
2024,Calendar year,National,E92000001,England,,,,,,12000000
2023,Calendar year,National,E92000001,England,,,,,,11900000
2024,Calendar year,Regional,E92000001,England,E13000001,Inner London,,,,600000
2024,Calendar year,Local authority,E92000001,England,E13000001,Inner London,209,E09000023,\
Lewisham,64000
"""


def test_rates_per_10000_children_once_the_population_is_loaded(world, published, tmp_path):
    WorkforceSettings.objects.create(organisation=world.riverside, dfe_area_code="E09000023")
    # Without the population: no rate at all, rather than a row of blanks.
    before = {c.measure for c in dfe_comparisons(world.riverside, year="2025")}
    assert "referrals_count" in before
    assert "referrals_per_10000" not in before
    page = signed_in_client(world.manager).get(HEALTH).content.decode()
    assert "Rates per 10,000 children need the ONS estimate" in page

    (tmp_path / "child_population_0_17.csv").write_text(POPULATION_CSV)
    load_dfe(tmp_path)

    found = {c.measure: c for c in dfe_comparisons(world.riverside, year="2025")}
    referrals = found["referrals_per_10000"]
    # The year to 31 March 2025 reads the mid-2024 estimate, as the DfE does.
    assert referrals.england == pytest.approx(632_830 * 10_000 / 12_000_000)
    assert referrals.ours == pytest.approx(4_522 * 10_000 / 64_000)
    assert referrals.label == "Referrals per 10,000 children"
    # A year whose mid-year estimate is not loaded has no rate.
    assert dfe_comparisons(world.riverside, year="2013")[0].time_period == "2013"
    earlier = {c.measure: c for c in dfe_comparisons(world.riverside, year="2013")}
    assert earlier["referrals_per_10000"].england is None
    page = signed_in_client(world.manager).get(HEALTH, {"year": "2025"}).content.decode()
    assert "Referrals per 10,000 children" in page
    assert "divide them by the ONS mid-year estimate" in page
    # The population's mid-years are not years of DfE figures.
    trends = signed_in_client(world.manager).get(TRENDS).content.decode()
    assert 'value="referrals_per_10000"' in trends
    assert '<option value="2012"' not in trends


def test_a_malformed_population_file_names_its_line_and_loads_nothing(world, published, tmp_path):
    bad = POPULATION_CSV.replace("64000", "sixty-four thousand")
    (tmp_path / "child_population_0_17.csv").write_text(bad)

    with pytest.raises(DfeFormatError, match=r"child_population_0_17.csv line 5"):
        load_dfe(tmp_path)
    assert not DfeValue.objects.filter(dataset="child_population").exists()
    # The DfE figures already loaded are kept (one transaction).
    assert DfeValue.objects.filter(measure="referrals").exists()
