"""`candour sharing reconcile FILE --organisation SLUG --as EMAIL [--dry-run]`: the daily
full file run by a scheduler (issue 21, ADR 0025), through the page's own service."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.sharing.models import ChildFlag
from candour.sharing.tests.support import NUMBERS
from tests.clock import A_THURSDAY

pytestmark = pytest.mark.time_machine(A_THURSDAY, tick=False)

HEADER = "nhs_number,plan_type,start_date,team_name,team_phone\n"


def run(world, tmp_path, text: str, *extra: str, actor: str | None = None) -> tuple[str, str]:
    path = tmp_path / "daily.csv"
    path.write_text(HEADER + text)
    out, err = StringIO(), StringIO()
    call_command(
        "sharing",
        "reconcile",
        str(path),
        "--organisation",
        world.riverside.slug,
        "--as",
        actor or world.manager.email,
        *extra,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def test_the_command_reconciles_and_lists_each_change(world, tmp_path):
    out, _err = run(world, tmp_path, f"{NUMBERS[0]},cpp,2026-10-01,Assessment,01632 960000\n")

    flag = ChildFlag.objects.get()
    assert f"added: line 2 {flag.reference} Child protection plan" in out
    assert "1 added, 0 changed, 0 ended, 0 refused, 0 unchanged" in out
    assert NUMBERS[0] not in out
    assert AuditEvent.objects.filter(event_type=AuditEventType.SHARING_FLAGS_RECONCILED).exists()


def test_a_dry_run_changes_nothing_and_leaves_no_audit(world, tmp_path):
    out, _err = run(
        world, tmp_path, f"{NUMBERS[0]},cpp,2026-10-01,Assessment,01632 960000\n", "--dry-run"
    )

    assert "dry run, nothing changed: 1 added" in out
    assert not ChildFlag.objects.exists()
    assert not AuditEvent.objects.filter(
        event_type=AuditEventType.SHARING_FLAGS_RECONCILED
    ).exists()


def test_a_malformed_file_fails_names_the_line_and_changes_nothing(world, tmp_path):
    with pytest.raises(CommandError, match="1 problem"):
        run(
            world,
            tmp_path,
            f"{NUMBERS[0]},cpp,2026-10-01,Assessment,01632 960000\n"
            "9990000019,cpp,2026-10-01,Assessment,01632 960000\n",
        )
    assert not ChildFlag.objects.exists()


def test_the_problem_lines_never_repeat_the_number(world, tmp_path, capsys):
    path = tmp_path / "daily.csv"
    path.write_text(HEADER + "9990000019,cpp,2026-10-01,Assessment,01632 960000\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "sharing", "reconcile", str(path), "--organisation", world.riverside.slug,
            "--as", world.manager.email, stderr=err,
        )  # fmt: skip
    assert "line 3" not in err.getvalue()
    assert "line 2, nhs_number" in err.getvalue()
    assert "9990000019" not in err.getvalue()


def test_someone_who_does_not_keep_the_flags_is_refused(world, tmp_path):
    with pytest.raises(CommandError, match="does not keep"):
        run(
            world,
            tmp_path,
            f"{NUMBERS[0]},cpp,2026-10-01,Assessment,01632 960000\n",
            actor=world.staff.email,
        )
    assert not ChildFlag.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["reconcile"], "needs FILE"),
        (["reconcile", "/no/such.csv", "--organisation", "x", "--as", "y"], "no such file"),
    ],
)
def test_missing_arguments_are_clear(world, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("sharing", *args)
