"""Bearer-token authentication for the API: `Authorization: Bearer candour_<prefix>_<secret>`.

Only bearer tokens are accepted, never the session cookie, so a page open in someone's
browser cannot be made to call the API for them and CSRF does not arise (ADR 0010).
Failures are counted per client (a keyed hash of its address) in the shared rate
buckets, never per token: counted per token, ten wrong secrets on a known prefix paused
the real token for its owner. Tokens and addresses are never logged or stored.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from candour.accounts.models import User
from candour.api import tokens
from candour.api.models import ApiToken
from candour.api.services import may_use_tokens
from candour.core import throttle
from candour.core.client import client_key

logger = logging.getLogger(__name__)

# A token's secret is 256 random bits, so these limits are about load and noise rather
# than odds: 10 wrong or unknown tokens from one client in 15 minutes pause that client.
FAILURES_PER_CLIENT = 10
FAILURE_WINDOW = timedelta(minutes=15)
TOUCH_EVERY = timedelta(minutes=1)


def _bucket_key(request: HttpRequest | None) -> str:
    return f"api-token-client:{client_key(request)[:40]}" if request else "api-token-client:-"


def _exhausted(key: str, limit: int) -> bool:
    return throttle.used([key], window=FAILURE_WINDOW).get(key, 0) >= limit


def _refuse_if_paused(key: str, limit: int) -> None:
    if _exhausted(key, limit):
        logger.warning("API token checks paused after repeated failures")
        raise HttpError(429, _("Too many failed attempts: wait 15 minutes and try again"))


def _failed(key: str, limit: int) -> None:
    throttle.hit(key, limit=limit, window=FAILURE_WINDOW)


def user_for_token(value: str, request: HttpRequest | None = None) -> User | None:
    """The active person a token belongs to, or None; raises HttpError(429) while the
    client is paused."""
    key = _bucket_key(request)
    _refuse_if_paused(key, FAILURES_PER_CLIENT)
    parts = tokens.parse(value)
    token = (
        ApiToken.objects.filter(prefix=parts.prefix).select_related("user").first()
        if parts is not None
        else None
    )
    if (
        parts is None
        or token is None
        or not tokens.matches(parts.value, token.digest)
        or token.is_revoked
    ):
        _failed(key, FAILURES_PER_CLIENT)
        return None
    user = token.user
    if not may_use_tokens(user):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        # At most one write a minute per token, not one per request.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return user


class PersonalToken(HttpBearer):
    """django-ninja's bearer scheme, without its debug logging of the header's value."""

    def __call__(self, request: HttpRequest) -> Any:
        scheme, _space, value = request.headers.get(self.header, "").partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            return None
        return self.authenticate(request, value.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return user_for_token(token, request)


def caller(request: HttpRequest) -> User:
    """The person whose token authenticated this request."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise AuthenticationError
    return user
