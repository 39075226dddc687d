"""Fixed moments for tests whose answer depends on the day, held still with time-machine.

Use them as ``pytest.mark.time_machine(A_THURSDAY, tick=False)`` (time-machine's marker)
or with ``time_machine.travel``: a test then means the same on every day it is run.
"""

from __future__ import annotations

from datetime import UTC, datetime

# Reports count in the week of their Thursday (ADR 0020's dashboard rule): on a Thursday
# this week's reports already count, so a test that reports "today" finds them. Thursday
# 12 November 2026, mid-morning, in the middle of a month and of a working week.
A_THURSDAY = datetime(2026, 11, 12, 10, 30, tzinfo=UTC)
