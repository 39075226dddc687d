"""Envelope encryption: each record has its own data key, wrapped by a key-encryption key.

The key-encryption key (KEK) comes from the environment or a file, never the database,
so a database dump alone reveals nothing; destroying a record's wrapped data key makes
its ciphertext unreadable for ever (ADR 0005). AES-256-GCM throughout; the associated
data binds each ciphertext to its record, so ciphertexts cannot be swapped between rows.
"""

from __future__ import annotations

import hashlib
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_NONCE_BYTES = 12
_KEY_BYTES = 32


class DecryptionError(Exception):
    """The ciphertext, key or associated data do not match."""


def derive_kek(secret: str) -> bytes:
    """Turn the configured secret (at least 32 characters) into a 256-bit key."""
    if len(secret) < 32:
        raise ValueError("the key-encryption secret must be at least 32 characters")
    return HKDF(
        algorithm=hashes.SHA256(), length=_KEY_BYTES, salt=None, info=b"candour-kek-v1"
    ).derive(secret.encode())


def kek_fingerprint(kek: bytes) -> str:
    """A short, non-secret name for a KEK, stored beside what it wrapped."""
    return hashlib.sha256(b"candour-kek-id" + kek).hexdigest()[:16]


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(_NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag

    try:
        return AESGCM(key).decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], aad)
    except (InvalidTag, ValueError) as exc:
        raise DecryptionError("cannot decrypt: wrong key, context or damaged data") from exc


def wrap_key(kek: bytes, data_key: bytes, *, context: str) -> bytes:
    return _seal(kek, data_key, b"wrap:" + context.encode())


def unwrap_key(kek: bytes, wrapped: bytes, *, context: str) -> bytes:
    return _open(kek, wrapped, b"wrap:" + context.encode())


def encrypt(data_key: bytes, plaintext: str, *, context: str) -> bytes:
    return _seal(data_key, plaintext.encode("utf-8"), b"data:" + context.encode())


def decrypt(data_key: bytes, sealed: bytes, *, context: str) -> str:
    return _open(data_key, sealed, b"data:" + context.encode()).decode("utf-8")


def derive_purpose_key(kek: bytes, *, purpose: str) -> bytes:
    """A 256-bit key for one purpose, made from the KEK alone (links the server both
    writes and reads, such as an email's unsubscribe link)."""
    return HKDF(
        algorithm=hashes.SHA256(), length=_KEY_BYTES, salt=None, info=b"purpose:" + purpose.encode()
    ).derive(kek)


def derive_split_key(kek: bytes, held_elsewhere: bytes, *, purpose: str) -> bytes:
    """A 256-bit key that needs both the KEK and a secret kept somewhere else (a browser's
    cookie): either alone, or with the ciphertext, reads nothing."""
    return HKDF(
        algorithm=hashes.SHA256(), length=_KEY_BYTES, salt=kek, info=b"split:" + purpose.encode()
    ).derive(held_elsewhere)
