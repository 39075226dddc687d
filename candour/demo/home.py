"""Demo: each persona "last came" a week ago, so their home page shows what is new.

Home pages say what changed since a person's previous sign-in (kept in the session when
they sign in). Demo personas have never signed in, so without this the first `make run`
sign-in would show no "new since you last came" at all.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from candour.accounts.models import User
from candour.demo.core import PERSONAS

LAST_CAME_DAYS_AGO = 7


def load() -> int:
    """Set each persona's last sign-in to a week ago; return how many were set."""
    return User.objects.filter(
        email__in=[p.email for p in PERSONAS], last_login__isnull=True
    ).update(last_login=timezone.now() - timedelta(days=LAST_CAME_DAYS_AGO))
