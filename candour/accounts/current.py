from __future__ import annotations

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
