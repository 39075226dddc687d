from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from candour.core.languages import switch_links
from candour.core.presenters import navigation_for


def service(request: HttpRequest) -> dict[str, object]:
    return {
        "service_name": settings.CANDOUR_SERVICE_NAME,
        "service_phase": settings.CANDOUR_PHASE,
        "support_email": settings.CANDOUR_SUPPORT_EMAIL,
        "navigation": navigation_for(request),
    }


def languages(request: HttpRequest) -> dict[str, object]:
    # The switch only on pages reached by GET: following a link from a page rendered for
    # a POST (a form with its errors) would lose what was typed.
    if request.method != "GET":
        return {"language_switch": []}
    return {"language_switch": switch_links(request)}
