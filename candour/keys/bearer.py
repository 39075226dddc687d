"""Bearer secrets as values: make one, check its shape, and hash it. No ORM here.

A secret reads `<scheme>_<prefix>_<secret>`: the prefix finds the row and is shown in
lists; the secret is 256 random bits. Only HMAC-SHA256 of the whole value is stored,
keyed from SECRET_KEY, so a copy of the database alone cannot be used (ADRs 0010, 0017).
Personal API tokens and information-sharing setting keys are two schemes of this.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

PREFIX_BYTES = 4
SECRET_BYTES = 32


@dataclass(frozen=True)
class BearerParts:
    prefix: str
    value: str


@dataclass(frozen=True)
class BearerScheme:
    scheme: str
    # Separates the schemes' hashes: a token's digest never matches a key's.
    salt: str

    def new(self) -> BearerParts:
        prefix = secrets.token_hex(PREFIX_BYTES)
        return BearerParts(prefix, f"{self.scheme}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}")

    def parse(self, value: str) -> BearerParts | None:
        """The prefix, if the value has this scheme's shape at all."""
        parts = value.strip().split("_", 2)
        if len(parts) != 3 or parts[0] != self.scheme:
            return None
        prefix, secret = parts[1], parts[2]
        if len(prefix) != PREFIX_BYTES * 2 or not all(c in "0123456789abcdef" for c in prefix):
            return None
        if not 32 <= len(secret) <= 64:
            return None
        return BearerParts(prefix, value.strip())

    def digest(self, value: str, *, secret_key: str | None = None) -> str:
        return salted_hmac(
            self.salt, value, secret=secret_key or settings.SECRET_KEY, algorithm="sha256"
        ).hexdigest()

    def matches(self, value: str, stored_digest: str) -> bool:
        """Constant-time check, also under retired keys, so that rotating SECRET_KEY (with
        SECRET_KEY_FALLBACKS) does not cut every integration off at once."""
        keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
        return any(
            constant_time_compare(self.digest(value, secret_key=key), stored_digest) for key in keys
        )
