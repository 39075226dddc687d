"""Create, use and destroy per-record data keys."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation
from candour.keys import envelope
from candour.keys.models import DataKey


class KeyDestroyedError(Exception):
    """The data key was destroyed: what it protected is gone for good."""


def _kek() -> bytes:
    return envelope.derive_kek(settings.CANDOUR_KEY_ENCRYPTION_KEY)


def _context(key: DataKey) -> str:
    return f"{key.purpose}:{key.pk}"


def create_data_key(*, purpose: str) -> DataKey:
    """Make a fresh data key for one record; it is stored only in wrapped form."""
    kek = _kek()
    key = DataKey.objects.create(purpose=purpose, kek_id=envelope.kek_fingerprint(kek))
    key.wrapped = envelope.wrap_key(kek, envelope.new_data_key(), context=_context(key))
    key.save(update_fields=["wrapped"])
    return key


def _plain_key(key: DataKey) -> bytes:
    if key.wrapped is None:
        raise KeyDestroyedError(f"data key {key.pk} was destroyed")
    return envelope.unwrap_key(_kek(), bytes(key.wrapped), context=_context(key))


def seal(key: DataKey, plaintext: str, *, field: str) -> bytes:
    """Encrypt one field of the record the key belongs to."""
    return envelope.encrypt(_plain_key(key), plaintext, context=f"{_context(key)}:{field}")


def unseal(key: DataKey, sealed: bytes, *, field: str) -> str:
    return envelope.decrypt(_plain_key(key), bytes(sealed), context=f"{_context(key)}:{field}")


@transaction.atomic
def destroy_data_key(
    *, key: DataKey, actor_id: int | None, organisation: Organisation | None, reason: str
) -> None:
    """Destroy a data key, and with it everything sealed under it; audited."""
    if key.wrapped is None:
        return
    key.wrapped = None
    key.destroyed_at = timezone.now()
    key.save(update_fields=["wrapped", "destroyed_at"])
    record(
        AuditEventType.DATA_KEY_DESTROYED,
        actor_id=actor_id,
        organisation=organisation,
        target=key,
        data={"purpose": key.purpose, "reason": reason},
    )
