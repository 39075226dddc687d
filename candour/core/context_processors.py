from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from candour.core.presenters import navigation_for


def service(request: HttpRequest) -> dict[str, object]:
    return {
        "service_name": settings.CANDOUR_SERVICE_NAME,
        "service_phase": settings.CANDOUR_PHASE,
        "support_email": settings.CANDOUR_SUPPORT_EMAIL,
        "navigation": navigation_for(request),
    }
