"""Page cursors that say nothing about the rows they point at.

A keyset cursor is normally the key itself. Where the key is a global sequence, that
number shows where unseen rows sit (a reporter's event between a manager's sign-in and
sign-out leaves a gap), so the cursor is sealed with AES-GCM under a key derived from
SECRET_KEY: a random nonce makes every cursor look different, even for the same row.
"""

from __future__ import annotations

import base64
import binascii
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_NONCE_BYTES = 12


def _key(purpose: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=b"candour-cursor-v1:" + purpose.encode(),
    ).derive(settings.SECRET_KEY.encode())


def seal(value: int, *, purpose: str) -> str:
    """An opaque, URL-safe token for ``value``; only ``open_sealed`` can read it."""
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(_key(purpose)).encrypt(nonce, str(value).encode(), purpose.encode())
    return base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")


def open_sealed(token: str, *, purpose: str) -> int | None:
    """The value inside a token, or None for anything forged, stale or malformed."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        plain = AESGCM(_key(purpose)).decrypt(
            raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], purpose.encode()
        )
    except (ValueError, InvalidTag, binascii.Error):
        return None
    text = plain.decode()
    return int(text) if text.isdigit() else None
