"""Hash chain over audit rows: canonical payloads, keyed hashes and verification.

Each row's hash is HMAC-SHA256(audit key, previous hash + canonical payload). The key
lives outside the database, so someone who can write to the database alone cannot
recompute a consistent chain after editing it (ADR 0002).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class ChainRow:
    sequence: int
    occurred_at: datetime
    event_type: str
    actor_id: int | None
    organisation_id: int | None
    object_type: str
    object_id: str
    data: dict[str, Any]
    prev_hash: str
    hash: str


def canonical_payload(
    *,
    sequence: int,
    occurred_at: datetime,
    event_type: str,
    actor_id: int | None,
    organisation_id: int | None,
    object_type: str,
    object_id: str,
    data: dict[str, Any],
) -> bytes:
    """Serialise the hashed fields the same way on every database and platform."""
    payload = {
        "sequence": sequence,
        "occurred_at": occurred_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "event_type": event_type,
        "actor_id": actor_id,
        "organisation_id": organisation_id,
        "object_type": object_type,
        "object_id": object_id,
        "data": data,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def link_hash(key: bytes, prev_hash: str, payload: bytes) -> str:
    return hmac.new(key, prev_hash.encode() + b"\n" + payload, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class BrokenLink:
    sequence: int
    reason: str


@dataclass(frozen=True)
class VerificationResult:
    checked: int
    head_sequence: int
    head_hash: str
    broken: BrokenLink | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify_rows(
    rows: Iterable[ChainRow],
    key: bytes,
    *,
    on_progress: Callable[[int], None] | None = None,
) -> VerificationResult:
    """Walk rows in sequence order and stop at the first link that does not hold."""
    expected_sequence = 1
    prev_hash = GENESIS_HASH
    checked = 0
    for row in rows:
        if row.sequence != expected_sequence:
            reason = (
                f"sequence gap: expected {expected_sequence}, found {row.sequence} "
                "(rows deleted or inserted out of order)"
            )
            return VerificationResult(
                checked, expected_sequence - 1, prev_hash, BrokenLink(expected_sequence, reason)
            )
        if row.prev_hash != prev_hash:
            return VerificationResult(
                checked,
                expected_sequence - 1,
                prev_hash,
                BrokenLink(row.sequence, "previous-hash link does not match the row before it"),
            )
        payload = canonical_payload(
            sequence=row.sequence,
            occurred_at=row.occurred_at,
            event_type=row.event_type,
            actor_id=row.actor_id,
            organisation_id=row.organisation_id,
            object_type=row.object_type,
            object_id=row.object_id,
            data=row.data,
        )
        if not hmac.compare_digest(link_hash(key, prev_hash, payload), row.hash):
            return VerificationResult(
                checked,
                expected_sequence - 1,
                prev_hash,
                BrokenLink(row.sequence, "contents do not match the row's hash (row edited)"),
            )
        prev_hash = row.hash
        expected_sequence += 1
        checked += 1
        if on_progress is not None:
            on_progress(checked)
    return VerificationResult(checked, expected_sequence - 1, prev_hash, None)
