"""Who is on the other end of a request, as a keyed hash: for throttles, never stored raw.

Throttles keyed by account name alone let anyone lock a named person out; keyed by the
client as well, a guesser pauses only themselves. Only the hash is kept, so no address
is stored. Behind a reverse proxy (CANDOUR_BEHIND_PROXY) the address is the last entry
of X-Forwarded-For, the one the proxy itself added; earlier entries are the client's own
say and could be forged.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac


def client_address(request: HttpRequest) -> str:
    if settings.CANDOUR_BEHIND_PROXY:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    return str(request.META.get("REMOTE_ADDR", ""))


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client's address: the same client, the same key."""
    return salted_hmac("candour.client", client_address(request), algorithm="sha256").hexdigest()
