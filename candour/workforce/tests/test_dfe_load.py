from __future__ import annotations

import shutil
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.lib.dfe import DATASETS
from candour.workforce.imports.services import load_dfe
from candour.workforce.models import DfeNeighbour, DfeValue

DFE_DIR = Path(settings.CANDOUR_DFE_DIR)
ENGLAND = "E92000001"
CSWW = "csww_indicators_2017_to_2025.csv"


@pytest.mark.django_db
def test_the_real_directory_loads_every_dataset_with_suppression_kept_apart():
    result = load_dfe(DFE_DIR)

    present = {dataset.key for dataset in DATASETS if (DFE_DIR / dataset.filename).exists()}
    assert set(result.datasets) == present
    assert set(DfeValue.objects.values_list("dataset", flat=True).distinct()) == present
    assert DfeValue.objects.count() == result.values > 100_000
    # England's published social worker turnover rate for 2025 (year to 30 September).
    turnover = DfeValue.objects.get(
        dataset="csww_indicators",
        measure="turnover_rate_fte",
        time_period="2025",
        area_code=ENGLAND,
    )
    assert turnover.value == Decimal("11.8")
    assert (turnover.level, turnover.area_name, turnover.suppression) == ("National", "England", "")
    # Suppressed cells are None, never 0, and keep the code the DfE published.
    suppressed = DfeValue.objects.filter(value__isnull=True)
    assert suppressed.count() == result.suppressed > 0
    assert not suppressed.filter(suppression="").exists()
    assert set(suppressed.values_list("suppression", flat=True)) <= {"c", "x", "z", "u", "low", "k"}
    # Statistical neighbours are stored by the same (new) codes as the figures.
    camden = DfeValue.objects.filter(area_name="Camden").values_list("area_code", flat=True)[0]
    neighbours = list(
        DfeNeighbour.objects.filter(area_code=camden).values_list("neighbour_code", flat=True)
    )
    assert len(neighbours) == 10
    assert all(code.startswith("E09") for code in neighbours[:3])
    assert DfeValue.objects.filter(area_code=neighbours[0]).exists()
    event = AuditEvent.objects.get(event_type=AuditEventType.DFE_LOADED)
    assert event.data["values"] == result.values
    assert event.data["suppressed"] == result.suppressed


@pytest.mark.django_db
def test_loading_again_replaces_rather_than_adds(tmp_path):
    shutil.copy(DFE_DIR / CSWW, tmp_path / CSWW)
    first = load_dfe(tmp_path)
    DfeNeighbour.objects.create(area_code="E09000001", neighbour_code="E09000002", rank=1)

    second = load_dfe(tmp_path)

    assert first.values == second.values == DfeValue.objects.count()
    # No neighbour model in the directory: the old neighbours do not linger.
    assert not DfeNeighbour.objects.exists()
    assert AuditEvent.objects.filter(event_type=AuditEventType.DFE_LOADED).count() == 2


@pytest.mark.django_db
def test_the_command_loads_a_directory_and_reports_counts(tmp_path):
    shutil.copy(DFE_DIR / CSWW, tmp_path / CSWW)
    out = StringIO()

    call_command("workforce", "load-dfe", str(tmp_path), stdout=out, stderr=StringIO())

    assert f"Loaded {DfeValue.objects.count():,} DfE figures" in out.getvalue()


@pytest.mark.django_db
def test_the_command_refuses_a_directory_without_dfe_files(tmp_path):
    DfeValue.objects.create(
        dataset="x",
        measure="m",
        time_period="2025",
        year_ending="2025-09-30",
        level="National",
        area_code=ENGLAND,
        area_name="England",
        value=1,
    )

    with pytest.raises(CommandError, match="none of the DfE files"):
        call_command("workforce", "load-dfe", str(tmp_path), stdout=StringIO(), stderr=StringIO())

    assert DfeValue.objects.count() == 1
