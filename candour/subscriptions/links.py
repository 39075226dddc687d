"""One-click unsubscribe links: signed, never expiring, revoked by raising a version.

An email may be read months later, so the link does not expire; instead each person's
``link_version`` is in the signed value, and unsubscribing raises it, so every earlier
link stops working at once (ADR 0034).
"""

from __future__ import annotations

from django.core import signing

from candour.subscriptions.models import DigestPreference

_SALT = "candour.subscriptions.unsubscribe"


def unsubscribe_token(preference: DigestPreference) -> str:
    return signing.dumps({"u": preference.user_id, "v": preference.link_version}, salt=_SALT)


def preference_for_token(token: str) -> DigestPreference | None:
    """The preference a link still unsubscribes, or None (forged, altered or revoked)."""
    try:
        value = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict):
        return None
    user_id, version = value.get("u"), value.get("v")
    if not isinstance(user_id, int) or not isinstance(version, int):
        return None
    return DigestPreference.objects.filter(
        user_id=user_id, link_version=version, user__is_active=True
    ).first()
