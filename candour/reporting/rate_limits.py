"""Fixed-window counters in the database, shared by every web worker.

Keys name a purpose and, at most, a hashed session: never an address or a person.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from candour.reporting.models import RateBucket


@transaction.atomic
def hit(key: str, *, limit: int, window: timedelta) -> bool:
    """Count one attempt; return False when the window's limit is already used up."""
    now = timezone.now()
    bucket, _ = RateBucket.objects.select_for_update().get_or_create(
        key=key, defaults={"window_started_at": now}
    )
    if now - bucket.window_started_at >= window:
        bucket.window_started_at = now
        bucket.count = 0
    if bucket.count >= limit:
        return False
    bucket.count += 1
    bucket.save(update_fields=["window_started_at", "count"])
    return True
