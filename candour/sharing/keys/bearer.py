"""Bearer authentication for unscheduled-care settings' keys: `Authorization: Bearer cpis_...`.

The key's value is never logged; a wrong key is refused like no key (401), and a key that
is sent but refused (wrong, revoked, or of a setting no longer registered) is audited,
in aggregate per client and window so that refusals cannot grow the trail without limit.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from candour.core.client import client_key
from candour.sharing.models import SettingKey
from candour.sharing.services import authenticate_setting_key


class SettingKeyBearer(HttpBearer):
    """django-ninja's bearer scheme for setting keys, without logging the header's value."""

    def __call__(self, request: HttpRequest) -> Any:
        scheme, _space, value = request.headers.get(self.header, "").partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            return None
        return self.authenticate(request, value.strip())

    def authenticate(self, request: HttpRequest, token: str) -> SettingKey | None:
        return authenticate_setting_key(token, client=client_key(request))
