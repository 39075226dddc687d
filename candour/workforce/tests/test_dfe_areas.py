"""Choosing a DfE local authority: shared services, renamed codes, and saying where the
figures come from (issue 20). Checked against the DfE's own rows."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.lib.statistics.spiral import Limit
from candour.workforce.early_warning.services import change_thresholds, thresholds_for
from candour.workforce.health.published import dfe_comparisons
from candour.workforce.imports.services import load_dfe
from candour.workforce.models import WorkforceSettings
from conftest import signed_in_client

DFE_DIR = Path(settings.CANDOUR_DFE_DIR)
DFE_AREA = reverse("workforce:health-dfe-area")
HEALTH = reverse("workforce:health")
SHARED = "E09000021 / E09000027"  # Kingston upon Thames and Richmond upon Thames


@pytest.fixture
def published(db, tmp_path):
    for name in (
        "sn_model_2025_wide.csv",
        "csww_indicators_2017_to_2025.csv",
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    ):
        shutil.copy(DFE_DIR / name, tmp_path / name)
    load_dfe(tmp_path)


def test_choosing_a_shared_service_saves_it_and_audits_the_code(world, published):
    client = signed_in_client(world.admin)

    response = client.post(DFE_AREA, {"area_code": SHARED})

    assert response.status_code == 302
    assert WorkforceSettings.objects.get(organisation=world.riverside).dfe_area_code == SHARED
    event = AuditEvent.objects.get(event_type=AuditEventType.WORKFORCE_DFE_AREA_SET)
    assert event.data == {"before": "", "after": "E09000021/E09000027"}
    page = client.get(HEALTH).content.decode()
    assert "Kingston upon Thames / Richmond upon Thames" in page


def test_each_authority_is_offered_once(world, published):
    page = signed_in_client(world.admin).get(DFE_AREA).content.decode()

    assert page.count(">North Yorkshire (") == 1
    assert "North Yorkshire (E06000065)" in page
    assert "(E10000023)" not in page
    assert page.count(">Gateshead (") == 1
    assert "Kingston upon Thames / Richmond upon Thames (shared service)" in page


def test_a_council_in_a_shared_service_says_its_workforce_figures_are_shared(world, published):
    WorkforceSettings.objects.create(organisation=world.riverside, dfe_area_code="E09000027")

    found = {c.measure: c for c in dfe_comparisons(world.riverside)}

    turnover = found["turnover_rate_fte"]
    # The workforce census publishes one row for the shared service, up to 2025.
    assert turnover.time_period == "2025"
    assert turnover.ours is not None
    assert "shared service Kingston upon Thames / Richmond upon Thames" in turnover.note
    # Referrals are published for Richmond alone: no note.
    assert found["rereferral_rate"].note == ""
    page = signed_in_client(world.admin).get(HEALTH).content.decode()
    assert "shared service Kingston upon Thames / Richmond upon Thames" in page


def test_an_earlier_code_is_read_as_its_successor_and_older_figures_are_named(world, published):
    # Northamptonshire was abolished in 2021: its latest figures are years old, and say so.
    WorkforceSettings.objects.create(organisation=world.riverside, dfe_area_code="E10000021")

    found = {c.measure: c for c in dfe_comparisons(world.riverside)}

    assert found["turnover_rate_fte"].time_period == "2020"
    assert "latest figures for this area are for 2020" in found["turnover_rate_fte"].note
    assert "England's are for 2025" in found["turnover_rate_fte"].note


def test_the_early_warning_lines_default_to_the_national_top_tenth(world, published):
    thresholds = thresholds_for(world.riverside)

    # 2025 turnover of the 148 local authority rows with a figure (shared services once),
    # the 90th percentile interpolated as a spreadsheet's PERCENTILE does.
    assert thresholds.turnover_rate.strain == 19.5
    # An organisation's own line is kept.
    own = dataclasses.replace(thresholds, turnover_rate=Limit(strain=25.0, worsening=3.0))
    change_thresholds(actor=world.admin, organisation=world.riverside, thresholds=own)
    assert thresholds_for(world.riverside).turnover_rate.strain == 25.0
