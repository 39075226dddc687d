from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from candour.accounts.models import User


def is_verified(user: User) -> bool:
    """Whether this request's session has passed two-factor (set by django_otp)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def current_user(request: HttpRequest) -> User:
    """The signed-in person, typed; views behind login_required call this."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


# The session key holding when the person signed in before this session (ISO 8601), so
# the home page can say what changed since they last came.
PREVIOUS_SIGN_IN = "candour_previous_sign_in"


def remember_previous_sign_in(request: HttpRequest, previous: datetime | None) -> None:
    request.session[PREVIOUS_SIGN_IN] = previous.isoformat() if previous else ""


def previous_sign_in(request: HttpRequest) -> datetime | None:
    """When the person signed in before this session; None on their first sign-in."""
    value = request.session.get(PREVIOUS_SIGN_IN) or ""
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
