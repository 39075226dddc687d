"""Keyed hashes: the NHS number's lookup index and the settings' API keys. No ORM here.

Both are HMAC-SHA256 keyed from SECRET_KEY (ADR 0017): a copy of the database alone can
neither list which NHS numbers are flagged by hashing guesses nor call the API.
"""

from __future__ import annotations

from django.utils.crypto import salted_hmac

from candour.keys.bearer import BearerParts, BearerScheme

SCHEME = "cpis"
_NHS_SALT = "candour.sharing.nhs_number"
_KEY_SALT = "candour.sharing.SettingKey"


def nhs_digest(nhs_number: str) -> str:
    """The index a flag is found by, so lookups never scan or compare raw numbers in SQL."""
    return salted_hmac(_NHS_SALT, nhs_number, algorithm="sha256").hexdigest()


SETTING_KEYS = BearerScheme(scheme=SCHEME, salt=_KEY_SALT)
KeyParts = BearerParts


def new_key() -> KeyParts:
    return SETTING_KEYS.new()


def parse(value: str) -> KeyParts | None:
    return SETTING_KEYS.parse(value)


def key_digest(value: str, *, secret_key: str | None = None) -> str:
    return SETTING_KEYS.digest(value, secret_key=secret_key)


def key_matches(value: str, stored_digest: str) -> bool:
    return SETTING_KEYS.matches(value, stored_digest)
