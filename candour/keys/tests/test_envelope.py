from __future__ import annotations

import pytest
from django.test import override_settings

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.keys import envelope
from candour.keys.models import DataKey
from candour.keys.services import (
    KeyDestroyedError,
    create_data_key,
    destroy_data_key,
    seal,
    unseal,
)


def test_a_kek_needs_enough_secret_material() -> None:
    with pytest.raises(ValueError, match="at least 32"):
        envelope.derive_kek("short")
    assert len(envelope.derive_kek("x" * 32)) == 32


def test_ciphertexts_are_bound_to_their_context() -> None:
    key = envelope.new_data_key()
    sealed = envelope.encrypt(key, "Mum said he was scared", context="report:1:narrative")
    assert b"scared" not in sealed
    assert envelope.decrypt(key, sealed, context="report:1:narrative") == "Mum said he was scared"
    with pytest.raises(envelope.DecryptionError):
        envelope.decrypt(key, sealed, context="report:2:narrative")
    with pytest.raises(envelope.DecryptionError):
        envelope.decrypt(envelope.new_data_key(), sealed, context="report:1:narrative")


@pytest.mark.django_db
def test_sealed_fields_round_trip_and_the_stored_key_is_wrapped() -> None:
    key = create_data_key(purpose="report")
    sealed = seal(key, "Jade Williams, 14 Elm Road", field="narrative")
    assert unseal(key, sealed, field="narrative") == "Jade Williams, 14 Elm Road"
    stored = DataKey.objects.get(pk=key.pk)
    assert stored.wrapped is not None
    assert len(bytes(stored.wrapped)) == 12 + 32 + 16  # nonce, key, tag
    with pytest.raises(envelope.DecryptionError):
        unseal(key, sealed, field="contact")


@pytest.mark.django_db
def test_another_kek_cannot_unwrap() -> None:
    key = create_data_key(purpose="report")
    sealed = seal(key, "secret", field="f")
    with (
        override_settings(CANDOUR_KEY_ENCRYPTION_KEY="a-different-key-encryption-secret!!"),
        pytest.raises(envelope.DecryptionError),
    ):
        unseal(key, sealed, field="f")


@pytest.mark.django_db
def test_destroying_the_key_destroys_the_data_and_is_audited() -> None:
    key = create_data_key(purpose="report")
    sealed = seal(key, "identifying words", field="narrative")
    from django.db import transaction

    with transaction.atomic():
        destroy_data_key(key=key, actor_id=None, organisation=None, reason="closed")
    key.refresh_from_db()
    assert key.wrapped is None
    assert key.destroyed_at is not None
    with pytest.raises(KeyDestroyedError):
        unseal(key, sealed, field="narrative")
    event = AuditEvent.objects.get(event_type=AuditEventType.DATA_KEY_DESTROYED)
    assert event.data == {"purpose": "report", "reason": "closed"}
    # A second destruction is a no-op, not a second event.
    destroy_data_key(key=key, actor_id=None, organisation=None, reason="closed")
    assert AuditEvent.objects.filter(event_type=AuditEventType.DATA_KEY_DESTROYED).count() == 1
