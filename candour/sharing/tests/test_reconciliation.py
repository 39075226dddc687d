"""The local authority's daily full file (issue 21, ADR 0025): added, changed, ended and
refused, each listed, in one transaction; a malformed file changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from candour.api.tests.support import caller_for
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.sharing import services
from candour.sharing.models import ChildFlag, SupersededNumber
from candour.sharing.reconciliation.services import reconcile_flags
from candour.sharing.tests.support import NUMBERS, flag, unborn_flag
from conftest import signed_in_client
from tests.clock import A_THURSDAY

pytestmark = pytest.mark.time_machine(A_THURSDAY, tick=False)

HEADER = (
    "nhs_number,plan_type,start_date,end_date,team_name,team_phone,team_email,"
    "out_of_hours_phone,expected_due_date,previous_nhs_number\n"
)


def row(number, plan="cpp", start="2026-10-13", end="", team="Assessment", phone="01632 960000",
        ooh="", due="", previous=""):  # fmt: skip
    email = "cp.team@riverside.example"
    return f"{number},{plan},{start},{end},{team},{phone},{email},{ooh},{due},{previous}\n"


def reconcile(world, text):
    return reconcile_flags(actor=world.manager, organisation=world.riverside, data=HEADER + text)


def test_a_first_file_adds_every_plan(world):
    result = reconcile(world, row(NUMBERS[0]) + row(NUMBERS[1], plan="lac"))

    assert result.ok
    assert [(o.line, o.detail) for o in result.added] == [
        (2, "Child protection plan"),
        (3, "Looked after child"),
    ]
    assert (result.changed, result.ended, result.refused) == ((), (), ())
    assert ChildFlag.objects.filter(organisation=world.riverside).count() == 2


def test_the_next_days_file_changes_ends_and_keeps(world):
    reconcile(world, row(NUMBERS[0]) + row(NUMBERS[1], plan="lac") + row(NUMBERS[2]))
    kept = ChildFlag.objects.get(nhs_number=NUMBERS[0])
    moved_team = ChildFlag.objects.get(nhs_number=NUMBERS[1])
    dropped = ChildFlag.objects.get(nhs_number=NUMBERS[2])

    result = reconcile(
        world,
        row(NUMBERS[0])
        + row(NUMBERS[1], plan="lac", team="Children in care", ooh="01632 960999")
        + row(NUMBERS[5], end="2026-11-01", start="2026-01-05"),
    )

    assert result.unchanged == 1
    assert [(o.line, o.reference, o.detail) for o in result.changed] == [
        (3, moved_team.reference, "team_name, out_of_hours_phone")
    ]
    assert [(o.line, o.reference) for o in result.ended] == [(None, dropped.reference)]
    assert [o.line for o in result.added] == [4]
    dropped.refresh_from_db()
    assert dropped.end_date == timezone.localdate() - dt.timedelta(days=1)
    assert not dropped.is_current(timezone.localdate())
    kept.refresh_from_db()
    assert kept.end_date is None
    # A file sent twice changes nothing the second time.
    again = reconcile(
        world,
        row(NUMBERS[0])
        + row(NUMBERS[1], plan="lac", team="Children in care", ooh="01632 960999")
        + row(NUMBERS[5], end="2026-11-01", start="2026-01-05"),
    )
    assert (again.added, again.changed, again.ended, again.unchanged) == ((), (), (), 3)


def test_an_end_date_in_the_file_ends_the_plan(world):
    reconcile(world, row(NUMBERS[0]))

    result = reconcile(world, row(NUMBERS[0], end="2026-11-10"))

    assert [o.detail for o in result.ended] == ["end_date"]
    assert ChildFlag.objects.get().end_date == dt.date(2026, 11, 10)


def test_a_superseded_number_moves_the_flag_and_still_finds_it(world, hospital):
    reconcile(world, row(NUMBERS[0]))
    original = ChildFlag.objects.get()

    result = reconcile(world, row(NUMBERS[1], previous=NUMBERS[0]))

    assert [(o.reference, o.detail) for o in result.changed] == [(original.reference, "nhs_number")]
    assert ChildFlag.objects.get().nhs_number == NUMBERS[1]
    assert list(SupersededNumber.objects.values_list("nhs_number", flat=True)) == [NUMBERS[0]]
    by_old = services.look_up(
        setting=hospital.setting, nhs=NUMBERS[0], reason="attending_now", user=hospital.nurse
    )
    assert by_old.found
    assert by_old.superseded_number
    by_new = services.look_up(
        setting=hospital.setting, nhs=NUMBERS[1], reason="attending_now", user=hospital.nurse
    )
    assert (by_new.found, by_new.superseded_number) == (True, False)
    # The old number in a later file is refused, not added as a second child.
    later = reconcile(world, row(NUMBERS[1]) + row(NUMBERS[0], plan="lac"))
    assert [o.line for o in later.refused] == [3]
    assert "superseded" in later.refused[0].detail
    assert ChildFlag.objects.count() == 1


def test_rows_that_cannot_be_applied_are_refused_and_the_rest_applied(world):
    unborn = unborn_flag(world)
    services.record_birth(
        actor=world.manager, flag=unborn, baby_nhs_number=NUMBERS[4], born_on=timezone.localdate()
    )
    unborn.refresh_from_db()

    result = reconcile(
        world,
        row(NUMBERS[3], plan="ucpp", start=unborn.start_date.isoformat(),
            due=str(unborn.expected_due_date))
        + row(NUMBERS[6], plan="ucpp", due="2026-08-01")
        + row(NUMBERS[4], start=timezone.localdate().isoformat(), ooh="01632 960999"),
    )  # fmt: skip

    assert [o.line for o in result.refused] == [2, 3]
    assert "moved to the baby" in result.refused[0].detail
    assert "due date passed" in result.refused[1].detail
    # The baby's plan is matched, not added again; only the email the file adds changes.
    assert [(o.line, o.detail) for o in result.changed] == [(4, "team_email")]
    assert result.added == ()
    assert not ChildFlag.objects.filter(nhs_number=NUMBERS[6]).exists()


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (row(NUMBERS[0]) + row("9990000019"), 3, "last digit does not match"),
        (row(NUMBERS[0]) + row(NUMBERS[1], plan="ucpp"), 3, "needed for an unborn plan"),
        (row(NUMBERS[0]) + row(NUMBERS[1], end="2026-01-01"), 3, "is before start_date"),
        (row(NUMBERS[0]) + row(NUMBERS[0]), 3, "repeats the child and plan on line 2"),
        (row(NUMBERS[0]) + row(NUMBERS[1], phone="ring us"), 3, "is not a phone number"),
    ],
)
def test_a_malformed_file_changes_nothing_and_names_the_bad_row(world, text, line, reason):
    flag(world, NUMBERS[7])

    result = reconcile(world, text)

    assert not result.ok
    assert any(p.line == line and reason in p.reason for p in result.problems), result.problems
    assert list(ChildFlag.objects.values_list("nhs_number", "end_date")) == [(NUMBERS[7], None)]
    assert all(NUMBERS[0] not in str(p) and "9990000019" not in str(p) for p in result.problems)
    assert not AuditEvent.objects.filter(
        event_type=AuditEventType.SHARING_FLAGS_RECONCILED
    ).exists()


def test_the_reconciliation_is_audited_without_nhs_numbers(world):
    reconcile(world, row(NUMBERS[0]) + row(NUMBERS[1], plan="lac"))

    event = AuditEvent.objects.get(event_type=AuditEventType.SHARING_FLAGS_RECONCILED)
    assert event.data["rows"] == 2
    assert len(event.data["added"]) == 2
    assert NUMBERS[0] not in str(event.data)


def test_the_page_lists_what_happened(world):
    client = signed_in_client(world.manager)
    reconcile(world, row(NUMBERS[2]))
    upload = SimpleUploadedFile("daily.csv", (HEADER + row(NUMBERS[0])).encode(), "text/csv")

    page = client.post("/sharing/flags/reconcile/", {"file": upload}).content.decode()

    assert "1 added, 0 changed, 1 ended, 0 refused, 0 unchanged" in page
    assert "no longer in the file" in page
    bad = SimpleUploadedFile("daily.csv", (HEADER + row("9990000019")).encode(), "text/csv")
    response = client.post("/sharing/flags/reconcile/", {"file": bad})
    assert response.status_code == 400
    assert "Nothing was changed" in response.content.decode()
    assert "Line 2" in response.content.decode()


def test_other_people_cannot_reconcile(world):
    assert signed_in_client(world.staff).get("/sharing/flags/reconcile/").status_code == 404


def test_a_case_system_sends_the_file_to_the_api(world):
    caller = caller_for(world.manager)

    response = caller.client.post(
        "/api/v1/sharing/flags/reconcile",
        HEADER + row(NUMBERS[0]),
        content_type="text/csv",
        headers=caller.headers,
    )
    bad = caller.client.post(
        "/api/v1/sharing/flags/reconcile",
        HEADER + row(NUMBERS[1]) + row("9990000019"),
        content_type="text/csv",
        headers=caller.headers,
    )

    assert response.status_code == 200
    assert [o["line"] for o in response.json()["added"]] == [2]
    assert bad.status_code == 422
    assert "Line 3" in bad.json()["detail"]
    assert "9990000019" not in bad.content.decode()
    assert ChildFlag.objects.count() == 1


def test_an_empty_file_ends_nothing(world):
    """A full file with no plans would end every flag: far likelier a broken export."""
    kept = flag(world, NUMBERS[7])

    result = reconcile(world, "")

    assert not result.ok
    assert "no rows of data" in str(result.problems[0])
    kept.refresh_from_db()
    assert kept.end_date is None
