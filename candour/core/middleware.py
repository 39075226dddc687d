from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict

# The JSON API's prefix: its errors are JSON, never the HTML pages.
API_PREFIX = "/api/v1/"

# No inline script or style anywhere: GOV.UK Frontend is initialised from a static module.
_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


class SecurityHeadersMiddleware:
    """Content Security Policy and the headers Django does not set itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp = _CSP + ("; upgrade-insecure-requests" if settings.SECURE_SSL_REDIRECT else "")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
        )
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # Pages may show confidential material: never keep them in shared or browser caches.
        if not request.path.startswith(settings.STATIC_URL):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


class RefuseNulCharactersMiddleware:
    """Refuse a path or query string holding a NUL character: 400, the GOV.UK page.

    No person types one; PostgreSQL cannot store or compare one, so a parameter that
    reached a query would be a server error there (SQLite would accept it). Refusing at
    the door covers every view that reads a parameter without a form. Form fields are
    left to the forms, which refuse a NUL in that field and keep everything else typed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Reading request.GET here also raises Django's own "too many fields" early; the
        # handlers turn it into the service's page.
        if "\x00" in request.path or self._has_nul(request.GET):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)

    @staticmethod
    def _has_nul(data: QueryDict) -> bool:
        return any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in data.lists()
        )


class ApiErrorsAsJsonMiddleware:
    """Every error the JSON API answers is JSON with a plain-English detail (ADR 0010).

    django-ninja answers its own errors so, but a wrong method (405) or a refused CSRF
    check on its root would otherwise be Django's bare text or the HTML page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            replaced = JsonResponse(
                {"detail": str(response.reason_phrase), "errors": []},
                status=response.status_code,
            )
            # Keep every other header (Allow, the security headers) of the original.
            for header, value in response.headers.items():
                if header.lower() not in ("content-type", "content-length"):
                    replaced[header] = value
            return replaced
        return response
