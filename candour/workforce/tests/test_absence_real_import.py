"""The UCI "Absenteeism at work" file (../data/SOURCES.md) as a council's absence file,
imported through the real import service and read back through the absence detail.

Mapping, one row to one spell (as candour/lib/statistics/tests/test_absence_real_data.py):
person = ID; working days lost = hours / 8; rows with reason 0 or 0 hours left out. The
file has month and weekday only, so each person's k-th spell is dated on the k-th
working day from 6 January 2025: made up, deterministic, never overlapping. The ICD
chapter numbers become Candour's reason categories (REASONS).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date, timedelta

import pytest

from candour.config.shared_data import shared_data_dir
from candour.workforce.imports.services import import_file
from candour.workforce.indicators import organisation_indicators
from candour.workforce.models import ImportKind

DATA = shared_data_dir() / "absence/Absenteeism_at_work.csv"
FIRST_DAY = date(2025, 1, 6)
TEAM = "Courier company"  # matches none of the organisation's teams: counted in the whole

# The file's reasons: ICD-10 chapters 1-21, then its own codes 22-28.
REASONS = {
    1: "infectious_disease",
    2: "cancer",
    5: "mental_health",
    6: "nervous_system",
    9: "heart_circulatory",
    10: "chest_respiratory",
    11: "gastrointestinal",
    13: "musculoskeletal",
    14: "genitourinary_gynaecological",
    15: "pregnancy_related",
    18: "not_known",
    19: "injury_fracture",
    20: "injury_fracture",
    26: "not_known",
}


def _working_day(index: int) -> date:
    weeks, day = divmod(index, 5)
    return FIRST_DAY + timedelta(weeks=weeks, days=day)


def _files() -> tuple[bytes, bytes]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    spells = io.StringIO()
    writer = csv.writer(spells)
    writer.writerow(
        ["person_reference", "team", "start_date", "end_date", "reason_category", "days lost"]
    )
    done: dict[str, int] = defaultdict(int)
    for row in records:
        reason, hours = int(row["Reason for absence"]), int(row["Absenteeism time in hours"])
        if reason == 0 or hours == 0:
            continue
        person = f"UCI{row['ID']}"
        day = _working_day(done[person])
        done[person] += 1
        days = f"{hours / 8:.3f}"
        writer.writerow([person, TEAM, day, day, REASONS.get(reason, "other_known"), days])
    staff = io.StringIO()
    writer = csv.writer(staff)
    writer.writerow(["person_reference", "team", "role", "fte", "contract", "start_date"])
    for person in sorted({f"UCI{row['ID']}" for row in records}):
        writer.writerow([person, TEAM, "Social worker", "1", "permanent", "2020-01-01"])
    return staff.getvalue().encode(), spells.getvalue().encode()


@pytest.fixture
def imported(world, tmp_path):
    if not DATA.exists():
        pytest.fail("shared absence data not present")
    staff, spells = _files()
    (tmp_path / "absence_spells.csv").write_bytes(spells)
    for kind, name, content in (
        (ImportKind.STAFF_IN_POST, "staff.csv", staff),
        (ImportKind.ABSENCE_SPELLS, "spells.csv", (tmp_path / "absence_spells.csv").read_bytes()),
    ):
        result = import_file(
            actor=world.admin,
            organisation=world.moorland,
            kind=kind,
            filename=name,
            content=content,
        )
        assert result.ok, result.problems[:3]
    return world


def test_the_imported_file_gives_the_hand_checked_concentration(imported):
    found = organisation_indicators(imported.moorland, today=date(2025, 12, 31))
    summary = found.whole.absence.summary

    assert summary is not None
    assert summary.people == 36
    assert summary.people_absent == 33
    assert summary.spells == 696
    assert summary.days_lost == pytest.approx(640.5)
    # The figures written down in candour/lib/statistics/tests/test_absence_real_data.py.
    assert round(summary.top_fifth_share or 0, 3) == 0.540
    assert round(summary.gini or 0, 3) == 0.552
    # Of the named categories, musculoskeletal then injury lose most (ICD 13 and 19).
    named = [r for r in summary.days_by_reason if r not in ("other_known", "not_known")]
    assert named[:2] == ["musculoskeletal", "injury_fracture"]
