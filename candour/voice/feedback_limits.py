"""How much feedback one link and one session may send (issue 16, route 1).

Ordinary feedback past a limit is refused for a while (the answers stay in the session);
anything the safeguarding check flags is always taken, whatever the limits say.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from candour.core import throttle
from candour.reporting.limits.visitors import session_tag
from candour.voice.models import FeedbackLink

WINDOW = timedelta(minutes=15)
WINDOW_MINUTES = 15


def within_limits(*, link: FeedbackLink, session_key: str) -> bool:
    """Count one sending against the session, then the link; False when either is full.

    The session first, so a session already refused does not use up the link's limit
    for the other children given the same poster.
    """
    throttle.forget_expired("feedback:", window=WINDOW)
    if session_key and not throttle.hit(
        f"feedback:session:{session_tag(session_key, purpose='feedback')}",
        limit=settings.CANDOUR_FEEDBACK_PER_SESSION,
        window=WINDOW,
    ):
        return False
    return throttle.hit(
        f"feedback:link:{link.pk}", limit=settings.CANDOUR_FEEDBACK_PER_LINK, window=WINDOW
    )
