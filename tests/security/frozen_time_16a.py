"""Time held still for the tests of routes 1, 3, 4 and 5 (issue 16), so that no limit's
window can roll over part way through a test however slow the machine is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest


@dataclass
class Clock:
    now: datetime

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def hold_time(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Patch django.utils.timezone.now to a held time that only moves when told."""
    # A Wednesday mid-morning, a few seconds into a fifteen-minute window.
    held = Clock(datetime(2026, 3, 11, 10, 0, 5, tzinfo=UTC))
    monkeypatch.setattr("django.utils.timezone.now", lambda: held.now)
    return held
