"""How many reports one session and one client may send in an hour (issue 16, route 1).

A refused sending loses nothing: the check page comes back with every answer in it. A
refusal is neither audited nor logged (nothing to grow, nothing to tie to a reporter).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from candour.core import throttle
from candour.reporting.limits.visitors import session_tag

WINDOW = timedelta(hours=1)
WINDOW_MINUTES = 60


def may_send_report(*, session_key: str, client_tag: str) -> bool:
    """Count one sending against the session, then the client; False when either is full.

    The session first: a session already refused does not use up the limit of everyone
    else behind the same address (a council office shares one).
    """
    throttle.forget_expired("report:", window=WINDOW)
    if session_key and not throttle.hit(
        f"report:session:{session_tag(session_key, purpose='report')}",
        limit=settings.CANDOUR_REPORTS_PER_SESSION,
        window=WINDOW,
    ):
        return False
    return not client_tag or throttle.hit(
        f"report:client:{client_tag}",
        limit=settings.CANDOUR_REPORTS_PER_CLIENT,
        window=WINDOW,
        aligned=True,
    )
