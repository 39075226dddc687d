"""The answer to one lookup, kept for the page that shows it (post, redirect, get).

A lookup records an attendance and tells the child's team, so the answer must never be
rendered on the POST: a refresh would look the child up again. The answer waits in the
clinician's own server-side session for a short time and is shown by a GET that reads
nothing and writes nothing; the next lookup replaces it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from typing import Any

from django.http import HttpRequest

from candour.sharing.services import Answer, EarlierAttendance, Plan

SESSION_KEY = "sharing-lookup-result"
KEEP_SECONDS = 15 * 60

_DATES = ("start_date", "end_date", "expected_due_date", "attended_on")


@dataclasses.dataclass(frozen=True)
class Shown:
    answer: Answer
    nhs_number: str  # formatted 3-3-4, as the clinician typed it checked
    setting_id: int
    looked_up_at: float


def _plain(item: object) -> dict[str, Any]:
    values = dataclasses.asdict(item)  # type: ignore[call-overload]
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in values.items()}


def _dated(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (dt.date.fromisoformat(v) if k in _DATES and v else v) for k, v in values.items()}


def keep(request: HttpRequest, *, answer: Answer, nhs_number: str, setting_id: int) -> None:
    request.session[SESSION_KEY] = {
        "nhs": nhs_number,
        "setting": setting_id,
        "at": time.time(),
        "plans": [_plain(p) for p in answer.plans],
        "ended": [_plain(p) for p in answer.ended_plans],
        "attendances": [_plain(a) for a in answer.attendances],
        "superseded": answer.superseded_number,
        "inactive": answer.inactive_number,
    }


def shown(request: HttpRequest) -> Shown | None:
    """The latest answer, if it is recent enough to show; None otherwise (and forgotten)."""
    kept = request.session.get(SESSION_KEY)
    if not kept:
        return None
    if time.time() - kept["at"] > KEEP_SECONDS:
        forget(request)
        return None
    answer = Answer(
        plans=tuple(Plan(**_dated(p)) for p in kept["plans"]),
        ended_plans=tuple(Plan(**_dated(p)) for p in kept["ended"]),
        attendances=tuple(EarlierAttendance(**_dated(a)) for a in kept["attendances"]),
        superseded_number=kept["superseded"],
        inactive_number=kept.get("inactive", False),
    )
    return Shown(answer, kept["nhs"], kept["setting"], kept["at"])


def forget(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
