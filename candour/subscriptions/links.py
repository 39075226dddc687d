"""One-click unsubscribe links: sealed, never expiring, revoked by raising a version.

An email may be read months later, so the link does not expire; instead each person's
``link_version`` is in the sealed value, and unsubscribing raises it, so every earlier
link stops working at once (ADR 0034).

The value is encrypted (AES-256-GCM under a key derived from the KEK), not only signed:
a forwarded or logged link must not show whose account it is. Links from before that
change were signed with Django's signer and are still honoured until revoked.
"""

from __future__ import annotations

import base64
import binascii
import json

from django.conf import settings
from django.core import signing

from candour.keys import envelope
from candour.subscriptions.models import DigestPreference

_SALT = "candour.subscriptions.unsubscribe"
_PURPOSE = "unsubscribe-link"


def _key() -> bytes:
    kek = envelope.derive_kek(settings.CANDOUR_KEY_ENCRYPTION_KEY)
    return envelope.derive_purpose_key(kek, purpose=_PURPOSE)


def unsubscribe_token(preference: DigestPreference) -> str:
    payload = json.dumps({"u": preference.user_id, "v": preference.link_version})
    sealed = envelope.encrypt(_key(), payload, context=_PURPOSE)
    return base64.urlsafe_b64encode(sealed).decode().rstrip("=")


def _opened(token: str) -> object:
    try:
        sealed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        return json.loads(envelope.decrypt(_key(), sealed, context=_PURPOSE))
    except (ValueError, binascii.Error, envelope.DecryptionError):
        pass
    try:
        return signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None


def preference_for_token(token: str) -> DigestPreference | None:
    """The preference a link still unsubscribes, or None (forged, altered or revoked)."""
    value = _opened(token)
    if not isinstance(value, dict):
        return None
    user_id, version = value.get("u"), value.get("v")
    if not isinstance(user_id, int) or not isinstance(version, int):
        return None
    return DigestPreference.objects.filter(
        user_id=user_id, link_version=version, user__is_active=True
    ).first()
