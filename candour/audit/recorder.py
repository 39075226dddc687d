"""The only writer of audit rows. Call it inside the service function's transaction."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from candour.audit.chain import GENESIS_HASH, canonical_payload, link_hash
from candour.audit.events import DAY_ONLY_EVENTS, AuditEventType
from candour.audit.models import AuditEvent

if TYPE_CHECKING:
    from candour.core.models import Organisation

# Values must look like codes, not prose: this keeps narrative, names and contact
# details out of the trail by construction (no spaces, no "@").
_CODE_VALUE = re.compile(r"^[A-Za-z0-9_.:/-]{0,64}$")
_ADVISORY_LOCK_KEY = 0x43414E44  # "CAND": serialises appends on PostgreSQL
_BATCH = 1000


class AuditDataError(ValueError):
    """Audit data held something that is not a short code, number or flag."""


def _check_data(data: dict[str, Any]) -> dict[str, Any]:
    for key, value in data.items():
        if not _CODE_VALUE.match(key):
            raise AuditDataError(f"audit data key {key!r} is not a code")
        if value is None or isinstance(value, bool | int):
            continue
        if isinstance(value, str) and _CODE_VALUE.match(value):
            continue
        if isinstance(value, list) and all(
            isinstance(item, int) or (isinstance(item, str) and _CODE_VALUE.match(item))
            for item in value
        ):
            continue
        raise AuditDataError(f"audit data {key!r} must be a code, number or flag")
    return data


def audit_key() -> bytes:
    return settings.CANDOUR_AUDIT_KEY.encode()


@dataclass(frozen=True, slots=True)
class NewEvent:
    """One event for ``record_many``: what ``record`` takes, with ids instead of objects.

    ``occurred_at`` is for loading history in bulk (load generation); service functions
    leave it unset, and the event is stamped now.
    """

    event_type: AuditEventType
    actor_id: int | None
    organisation_id: int | None = None
    object_type: str = ""
    object_id: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    occurred_at: datetime | None = None


# The columns of a chain row, in the order ``_linked`` yields them (model field names).
COLUMNS = (
    "sequence",
    "occurred_at",
    "event_type",
    "actor_id",
    "organisation",
    "object_type",
    "object_id",
    "data",
    "prev_hash",
    "hash",
)

# Writes rows (tuples in the order of COLUMNS) and returns how many it wrote.
RowWriter = Callable[[Sequence[str], Iterable[tuple[Any, ...]]], int]


def _head() -> tuple[int, str]:
    """Lock the chain for this transaction and read its last link."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record must be called inside the service's transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
    last = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    return (last[0], last[1]) if last else (0, GENESIS_HASH)


def _linked(events: Iterable[NewEvent], sequence: int, prev_hash: str) -> Iterator[tuple[Any, ...]]:
    """Number, stamp and hash each event onto the chain after (sequence, prev_hash)."""
    key = audit_key()
    for event in events:
        sequence += 1
        clean_data = _check_data(dict(event.data))
        occurred_at = event.occurred_at or timezone.now()
        if event.event_type in DAY_ONLY_EVENTS:
            occurred_at = occurred_at.replace(hour=0, minute=0, second=0, microsecond=0)
        payload = canonical_payload(
            sequence=sequence,
            occurred_at=occurred_at,
            event_type=event.event_type.value,
            actor_id=event.actor_id,
            organisation_id=event.organisation_id,
            object_type=event.object_type,
            object_id=event.object_id,
            data=clean_data,
        )
        digest = link_hash(key, prev_hash, payload)
        yield (
            sequence,
            occurred_at,
            event.event_type.value,
            event.actor_id,
            event.organisation_id,
            event.object_type,
            event.object_id,
            clean_data,
            prev_hash,
            digest,
        )
        prev_hash = digest


def record(
    event_type: AuditEventType,
    *,
    actor_id: int | None,
    organisation: Organisation | None = None,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain; must run inside the caller's transaction."""
    event = NewEvent(
        event_type=event_type,
        actor_id=actor_id,
        organisation_id=organisation.pk if organisation is not None else None,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        data=dict(data or {}),
    )
    (row,) = _linked([event], *_head())
    return AuditEvent.objects.create(**_attributes(row))


def record_many(events: Iterable[NewEvent], *, write: RowWriter | None = None) -> int:
    """Append many events in order, chained exactly as ``record`` chains one.

    Must run inside the caller's transaction. ``write`` receives the column names and a
    lazy stream of rows (for example a COPY writer for tens of millions of rows); by
    default rows are inserted in batches. The chain's head is read before ``write`` is
    called, so a writer may hold the connection (COPY) while it consumes the rows.
    """
    rows = _linked(events, *_head())
    if write is not None:
        return write(COLUMNS, rows)
    written = 0
    while batch := list(islice(rows, _BATCH)):
        AuditEvent.objects.bulk_create([AuditEvent(**_attributes(row)) for row in batch])
        written += len(batch)
    return written


def _attributes(row: tuple[Any, ...]) -> dict[str, Any]:
    names = [("organisation_id" if name == "organisation" else name) for name in COLUMNS]
    return dict(zip(names, row, strict=True))
