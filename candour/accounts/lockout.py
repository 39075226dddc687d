"""Lock an account name after repeated failed sign-ins, without storing addresses."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from candour.accounts.models import SignInThrottle


def throttle_key(email: str) -> str:
    return salted_hmac(
        "candour.sign_in_throttle", email.strip().lower(), algorithm="sha256"
    ).hexdigest()


def locked_until(email: str) -> datetime | None:
    throttle = SignInThrottle.objects.filter(key=throttle_key(email)).first()
    if throttle and throttle.locked_until and throttle.locked_until > timezone.now():
        return throttle.locked_until
    return None


def note_failure(email: str) -> bool:
    """Count a failure; return True when this failure locks the account name."""
    now = timezone.now()
    window = timedelta(minutes=settings.CANDOUR_SIGN_IN_LOCKOUT_MINUTES)
    throttle, _ = SignInThrottle.objects.select_for_update().get_or_create(key=throttle_key(email))
    if now - throttle.window_started_at > window:
        throttle.failures = 0
        throttle.window_started_at = now
    throttle.failures += 1
    just_locked = throttle.failures >= settings.CANDOUR_SIGN_IN_FAILURE_LIMIT
    if just_locked:
        throttle.locked_until = now + window
        throttle.failures = 0
        throttle.window_started_at = now
    throttle.save()
    return just_locked


def clear(email: str) -> None:
    SignInThrottle.objects.filter(key=throttle_key(email)).delete()
