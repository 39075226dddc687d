"""Time held still for the tests of routes 1, 3, 4 and 5 (issue 16), so that no limit's
window can roll over part way through a test however slow the machine is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from time_machine import TimeMachineFixture

# A Wednesday mid-morning, a few seconds into a fifteen-minute window.
HELD_AT = datetime(2026, 3, 11, 10, 0, 5, tzinfo=UTC)


@dataclass
class Clock:
    machine: TimeMachineFixture

    @property
    def now(self) -> datetime:
        return timezone.now()

    def advance(self, **delta: float) -> None:
        self.machine.shift(timedelta(**delta))


def hold_time(time_machine: TimeMachineFixture) -> Clock:
    """Stop every clock (time-machine) at HELD_AT; it only moves when told."""
    time_machine.move_to(HELD_AT, tick=False)
    return Clock(time_machine)
