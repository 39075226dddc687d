"""Throttle failed sign-ins without handing anyone a way to lock a named person out.

Addresses follow first.last, so a lock on the account name alone was a weapon: five wrong
passwords from anywhere kept the real person out. Failures are counted three ways
instead, each under a keyed hash so no address or email is stored:

- one account name from one client: after CANDOUR_SIGN_IN_FAILURE_LIMIT, that client may
  not try that name (even with the right password, so guesses cannot be confirmed);
- one client over every name: after CANDOUR_SIGN_IN_CLIENT_FAILURE_LIMIT, that client may
  not try any name (password spraying);
- one account name from every client: past CANDOUR_SIGN_IN_ACCOUNT_FAILURE_LIMIT (a guesser
  with many addresses), only a browser that has signed in to that account before, shown by
  a signed device cookie, may try it. The real person at their usual browser still can.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare, salted_hmac

from candour.core import throttle
from candour.core.client import client_key

DEVICE_COOKIE = "candour-known-device"
_DEVICE_SALT = "candour.sign_in.device"
_DEVICE_DAYS = 90


def throttle_key(*parts: str) -> str:
    return salted_hmac("candour.sign_in_throttle", "|".join(parts), algorithm="sha256").hexdigest()


def _account(email: str) -> str:
    return email.strip().lower()


def _keys(email: str, request: HttpRequest) -> dict[str, tuple[str, int]]:
    client = client_key(request)
    return {
        "pair": (
            throttle_key("pair", _account(email), client),
            settings.CANDOUR_SIGN_IN_FAILURE_LIMIT,
        ),
        "client": (throttle_key("client", client), settings.CANDOUR_SIGN_IN_CLIENT_FAILURE_LIMIT),
        "account": (
            throttle_key("account", _account(email)),
            settings.CANDOUR_SIGN_IN_ACCOUNT_FAILURE_LIMIT,
        ),
    }


def _window() -> timedelta:
    return timedelta(minutes=settings.CANDOUR_SIGN_IN_LOCKOUT_MINUTES)


def is_known_device(email: str, request: HttpRequest) -> bool:
    """Has this browser signed in to this account before (within the last 90 days)?"""
    cookie = request.COOKIES.get(DEVICE_COOKIE, "")
    try:
        value = signing.loads(cookie, salt=_DEVICE_SALT, max_age=timedelta(days=_DEVICE_DAYS))
    except signing.BadSignature:
        return False
    return isinstance(value, str) and constant_time_compare(
        value, throttle_key("device", _account(email))
    )


def remember_device(email: str, response: HttpResponse) -> None:
    """Mark this browser as one the person signs in from (after a successful sign-in)."""
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(throttle_key("device", _account(email)), salt=_DEVICE_SALT),
        max_age=_DEVICE_DAYS * 24 * 3600,
        secure=settings.SECURE_COOKIES,
        httponly=True,
        samesite="Strict",
    )


def is_paused(email: str, request: HttpRequest) -> bool:
    """May this client not try this account name now?"""
    keys = _keys(email, request)
    counts = throttle.used([key for key, _limit in keys.values()], window=_window())
    for kind, (key, limit) in keys.items():
        if counts.get(key, 0) < limit:
            continue
        if kind == "account" and is_known_device(email, request):
            continue
        return True
    return False


def note_failure(email: str, request: HttpRequest) -> bool:
    """Count a failure; return True when it pauses this client for this name."""
    just_paused = False
    for kind, (key, limit) in _keys(email, request).items():
        failures = throttle.add(key, window=_window())
        just_paused = just_paused or (kind == "pair" and failures == limit)
    return just_paused


def clear(email: str, request: HttpRequest) -> None:
    """After a successful sign-in: this client's failures on this name are forgotten.

    The per-account count is kept (it runs out with its window), so that one success
    does not give a guesser with many addresses a fresh allowance."""
    throttle.clear(_keys(email, request)["pair"][0])


def is_client_paused(request: HttpRequest) -> bool:
    """Has this client failed too often, on any account or sign-in route, to try again now?

    Sign-in through an organisation's provider counts here too (ADR 0031): its failures
    (an unknown domain, a refused token) share the client's allowance with wrong passwords.
    """
    key, limit = _client_counter(request)
    return throttle.used([key], window=_window()).get(key, 0) >= limit


def note_client_failure(request: HttpRequest) -> None:
    """Count a failure that names no account (or one the provider vouched for) against
    the client only."""
    key, _limit = _client_counter(request)
    throttle.add(key, window=_window())


def _client_counter(request: HttpRequest) -> tuple[str, int]:
    return (
        throttle_key("client", client_key(request)),
        settings.CANDOUR_SIGN_IN_CLIENT_FAILURE_LIMIT,
    )
