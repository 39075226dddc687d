"""Who is asking, only as far as a limit needs to know: a hashed session, a hashed client.

Reporting routes store no address (ADR 0005). A client tag is a keyed hash of the network
address under a key that changes every day; it is used only as a rate-limit bucket key,
never written with a report, a piece of feedback or an audit row, and its buckets are
deleted once their window has passed.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from candour.core.client import client_address

TAG_LENGTH = 24


def session_tag(session_key: str, *, purpose: str) -> str:
    """A session's tag for one purpose (a tag for one purpose says nothing of another)."""
    digest = hashlib.sha256(f"candour-{purpose}-session:{session_key}".encode()).hexdigest()
    return digest[:TAG_LENGTH]


def client_tag(request: HttpRequest, *, purpose: str) -> str:
    """A keyed, daily-changing hash of the client's address for one purpose; "" if none."""
    address = client_address(request)
    if not address:
        return ""
    day_key = hashlib.sha256(
        f"candour-client:{purpose}:{timezone.localdate().isoformat()}:{settings.SECRET_KEY}".encode()
    ).digest()
    return hmac.new(day_key, address.encode(), hashlib.sha256).hexdigest()[:TAG_LENGTH]
