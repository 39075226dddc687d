"""Fixed-window counters in the database, shared by every web worker and every limit.

One copy of throttling for the whole service (ADR 0023): reporting, feedback, the API,
information sharing and sign-in all count attempts here. Keys name a purpose and, at most,
a keyed hash of a session, client or account name (see reporting/limits/visitors.py and
accounts/lockout.py): never an address or a person.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from candour.core.models import Throttle


def _checked(key: str) -> str:
    """The key, refused here if it would not fit the column: SQLite stores a longer one,
    PostgreSQL refuses it with a server error in the middle of a page."""
    if len(key) > Throttle._meta.get_field("key").max_length:  # type: ignore[operator]
        raise ValueError(f"throttle key longer than the column: {key.split(':')[0]}...")
    return key


def _window_start(now: datetime, window: timedelta, *, aligned: bool) -> datetime:
    if not aligned:
        return now
    # Aligned to the clock, so a counter's start says only which window, not when the
    # first attempt came (a client counter's time must not match a report's arrival).
    seconds = int(window.total_seconds())
    return datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=UTC)


def _current(throttle: Throttle, now: datetime, window: timedelta, *, aligned: bool) -> None:
    if now - throttle.window_started_at >= window:
        throttle.window_started_at = _window_start(now, window, aligned=aligned)
        throttle.count = 0


@transaction.atomic
def hit(key: str, *, limit: int, window: timedelta, aligned: bool = False) -> bool:
    """Count one attempt; return False when the window's limit is already used up."""
    now = timezone.now()
    throttle, _ = Throttle.objects.select_for_update().get_or_create(
        key=_checked(key),
        defaults={"window_started_at": _window_start(now, window, aligned=aligned)},
    )
    _current(throttle, now, window, aligned=aligned)
    if throttle.count >= limit:
        return False
    throttle.count += 1
    throttle.save(update_fields=["window_started_at", "count"])
    return True


@transaction.atomic
def add(key: str, *, window: timedelta) -> int:
    """Count one attempt with no limit of its own; return the count in this window."""
    now = timezone.now()
    throttle, _ = Throttle.objects.select_for_update().get_or_create(
        key=_checked(key), defaults={"window_started_at": now}
    )
    _current(throttle, now, window, aligned=False)
    throttle.count += 1
    throttle.save(update_fields=["window_started_at", "count"])
    return throttle.count


def used(keys: list[str], *, window: timedelta) -> dict[str, int]:
    """How many attempts each key has counted in its current window (0 if none), read only."""
    now = timezone.now()
    return {
        throttle.key: throttle.count
        for throttle in Throttle.objects.filter(key__in=keys)
        if now - throttle.window_started_at < window
    }


def first_refusal(key: str, *, window: timedelta) -> bool:
    """True once per window for a key: lets a refusal be audited once, not every time."""
    return hit(f"{key}:refused", limit=1, window=window, aligned=True)


def clear(key: str) -> None:
    """Forget a key's attempts (after a success that should give a fresh allowance)."""
    Throttle.objects.filter(key=key).delete()


def forget_expired(prefix: str, *, window: timedelta) -> int:
    """Delete a purpose's counters whose window has passed (hashed clients stay no longer)."""
    deleted, _ = Throttle.objects.filter(
        key__startswith=prefix, window_started_at__lt=timezone.now() - window
    ).delete()
    return deleted
