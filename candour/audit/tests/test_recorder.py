from __future__ import annotations

import pytest
from django.db import transaction

from candour.audit.chain import GENESIS_HASH
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.audit.recorder import AuditDataError, record

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
