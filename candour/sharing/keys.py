"""Keyed hashes: the NHS number's lookup index and the settings' API keys. No ORM here.

Both are HMAC-SHA256 keyed from SECRET_KEY (ADR 0017): a copy of the database alone can
neither list which NHS numbers are flagged by hashing guesses nor call the API.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SCHEME = "cpis"
PREFIX_BYTES = 4
SECRET_BYTES = 32
_NHS_SALT = "candour.sharing.nhs_number"
_KEY_SALT = "candour.sharing.SettingKey"


def nhs_digest(nhs_number: str) -> str:
    """The index a flag is found by, so lookups never scan or compare raw numbers in SQL."""
    return salted_hmac(_NHS_SALT, nhs_number, algorithm="sha256").hexdigest()


@dataclass(frozen=True)
class KeyParts:
    prefix: str
    value: str


def new_key() -> KeyParts:
    prefix = secrets.token_hex(PREFIX_BYTES)
    return KeyParts(prefix, f"{SCHEME}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}")


def parse(value: str) -> KeyParts | None:
    parts = value.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != SCHEME:
        return None
    prefix, secret = parts[1], parts[2]
    if len(prefix) != PREFIX_BYTES * 2 or not all(c in "0123456789abcdef" for c in prefix):
        return None
    if not 32 <= len(secret) <= 64:
        return None
    return KeyParts(prefix, value.strip())


def key_digest(value: str, *, secret_key: str | None = None) -> str:
    return salted_hmac(
        _KEY_SALT, value, secret=secret_key or settings.SECRET_KEY, algorithm="sha256"
    ).hexdigest()


def key_matches(value: str, stored_digest: str) -> bool:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(
        constant_time_compare(key_digest(value, secret_key=key), stored_digest) for key in keys
    )
