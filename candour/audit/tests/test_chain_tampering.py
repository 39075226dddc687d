"""Tamper with the audit table directly, as an attacker with database access would,
and show that verification names the first broken link each time."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.audit.recorder import record
from candour.audit.verification import verify_audit_chain

pytestmark = pytest.mark.django_db


def _append(count: int) -> None:
    for index in range(count):
        with transaction.atomic():
            record(AuditEventType.TEAM_CREATED, actor_id=index + 1, data={"n": index})


def _drop_triggers() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute("DROP TRIGGER audit_event_no_delete")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update_delete ON audit_auditevent")


def _sql(statement: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def _broken_sequence() -> int | None:
    result = verify_audit_chain()
    return result.broken.sequence if result.broken else None


def test_an_untouched_chain_verifies() -> None:
    _append(5)
    result = verify_audit_chain()
    assert result.ok
    assert result.checked == 5
    assert result.head_sequence == 5


def test_the_database_refuses_update_and_delete() -> None:
    _append(2)
    for statement in (
        "UPDATE audit_auditevent SET event_type = 'x' WHERE sequence = 1",
        "DELETE FROM audit_auditevent WHERE sequence = 2",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            _sql(statement)
    assert AuditEvent.objects.count() == 2
    assert AuditEvent.objects.get(sequence=1).event_type == AuditEventType.TEAM_CREATED


def test_the_database_refuses_emptying_the_table() -> None:
    _append(2)
    statement = (
        "TRUNCATE audit_auditevent"
        if connection.vendor == "postgresql"
        else "DELETE FROM audit_auditevent"
    )
    if connection.vendor == "postgresql":
        # Otherwise PostgreSQL refuses first because of this test's own pending FK checks.
        _sql("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _sql(statement)
    assert AuditEvent.objects.count() == 2


def test_the_orm_refuses_update_and_delete() -> None:
    _append(1)
    event = AuditEvent.objects.get()
    with pytest.raises(RuntimeError, match="append-only"):
        event.save()
    with pytest.raises(RuntimeError, match="append-only"):
        event.delete()


def test_an_edited_row_is_named() -> None:
    _append(6)
    _drop_triggers()
    _sql("UPDATE audit_auditevent SET actor_id = 999 WHERE sequence = 4")
    result = verify_audit_chain()
    assert result.broken is not None
    assert result.broken.sequence == 4
    assert "edited" in result.broken.reason
    assert result.checked == 3


def test_an_edited_row_with_a_recomputed_plain_hash_is_still_caught() -> None:
    # An attacker without the audit key cannot forge the keyed hash.
    import hashlib

    _append(3)
    _drop_triggers()
    forged = hashlib.sha256(b"anything").hexdigest()
    _sql("UPDATE audit_auditevent SET data = '{}', hash = %s WHERE sequence = 3", [forged])
    assert _broken_sequence() == 3


def test_a_deleted_row_is_named() -> None:
    _append(6)
    _drop_triggers()
    _sql("DELETE FROM audit_auditevent WHERE sequence = 3")
    result = verify_audit_chain()
    assert result.broken is not None
    assert result.broken.sequence == 3
    assert "gap" in result.broken.reason


def test_an_inserted_row_is_named() -> None:
    _append(4)
    last = AuditEvent.objects.order_by("-sequence").first()
    assert last is not None
    _sql(
        "INSERT INTO audit_auditevent (sequence, occurred_at, event_type, actor_id, "
        "organisation_id, object_type, object_id, data, prev_hash, hash) "
        "VALUES (5, %s, 'sign_in.succeeded', 7, NULL, '', '', '{}', %s, %s)",
        [last.occurred_at, last.hash, "f" * 64],
    )
    assert _broken_sequence() == 5


def test_an_inserted_row_in_the_middle_is_named() -> None:
    _append(4)
    _drop_triggers()
    # Make room by renumbering the tail, then slip a row in at 3.
    _sql("UPDATE audit_auditevent SET sequence = sequence + 100 WHERE sequence >= 3")
    _sql("UPDATE audit_auditevent SET sequence = sequence - 99 WHERE sequence >= 100")
    second = AuditEvent.objects.get(sequence=2)
    _sql(
        "INSERT INTO audit_auditevent (sequence, occurred_at, event_type, actor_id, "
        "organisation_id, object_type, object_id, data, prev_hash, hash) "
        "VALUES (3, %s, 'sign_in.succeeded', 7, NULL, '', '', '{}', %s, %s)",
        [second.occurred_at, second.hash, "e" * 64],
    )
    assert _broken_sequence() == 3


def test_reordered_rows_are_named() -> None:
    _append(5)
    _drop_triggers()
    _sql("UPDATE audit_auditevent SET sequence = 1000 WHERE sequence = 2")
    _sql("UPDATE audit_auditevent SET sequence = 2 WHERE sequence = 4")
    _sql("UPDATE audit_auditevent SET sequence = 4 WHERE sequence = 1000")
    assert _broken_sequence() == 2


def test_the_command_reports_ok_with_progress() -> None:
    _append(3)
    out, err = io.StringIO(), io.StringIO()
    call_command("verify_audit", stdout=out, stderr=err)
    assert "Audit trail OK: 3 events verified" in out.getvalue()
    assert "Verifying audit trail" in err.getvalue()
    assert "3/3" in err.getvalue()


def test_the_command_names_the_broken_link() -> None:
    _append(5)
    _drop_triggers()
    _sql("UPDATE audit_auditevent SET object_id = '42' WHERE sequence = 2")
    with pytest.raises(CommandError, match="BROKEN at sequence 2"):
        call_command("verify_audit", "--no-progress", stdout=io.StringIO())


def test_the_command_detects_a_truncated_tail_against_a_recorded_head() -> None:
    _append(5)
    head = AuditEvent.objects.get(sequence=5).hash
    _drop_triggers()
    _sql("DELETE FROM audit_auditevent WHERE sequence >= 4")
    # The chain that remains is internally consistent ...
    assert verify_audit_chain().ok
    # ... but not against the head an operator wrote down earlier.
    with pytest.raises(CommandError, match="BROKEN at sequence 4"):
        call_command(
            "verify_audit", "--no-progress", f"--expect-head=5:{head}", stdout=io.StringIO()
        )
