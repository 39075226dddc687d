"""Receipt codes: shown once to the reporter, stored only as a slow, peppered hash.

80 bits from a 32-letter alphabet without look-alikes (no I, L, O, U), written in four
groups of four. The hash is scrypt with a pepper derived from the key-encryption key, so
a copy of the database alone cannot be used to test guesses offline.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_LENGTH = 4, 4
_LENGTH = GROUPS * GROUP_LENGTH
# Readers confuse these; accept them as the letters they look like.
_LOOK_ALIKES = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def new_receipt() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(_LENGTH))
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, _LENGTH, GROUP_LENGTH))


def normalise(typed: str) -> str | None:
    """Accept what people type (spaces, hyphens, lower case); None if it cannot be one."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_LOOK_ALIKES)
    if len(cleaned) != _LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def digest(receipt: str) -> str:
    """The stored form of a receipt (deterministic, so it can be looked up)."""
    normalised = normalise(receipt)
    if normalised is None:
        raise ValueError("not a receipt code")
    pepper = hashlib.sha256(
        b"candour-receipt-pepper" + settings.CANDOUR_KEY_ENCRYPTION_KEY.encode()
    ).digest()
    return hashlib.scrypt(
        normalised.encode(), salt=pepper, n=settings.CANDOUR_RECEIPT_SCRYPT_N, r=8, p=1, dklen=32
    ).hex()
