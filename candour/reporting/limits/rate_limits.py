"""Fixed-window counters in the database, shared by every web worker.

Keys name a purpose and, at most, a hashed session or hashed client (see visitors.py):
never an address or a person.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from candour.reporting.models import RateBucket


def _window_start(now: datetime, window: timedelta, *, aligned: bool) -> datetime:
    if not aligned:
        return now
    # Aligned to the clock, so a bucket's start says only which window, not when the
    # first attempt came (a client bucket's time must not match a report's arrival).
    seconds = int(window.total_seconds())
    return datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=UTC)


@transaction.atomic
def hit(key: str, *, limit: int, window: timedelta, aligned: bool = False) -> bool:
    """Count one attempt; return False when the window's limit is already used up."""
    now = timezone.now()
    bucket, _ = RateBucket.objects.select_for_update().get_or_create(
        key=key, defaults={"window_started_at": _window_start(now, window, aligned=aligned)}
    )
    if now - bucket.window_started_at >= window:
        bucket.window_started_at = _window_start(now, window, aligned=aligned)
        bucket.count = 0
    if bucket.count >= limit:
        return False
    bucket.count += 1
    bucket.save(update_fields=["window_started_at", "count"])
    return True


def first_refusal(key: str, *, window: timedelta) -> bool:
    """True once per window for a key: lets a refusal be audited once, not every time."""
    return hit(f"{key}:refused", limit=1, window=window, aligned=True)


def forget_expired(prefix: str, *, window: timedelta) -> int:
    """Delete a purpose's buckets whose window has passed (hashed clients stay no longer)."""
    deleted, _ = RateBucket.objects.filter(
        key__startswith=prefix, window_started_at__lt=timezone.now() - window
    ).delete()
    return deleted
