from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.core.services import create_team
from candour.workforce.imports.services import import_file, undo_import
from candour.workforce.models import (
    AbsenceSpell,
    Caseload,
    DemandCount,
    ImportBatch,
    ImportKind,
    StaffPost,
    Vacancy,
)
from conftest import World, signed_in_client

SAMPLES = Path(__file__).resolve().parents[3] / "docs" / "samples"

# Two bad rows: a name where the staff ID belongs, and an end before the start.
BAD_STAFF = (
    b"person_reference,team,role,fte,contract,start_date,end_date,leaving_reason\n"
    b"SW0101,Assessment,Social worker,1,permanent,2019-09-02,,\n"
    b"Jane Smith,Assessment,Social worker,1,permanent,2020-01-06,,\n"
    b"SW0103,Assessment,Social worker,0.8,permanent,2022-10-03,2021-06-28,resignation\n"
)


@pytest.fixture
def teams(world):
    """Candour's names for two of the sample files' teams, one in another case."""
    return {
        "north": create_team(
            actor=None, organisation=world.riverside, name="Assessment Team North"
        ),
        "cp": create_team(actor=None, organisation=world.riverside, name="child protection team"),
    }


def _import(world, kind, content, filename="file.csv"):
    return import_file(
        actor=world.admin,
        organisation=world.riverside,
        kind=kind,
        filename=filename,
        content=content,
    )


def test_a_file_with_two_bad_rows_reports_both_and_imports_nothing(world):
    result = _import(world, ImportKind.STAFF_IN_POST, BAD_STAFF)

    assert not result.ok
    assert [(problem.line, problem.column) for problem in result.problems] == [
        (3, "person_reference"),
        (4, "end_date"),
    ]
    assert "not a staff reference" in result.problems[0].reason
    assert "is before start_date" in result.problems[1].reason
    # The name typed where the ID belongs is never repeated back.
    assert result.problems[0].value == ""
    assert "Jane" not in " ".join(str(problem) for problem in result.problems)
    assert not StaffPost.objects.exists()
    assert not ImportBatch.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.WORKFORCE_IMPORTED).exists()


def test_a_repeated_staff_id_is_not_echoed_by_the_cross_row_checks(world):
    content = (
        b"person_reference,team,date,cases_held\n"
        b"SW0142,Assessment,2024-09-30,17\n"
        b"SW0142,Assessment,2024-09-30,18\n"
    )

    result = _import(world, ImportKind.CASELOADS, content)

    assert [(problem.line, problem.value) for problem in result.problems] == [(3, "")]
    assert "repeats" in result.problems[0].reason


def test_the_staff_sample_imports_every_row_typed_and_matched_to_teams(world, teams):
    content = (SAMPLES / "staff_in_post.csv").read_bytes()

    result = _import(world, ImportKind.STAFF_IN_POST, content, "staff_in_post.csv")

    assert result.ok
    assert result.rows == 13 == StaffPost.objects.filter(batch=result.batch).count()
    assert result.unmatched_teams == ("Children in Need Team",)
    leaver = StaffPost.objects.get(person_reference="SW0103")
    assert leaver.fte == Decimal("0.800")
    assert leaver.started_on == dt.date(2022, 10, 3)
    assert leaver.ended_on == dt.date(2024, 6, 28)
    assert leaver.leaving_reason == "resignation"
    assert leaver.team == teams["north"]
    assert StaffPost.objects.get(person_reference="SW0104").agency is True
    # Matched ignoring case; the council's own spelling is kept.
    cp = StaffPost.objects.get(person_reference="SW0108")
    assert (cp.team, cp.team_name) == (teams["cp"], "Child Protection Team")
    unmatched = StaffPost.objects.filter(team_name="Children in Need Team")
    assert unmatched.count() == 3
    assert all(post.team is None for post in unmatched)
    assert result.batch.rows == 13
    assert result.batch.imported_by == world.admin


def test_the_hr_export_sample_imports_with_its_own_headings(world):
    content = (SAMPLES / "staff_in_post_hr_export.csv").read_bytes()

    result = _import(world, ImportKind.STAFF_IN_POST, content)

    assert result.ok, result.problems
    post = StaffPost.objects.get(person_reference="E-20533")
    assert (post.ended_on, post.leaving_reason, post.agency) == (
        dt.date(2024, 6, 28),
        "resignation",
        False,
    )


@pytest.mark.parametrize(
    ("kind", "sample", "model"),
    [
        (ImportKind.VACANCIES, "vacancies.csv", Vacancy),
        (ImportKind.CASELOADS, "caseloads.csv", Caseload),
        (ImportKind.ABSENCE_SPELLS, "absence_spells.csv", AbsenceSpell),
        (ImportKind.DEMAND, "demand.csv", DemandCount),
    ],
)
def test_every_sample_imports_all_its_rows(world, teams, kind, sample, model):
    content = (SAMPLES / sample).read_bytes()
    rows = len(content.decode("utf-8-sig").strip().splitlines()) - 1

    result = _import(world, kind, content, sample)

    assert result.ok, result.problems
    assert result.rows == rows == model.objects.filter(batch=result.batch).count()


def test_typed_values_of_the_other_samples(world, teams):
    for kind, sample in [
        (ImportKind.VACANCIES, "vacancies.csv"),
        (ImportKind.CASELOADS, "caseloads.csv"),
        (ImportKind.DEMAND, "demand.csv"),
    ]:
        assert _import(world, kind, (SAMPLES / sample).read_bytes()).ok

    vacancy = Vacancy.objects.get(team=teams["north"], role="Social worker", fte=2)
    assert (vacancy.fte, vacancy.on_date, vacancy.covered_by_agency) == (
        Decimal("2.000"),
        dt.date(2024, 9, 30),
        True,
    )
    assert Caseload.objects.get(person_reference="SW0101", on_date=dt.date(2024, 9, 30)).cases == 19
    referrals = DemandCount.objects.get(
        measure="referrals", period_type="month", period_start=dt.date(2024, 4, 1)
    )
    assert (referrals.count, referrals.team, referrals.team_name) == (412, None, "")


def test_an_open_absence_spell_is_counted_to_the_day_of_import(world):
    content = (
        b"person_reference,team,start_date,end_date,reason_category\n"
        b"SW0101,Assessment,2024-01-15,,stress\n"
    )

    result = _import(world, ImportKind.ABSENCE_SPELLS, content)

    spell = AbsenceSpell.objects.get()
    assert result.open_spells == 1
    assert spell.team == world.assessment
    assert spell.reason == "mental_health"
    assert spell.ends_on >= dt.date(2024, 1, 15)


def test_undo_removes_the_rows_of_that_import_only(world, teams):
    first = _import(world, ImportKind.CASELOADS, (SAMPLES / "caseloads.csv").read_bytes())
    second = _import(world, ImportKind.STAFF_IN_POST, (SAMPLES / "staff_in_post.csv").read_bytes())

    removed = undo_import(actor=world.admin, batch=first.batch)

    assert removed == 10
    assert not Caseload.objects.exists()
    assert StaffPost.objects.count() == 13
    assert list(ImportBatch.objects.all()) == [second.batch]


def test_imports_and_undo_are_audited_with_counts_only(world, teams):
    result = _import(world, ImportKind.CASELOADS, (SAMPLES / "caseloads.csv").read_bytes())
    batch_id = result.batch.pk
    undo_import(actor=world.admin, batch=result.batch)

    imported = AuditEvent.objects.get(event_type=AuditEventType.WORKFORCE_IMPORTED)
    undone = AuditEvent.objects.get(event_type=AuditEventType.WORKFORCE_IMPORT_UNDONE)
    assert imported.actor_id == world.admin.pk
    assert imported.organisation == world.riverside
    assert imported.object_id == str(batch_id)
    assert imported.data == {
        "kind": "caseloads",
        "rows": 10,
        "unmatched_teams": 1,
        "open_spells": 0,
    }
    assert undone.data == {"kind": "caseloads", "rows": 10}
    trail = json.dumps([imported.data, undone.data])
    for personal in ("SW01", "Team", "caseloads.csv"):
        assert personal not in trail


def test_an_unknown_kind_is_refused(world):
    with pytest.raises(ValueError, match="unknown import kind"):
        _import(world, "payroll", b"a,b\n1,2\n")


def _run(*args):
    out, err = StringIO(), StringIO()
    call_command("workforce", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_prints_every_problem_and_fails(world, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(BAD_STAFF)
    err = StringIO()

    with pytest.raises(CommandError, match="Nothing was imported: 2 problem"):
        call_command(
            "workforce",
            "import",
            "staff_in_post",
            str(path),
            "--organisation",
            world.riverside.slug,
            stderr=err,
        )

    printed = err.getvalue()
    assert "Line 3, column 'person_reference'" in printed
    assert "Line 4, column 'end_date'" in printed
    assert "Jane" not in printed
    assert not StaffPost.objects.exists()


def test_the_command_imports_reports_and_undoes(world, teams):
    out, _ = _run(
        "import",
        "caseloads",
        str(SAMPLES / "caseloads.csv"),
        "--organisation",
        world.riverside.slug,
        "--as",
        world.admin.email,
    )
    batch = ImportBatch.objects.get()
    assert f"Imported 10 rows of caseloads as import {batch.pk}" in out
    assert "Warning: team 'Children in Need Team'" in out
    assert batch.imported_by == world.admin

    report, _ = _run("report", "--organisation", world.riverside.slug)
    assert "Riverside: 1 import(s)" in report
    assert "caseloads.csv" in report
    assert "Latest month: October 2024" in report

    out, _ = _run("undo", str(batch.pk))
    assert "10 rows removed" in out
    assert not Caseload.objects.exists()


def test_the_command_refuses_an_unknown_organisation(world):
    with pytest.raises(CommandError, match="No organisation"):
        _run("import", "caseloads", str(SAMPLES / "caseloads.csv"), "--organisation", "nowhere")


def _page(world):
    return reverse("workforce:imports", args=[world.riverside.slug])


@pytest.mark.parametrize(
    "persona", ["staff", "analyst", "manager", "other_admin", "national_analyst"]
)
def test_the_import_page_is_for_the_organisations_administrators_only(world, persona):
    client = signed_in_client(getattr(world, persona))

    assert client.get(_page(world)).status_code == 404
    upload = SimpleUploadedFile("c.csv", (SAMPLES / "caseloads.csv").read_bytes())
    response = client.post(_page(world), {"kind": "caseloads", "file": upload})
    assert response.status_code == 404
    assert not Caseload.objects.exists()


def test_the_import_page_shows_every_problem_and_imports_nothing(world):
    client = signed_in_client(world.admin)
    upload = SimpleUploadedFile("staff.csv", BAD_STAFF, content_type="text/csv")

    response = client.post(_page(world), {"kind": "staff_in_post", "file": upload})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert 'id="problems"' in page
    assert "is not a staff reference" in page
    assert "is before start_date" in page
    assert "Jane Smith" not in page
    assert not StaffPost.objects.exists()


def test_the_import_page_imports_warns_and_lists_the_batch(world, teams):
    client = signed_in_client(world.admin)
    upload = SimpleUploadedFile("staff_in_post.csv", (SAMPLES / "staff_in_post.csv").read_bytes())

    response = client.post(_page(world), {"kind": "staff_in_post", "file": upload})

    page = response.content.decode()
    assert "Imported 13 rows" in page
    assert "Children in Need Team" in page
    assert "staff_in_post.csv" in page
    assert StaffPost.objects.count() == 13
    # The column guide is read from the schemas.
    assert "leaving_reason" in page
    assert "moved_within_council" in page


def test_the_import_page_refuses_a_missing_file(world):
    client = signed_in_client(world.admin)

    response = client.post(_page(world), {"kind": "caseloads"})
    upload = SimpleUploadedFile("c.csv", (SAMPLES / "caseloads.csv").read_bytes())
    kindless = client.post(_page(world), {"file": upload})

    assert "Choose a CSV file to import" in response.content.decode()
    assert "Choose what the file holds" in kindless.content.decode()
    assert not ImportBatch.objects.exists()


def test_undo_from_the_page_asks_then_removes(world, teams):
    result = _import(world, ImportKind.CASELOADS, (SAMPLES / "caseloads.csv").read_bytes())
    client = signed_in_client(world.admin)
    url = reverse("workforce:undo-import", args=[world.riverside.slug, result.batch.pk])

    confirm = client.get(url)
    assert "Undo this import?" in confirm.content.decode()
    assert Caseload.objects.count() == 10

    response = client.post(url, follow=True)
    assert "10 rows removed" in response.content.decode()
    assert not Caseload.objects.exists()


def test_another_organisations_administrator_cannot_undo(world, teams):
    result = _import(world, ImportKind.CASELOADS, (SAMPLES / "caseloads.csv").read_bytes())
    client = signed_in_client(world.other_admin)

    for slug in (world.riverside.slug, world.moorland.slug):
        url = reverse("workforce:undo-import", args=[slug, result.batch.pk])
        assert client.post(url).status_code == 404
    assert Caseload.objects.count() == 10


def test_the_organisation_page_links_to_the_imports(world):
    response = signed_in_client(world.admin).get(
        reverse("core:organisation", args=[world.riverside.slug])
    )

    assert _page(world) in response.content.decode()


def test_a_row_added_by_hand_is_checked_like_a_file_and_kept_on_error(world: World) -> None:
    from candour.workforce.models import Vacancy

    client = signed_in_client(world.admin)
    url = reverse("workforce:add-row", args=[world.riverside.slug, "vacancies"])
    page = client.get(url).content.decode()
    assert "Add by hand: Vacancies" in page
    refused = client.post(url, {"team": "Assessment", "role": "Social worker", "fte": "lots"})
    body = refused.content.decode()
    assert refused.status_code == 400
    assert 'value="Social worker"' in body
    assert not Vacancy.objects.exists()
    client.post(
        url,
        {"team": "Assessment", "role": "Social worker", "fte": "1", "date": "2026-10-01"},
    )
    vacancy = Vacancy.objects.get()
    assert (vacancy.team, str(vacancy.fte)) == (world.assessment, "1.000")
    staff = signed_in_client(world.staff)
    assert staff.get(url).status_code == 404


@pytest.mark.parametrize(
    ("kind", "sample", "model"),
    [
        (ImportKind.STAFF_IN_POST, "staff_in_post.csv", StaffPost),
        (ImportKind.CASELOADS, "caseloads.csv", Caseload),
        (ImportKind.ABSENCE_SPELLS, "absence_spells.csv", AbsenceSpell),
        (ImportKind.DEMAND, "demand.csv", DemandCount),
    ],
)
def test_the_same_file_imported_twice_is_refused_naming_every_line(
    world, teams, kind, sample, model
):
    content = (SAMPLES / sample).read_bytes()
    first = _import(world, kind, content)
    rows = model.objects.count()

    again = _import(world, kind, content)

    assert not again.ok
    assert model.objects.count() == rows
    assert ImportBatch.objects.count() == 1
    assert [p.line for p in again.problems] == list(range(2, rows + 2))
    assert f"already imported (import {first.batch.pk})" in again.problems[0].reason
    # Another organisation may import the same file.
    assert _import_for(world.moorland, world.admin, kind, content).ok


def test_a_demand_count_for_a_period_already_imported_is_refused_even_if_changed(world):
    first = b"period_start,period_type,measure,count,team\n2025-01-01,month,referrals,10,\n"
    changed = b"period_start,period_type,measure,count,team\n2025-01-01,month,referrals,12,\n"
    assert _import(world, ImportKind.DEMAND, first).ok

    result = _import(world, ImportKind.DEMAND, changed)

    assert [str(p) for p in result.problems] == [
        f"Line 2: repeats a period and measure already imported (import "
        f"{ImportBatch.objects.get().pk}): undo that import first to replace it"
    ]


def _import_for(organisation, actor, kind, content):
    return import_file(
        actor=None, organisation=organisation, kind=kind, filename="f.csv", content=content
    )


def test_the_command_draws_a_progress_bar_for_a_large_file(world, tmp_path):
    lines = ["period_start,period_type,measure,count,team"]
    lines += [
        f"{dt.date(2000, 1, 3) + dt.timedelta(weeks=n)},week,referrals,{n % 50},"
        for n in range(2100)
    ]
    path = tmp_path / "demand.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    out, err = _run("import", "demand", str(path), "--organisation", world.riverside.slug)

    assert "Imported 2100 rows of demand" in out
    assert "Checking rows [" in err
    assert "2,100/2,100 100.0%" in err
    assert "Checking rows" not in out


def test_the_command_draws_no_bar_for_a_small_file(world):
    _out, err = _run(
        "import", "demand", str(SAMPLES / "demand.csv"), "--organisation", world.riverside.slug
    )
    assert "Checking rows" not in err
