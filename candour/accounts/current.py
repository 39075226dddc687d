from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from candour.accounts.models import User


def current_user(request: HttpRequest) -> User:
    """The signed-in person, typed; views behind login_required call this."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
