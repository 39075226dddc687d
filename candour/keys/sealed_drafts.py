"""Half-finished answers kept between pages, sealed in the server-side session (ADR 0029).

The session store is a database table, copied into every backup: a person's own words
must never sit there in plain text. A draft is sealed with AES-256-GCM under a key made
from two halves: a random secret minted for that draft and held only by the browser (its
own HttpOnly cookie, gone when the browser closes), and the key-encryption key (never in
the database). The session row, the cookie, or both without the KEK, read nothing.

A draft also ends on its own: unused for ``idle`` it is deleted when next touched, and
the secret that opens it dies with the browser, so a draft left in an abandoned session
row can never be read again. Sending or deleting it removes both halves at once.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from candour.keys import envelope

_SECRET_BYTES = 32
_SESSION_PREFIX = "sealed-draft:"


def _cookie_name(name: str) -> str:
    # The __Host- prefix, like the session cookie's, when cookies are secure: the browser
    # then refuses the cookie from anything but this host over HTTPS, for the whole site.
    prefix = "__Host-" if settings.SESSION_COOKIE_SECURE else ""
    return f"{prefix}candour-draft-{name}"


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(text: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, binascii.Error):
        return None


@dataclass
class SealedDraft:
    """One named draft of one browser: read it, replace it, discard it, then
    ``keep_key(response)`` so the browser holds (or forgets) its half of the key."""

    request: HttpRequest
    name: str
    idle: timedelta
    _secret: bytes | None = None
    _changed_secret: bool = False
    # True once a draft was found past its time (and deleted): the page may say so.
    expired: bool = False

    def __post_init__(self) -> None:
        self._secret = _decode(self.request.COOKIES.get(_cookie_name(self.name), ""))
        if self._secret is not None and len(self._secret) != _SECRET_BYTES:
            self._secret = None
        stored = self.request.session.get(self._session_key)
        if isinstance(stored, dict) and time.time() > float(stored.get("until", 0)):
            self.request.session.pop(self._session_key, None)
            self.expired = True

    @property
    def _session_key(self) -> str:
        return _SESSION_PREFIX + self.name

    def _key(self, secret: bytes) -> bytes:
        kek = envelope.derive_kek(settings.CANDOUR_KEY_ENCRYPTION_KEY)
        return envelope.derive_split_key(kek, secret, purpose=f"draft:{self.name}")

    def read(self) -> dict[str, Any]:
        """The draft's values; empty when there is none, it expired, or this browser no
        longer holds its half of the key."""
        stored = self.request.session.get(self._session_key)
        if not isinstance(stored, dict) or self._secret is None:
            return {}
        sealed = _decode(str(stored.get("sealed", "")))
        if sealed is None:
            return {}
        try:
            plain = envelope.decrypt(self._key(self._secret), sealed, context=self._context)
        except envelope.DecryptionError:
            return {}
        values = json.loads(plain)
        return values if isinstance(values, dict) else {}

    @property
    def _context(self) -> str:
        return f"sealed-draft:{self.name}"

    def write(self, values: dict[str, Any]) -> None:
        """Seal ``values`` as the whole draft, and start its idle time again."""
        if self._secret is None or self._session_key not in self.request.session:
            # A new draft gets a new secret: nothing sealed before can be opened with it.
            self._secret = os.urandom(_SECRET_BYTES)
            self._changed_secret = True
        sealed = envelope.encrypt(
            self._key(self._secret), json.dumps(values), context=self._context
        )
        self.request.session[self._session_key] = {
            "sealed": _encode(sealed),
            "until": time.time() + self.idle.total_seconds(),
        }

    def discard(self) -> None:
        """Delete the draft and forget the browser's half of its key."""
        self.request.session.pop(self._session_key, None)
        self._secret = None
        self._changed_secret = True

    def keep_key(self, response: HttpResponse) -> HttpResponse:
        """Give the browser its half of a new key, or take back a discarded one."""
        if not self._changed_secret:
            return response
        name = _cookie_name(self.name)
        if self._secret is None:
            response.delete_cookie(name, path="/", samesite="Lax")
        else:
            # No Max-Age: the browser forgets the secret when it closes, and the draft
            # with it. HttpOnly: no script on any page can read it.
            response.set_cookie(
                name,
                _encode(self._secret),
                path="/",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
