"""Personal API tokens as values: make one, split it, and hash it. No ORM here.

A token reads `candour_<prefix>_<secret>`: the prefix finds the row and is shown in lists;
the secret is 256 random bits. Only HMAC-SHA256 of the whole token is stored, keyed from
SECRET_KEY, so a copy of the database alone cannot be used to call the API (ADR 0010).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SCHEME = "candour"
PREFIX_BYTES = 4
SECRET_BYTES = 32
_KEY_SALT = "candour.api.ApiToken"


@dataclass(frozen=True)
class TokenParts:
    prefix: str
    value: str


def new_token() -> TokenParts:
    prefix = secrets.token_hex(PREFIX_BYTES)
    return TokenParts(prefix, f"{SCHEME}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}")


def parse(value: str) -> TokenParts | None:
    """The token's prefix, if the value has the shape of a token at all."""
    parts = value.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != SCHEME:
        return None
    prefix, secret = parts[1], parts[2]
    if len(prefix) != PREFIX_BYTES * 2 or not all(c in "0123456789abcdef" for c in prefix):
        return None
    if not 32 <= len(secret) <= 64:
        return None
    return TokenParts(prefix, value.strip())


def digest(value: str, *, secret_key: str | None = None) -> str:
    return salted_hmac(
        _KEY_SALT, value, secret=secret_key or settings.SECRET_KEY, algorithm="sha256"
    ).hexdigest()


def matches(value: str, stored_digest: str) -> bool:
    """Constant-time check, also under retired keys so that rotating SECRET_KEY (with
    SECRET_KEY_FALLBACKS) does not cut every integration off at once."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(digest(value, secret_key=key), stored_digest) for key in keys)
