"""Read the audit table in sequence order and verify its chain."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from candour.audit.chain import ChainRow, VerificationResult, verify_rows
from candour.audit.models import AuditEvent
from candour.audit.recorder import audit_key

_FIELDS = (
    "sequence",
    "occurred_at",
    "event_type",
    "actor_id",
    "organisation_id",
    "object_type",
    "object_id",
    "data",
    "prev_hash",
    "hash",
)


def _rows(chunk_size: int) -> Iterator[ChainRow]:
    # Keyset pagination keeps memory flat and each query fast on tens of millions of rows.
    after = 0
    while True:
        batch = list(
            AuditEvent.objects.filter(sequence__gt=after)
            .order_by("sequence")
            .values_list(*_FIELDS)[:chunk_size]
        )
        if not batch:
            return
        for values in batch:
            yield ChainRow(*values)
        after = batch[-1][0]


def count_events() -> int:
    return AuditEvent.objects.count()


def verify_audit_chain(
    *, on_progress: Callable[[int], None] | None = None, chunk_size: int = 5000
) -> VerificationResult:
    """Verify the whole chain from the first event; stops at the first broken link."""
    return verify_rows(_rows(chunk_size), audit_key(), on_progress=on_progress)
