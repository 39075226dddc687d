from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import transaction

from candour.audit.chain import GENESIS_HASH
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.audit.recorder import COLUMNS, AuditDataError, NewEvent, record, record_many
from candour.audit.verification import verify_audit_chain

pytestmark = pytest.mark.django_db


def test_events_link_to_the_one_before() -> None:
    with transaction.atomic():
        first = record(AuditEventType.TEAM_CREATED, actor_id=1)
        second = record(AuditEventType.TEAM_CREATED, actor_id=2, data={"role": "analyst"})
    assert first.sequence == 1
    assert first.prev_hash == GENESIS_HASH
    assert second.sequence == 2
    assert second.prev_hash == first.hash
    assert first.hash != second.hash
    assert len(second.hash) == 64


def test_recording_outside_a_transaction_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test itself runs in a transaction; pretend it does not, to prove the guard.
    from django.db import connections

    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        record(AuditEventType.TEAM_CREATED, actor_id=None)
    monkeypatch.undo()
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {"note": "The child's mother said she was scared"},
        {"email": "someone@example.org"},
        {"name": "Jane Smith"},
        {"nested": {"a": 1}},
        {"bad key": 1},
    ],
)
def test_prose_names_and_contact_details_cannot_enter_the_trail(data: dict[str, object]) -> None:
    with pytest.raises(AuditDataError), transaction.atomic():
        record(AuditEventType.TEAM_CREATED, actor_id=None, data=data)
    assert AuditEvent.objects.count() == 0


def test_codes_numbers_flags_and_lists_of_codes_are_accepted() -> None:
    with transaction.atomic():
        event = record(
            AuditEventType.MEMBERSHIP_GRANTED,
            actor_id=3,
            data={"role": "org_admin", "team": None, "ok": True, "ids": [1, 2], "at": "2026-11"},
        )
    event.refresh_from_db()
    assert event.data == {
        "role": "org_admin",
        "team": None,
        "ok": True,
        "ids": [1, 2],
        "at": "2026-11",
    }


def test_a_batch_chains_on_from_single_records_and_the_chain_verifies() -> None:
    at = datetime(2025, 3, 4, 15, 30, tzinfo=UTC)
    with transaction.atomic():
        first = record(AuditEventType.TEAM_CREATED, actor_id=1)
        written = record_many(
            [
                NewEvent(AuditEventType.IDEA_SUBMITTED, actor_id=2, data={"n": 1}),
                NewEvent(AuditEventType.REPORT_SUBMITTED, actor_id=None, occurred_at=at),
            ]
        )
        last = record(AuditEventType.TEAM_CREATED, actor_id=3)
    assert written == 2
    batch = list(AuditEvent.objects.filter(sequence__in=[2, 3]).order_by("sequence"))
    assert batch[0].prev_hash == first.hash
    assert last.prev_hash == batch[1].hash
    assert last.sequence == 4
    # A reporter's event keeps only the day, in a batch as in a single record (ADR 0005).
    assert batch[1].occurred_at == datetime(2025, 3, 4, tzinfo=UTC)
    result = verify_audit_chain()
    assert result.ok
    assert result.checked == 4


def test_a_batch_goes_through_the_same_guards_as_a_single_record(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    prose = NewEvent(AuditEventType.TEAM_CREATED, actor_id=1, data={"note": "Jane Smith said"})
    with pytest.raises(AuditDataError), transaction.atomic():
        record_many([NewEvent(AuditEventType.TEAM_CREATED, actor_id=1), prose])
    assert AuditEvent.objects.count() == 0

    from django.db import connections

    monkeypatch.setattr(connections["default"], "in_atomic_block", False)
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        record_many([NewEvent(AuditEventType.TEAM_CREATED, actor_id=1)])
    monkeypatch.undo()
    assert AuditEvent.objects.count() == 0


def test_a_batch_writer_receives_the_columns_and_rows_already_linked() -> None:
    seen: list[tuple[Any, ...]] = []

    def write(names: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> int:
        assert tuple(names) == COLUMNS
        for row in rows:
            seen.append(row)
            values = dict(zip(names, row, strict=True))
            values["organisation_id"] = values.pop("organisation")
            AuditEvent.objects.create(**values)
        return len(seen)

    with transaction.atomic():
        head = record(AuditEventType.TEAM_CREATED, actor_id=1)
        count = record_many(
            (NewEvent(AuditEventType.TEAM_CREATED, actor_id=n) for n in range(3)), write=write
        )
    assert count == 3
    assert [row[0] for row in seen] == [2, 3, 4]
    assert seen[0][-2] == head.hash
    assert seen[1][-2] == seen[0][-1]

    assert verify_audit_chain().ok
