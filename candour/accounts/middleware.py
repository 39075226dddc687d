from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from candour.accounts.current import is_verified
from candour.accounts.models import User
from candour.accounts.services import confirmed_totp_device


class TwoFactorRequiredMiddleware:
    """Analysts, national analysts and administrators must prove a second factor.

    Until they do, every page except the two-factor pages, sign-out and public pages
    redirects them to set up or enter a security code.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            isinstance(user, User)
            and user.requires_two_factor()
            and not is_verified(user)
            and not self._exempt(request.path)
        ):
            if confirmed_totp_device(user) is None:
                return redirect("accounts:two-factor-setup")
            return redirect("accounts:two-factor-verify")
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        exempt = (
            reverse("accounts:two-factor-setup"),
            reverse("accounts:two-factor-verify"),
            reverse("accounts:sign-out"),
            reverse("core:start"),
            reverse("core:healthz"),
            reverse("core:accessibility"),
            settings.STATIC_URL,
        )
        return path == "/" or any(path.startswith(p) for p in exempt if p != "/")
