"""Keyed hashes: the NHS number's lookup index and the settings' API keys. No ORM here.

Both are HMAC-SHA256 keyed from SECRET_KEY (ADR 0017): a copy of the database alone can
neither list which NHS numbers are flagged by hashing guesses nor call the API. Digests
under retired keys (SECRET_KEY_FALLBACKS) still find a flag until `candour sharing rehash`
has recomputed them: a rotated key must never make a flagged child look unflagged.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.crypto import salted_hmac

from candour.keys.bearer import BearerParts, BearerScheme

SCHEME = "cpis"
_NHS_SALT = "candour.sharing.nhs_number"
_KEY_SALT = "candour.sharing.SettingKey"
_REQUESTER_SALT = "candour.sharing.requested_by"


def nhs_digest(nhs_number: str, *, secret_key: str | None = None) -> str:
    """The index a flag is found by, so lookups never scan or compare raw numbers in SQL."""
    return salted_hmac(_NHS_SALT, nhs_number, secret=secret_key, algorithm="sha256").hexdigest()


def nhs_digests(nhs_number: str) -> list[str]:
    """The number's index under the current key and every retired one, current first."""
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return list(dict.fromkeys(nhs_digest(nhs_number, secret_key=key) for key in secrets))


def requester_digest(requested_by: str) -> str | None:
    """What the audit trail keeps of the clinician a key's lookup names: the recorder refuses
    names, so the trail binds the lookup row's name by this instead."""
    if not requested_by:
        return None
    return salted_hmac(_REQUESTER_SALT, requested_by, algorithm="sha256").hexdigest()[:32]


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
