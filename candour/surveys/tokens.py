"""Single-use survey links: the token is shown once (in the person's invitation) and
only its keyed hash is stored, so the database alone cannot open anyone's link."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

_KEY_SALT = "candour.surveys.invitation"
TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str, *, secret_key: str | None = None) -> str:
    return salted_hmac(
        _KEY_SALT, token, secret=secret_key or settings.SECRET_KEY, algorithm="sha256"
    ).hexdigest()


def candidate_digests(token: str) -> list[str]:
    """The token's digest under the current key and any retired ones (key rotation)."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [digest(token, secret_key=key) for key in keys]


def looks_like_token(value: str) -> bool:
    return 32 <= len(value) <= 64 and all(c.isalnum() or c in "-_" for c in value)


def same(a: str, b: str) -> bool:
    return constant_time_compare(a, b)
