"""The only writer of audit rows. Call it inside the service function's transaction."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from candour.audit.chain import GENESIS_HASH, canonical_payload, link_hash
from candour.audit.events import REPORTER_EVENTS, AuditEventType
from candour.audit.models import AuditEvent

if TYPE_CHECKING:
    from candour.core.models import Organisation

# Values must look like codes, not prose: this keeps narrative, names and contact
# details out of the trail by construction (no spaces, no "@").
_CODE_VALUE = re.compile(r"^[A-Za-z0-9_.:/-]{0,64}$")
_ADVISORY_LOCK_KEY = 0x43414E44  # "CAND": serialises appends on PostgreSQL


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


def record(
    event_type: AuditEventType,
    *,
    actor_id: int | None,
    organisation: Organisation | None = None,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain; must run inside the caller's transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record must be called inside the service's transaction")
    clean_data = _check_data(dict(data or {}))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
    last = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    sequence, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    occurred_at = timezone.now()
    if event_type in REPORTER_EVENTS:
        occurred_at = occurred_at.replace(hour=0, minute=0, second=0, microsecond=0)
    object_type = target._meta.label_lower if target is not None else ""
    object_id = str(target.pk) if target is not None else ""
    organisation_id = organisation.pk if organisation is not None else None
    payload = canonical_payload(
        sequence=sequence,
        occurred_at=occurred_at,
        event_type=event_type.value,
        actor_id=actor_id,
        organisation_id=organisation_id,
        object_type=object_type,
        object_id=object_id,
        data=clean_data,
    )
    return AuditEvent.objects.create(
        sequence=sequence,
        occurred_at=occurred_at,
        event_type=event_type.value,
        actor_id=actor_id,
        organisation_id=organisation_id,
        object_type=object_type,
        object_id=object_id,
        data=clean_data,
        prev_hash=prev_hash,
        hash=link_hash(audit_key(), prev_hash, payload),
    )
