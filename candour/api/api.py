"""The JSON API, version 1: django-ninja, bearer tokens only, OpenAPI at /api/v1/openapi.json.

Errors always have the shape of `schemas.Error`: a plain-English `detail` and, for 422,
one message per field. Service refusals map to HTTP: ValidationError 422,
PermissionDenied 403, Http404 404 (ADR 0010).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError

from candour.api.auth import FAILURE_WINDOW, PersonalToken
from candour.api.health_api import router as health_router
from candour.api.ideas_api import router as ideas_router
from candour.api.schemas import NO_NUL, Error, FieldError
from candour.api.sharing_api import router as sharing_router

DESCRIPTION = """
Candour's improvement ideas, organisational-health indicators and child protection
information sharing, for the people and tools that work with them.

**Authentication.** Create a personal API token at `/account/api-tokens/` and send it with
every request as `Authorization: Bearer <token>`. A token acts as you: it sees and
changes exactly what you can on the improvement board. Signing in with a cookie does not
work here. People whose role needs a security code to sign in cannot use tokens yet.

**Information sharing.** Unscheduled-care settings look children up with a setting key
(`POST /sharing/lookups`) and learn only whether a current plan exists, its type, start
date and the team to contact (with the duty number, plans ended in the last year and the
child's attendances in other settings). Every lookup is audited and limited to 30 a
minute. NHS systems can ask the same through FHIR R4: `POST /api/fhir/R4/Flag/_search`,
described by the CapabilityStatement at `/api/fhir/R4/metadata`. Local authorities send
their daily full file to `POST /sharing/flags/reconcile`.

**Errors.** Every error has a plain-English `detail`; a 422 also lists what to change in
each field under `errors`.
"""

api = NinjaAPI(
    title="Candour API",
    version="1",
    description=DESCRIPTION.strip(),
    urls_namespace="api-v1",
    # The interactive page would load Swagger UI; the plain page at /api/ links this
    # document instead, so nothing needs a CDN or inline script.
    docs_url=None,
    auth=PersonalToken(),
)
api.add_router("/", ideas_router)
api.add_router("/", health_router)
api.add_router("/", sharing_router)

# Plain-English messages for what a client most often gets wrong.
_MISSING = {
    "team_id": gettext_lazy("Choose the team the idea is for"),
    "problem_kind": gettext_lazy("Choose what kind of problem it is"),
    "problem": gettext_lazy("Describe the problem"),
    "idea": gettext_lazy("Describe your idea"),
    "expected_benefit": gettext_lazy("Say what difference it would make"),
    "to_status": gettext_lazy("Choose the stage to move the idea to"),
}
# The service's field names where the API's differ.
_API_FIELD = {"team": "team_id"}


def _field(loc: tuple[Any, ...] | list[Any]) -> str | None:
    source, *rest = loc
    if source == "body" and rest:
        rest = rest[1:]  # the payload parameter's own name
    return ".".join(str(part) for part in rest) or None


def _message(error: dict[str, Any], field: str | None) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx", {})
    if kind == "missing":
        return str(_MISSING.get(field or "", _("This field is required")))
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == NO_NUL:
        return _("Remove the null characters from this text")
    messages = {
        "enum": _("Choose one of %(choices)s") % {"choices": ctx.get("expected", "")},
        "int_parsing": _("Enter a whole number"),
        "int_type": _("Enter a whole number"),
        "less_than_equal": _("Enter a number no bigger than %(le)s") % {"le": ctx.get("le")},
        "greater_than_equal": _("Enter a number of at least %(ge)s") % {"ge": ctx.get("ge")},
        "date_parsing": _("Enter a date as YYYY-MM-DD"),
        "date_from_datetime_parsing": _("Enter a date as YYYY-MM-DD"),
        "date_type": _("Enter a date as YYYY-MM-DD"),
        "bool_parsing": _("Enter true or false"),
        "bool_type": _("Enter true or false"),
        "string_type": _("Enter text"),
        "json_invalid": _("Send the body as JSON"),
        "string_too_long": _("Keep it to %(max_length)s characters or fewer")
        % {"max_length": ctx.get("max_length")},
        "model_attributes_type": _("Send the body as a JSON object"),
    }
    return str(messages.get(kind, error.get("msg", _("Check this value"))))


def _refusal(request: HttpRequest, detail: str, errors: list[FieldError]) -> HttpResponse:
    body = Error(detail=detail, errors=errors).model_dump(mode="json")
    return api.create_response(request, body, status=422)


@api.exception_handler(RequestValidationError)
def request_invalid(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        field = _field(error.get("loc", ("body",)))
        errors.append(FieldError(field=field, message=_message(error, field)))
    return _refusal(request, _("Some of what was sent needs changing"), errors)


@api.exception_handler(DjangoValidationError)
def service_refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [
            FieldError(
                field=None if name == NON_FIELD_ERRORS else _API_FIELD.get(name, name),
                message=str(message),
            )
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [FieldError(field=None, message=str(message)) for message in exc.messages]
    return _refusal(request, errors[0].message if errors else _("Not allowed"), errors)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    detail = str(exc) or _("You cannot do this")
    return api.create_response(request, {"detail": detail, "errors": []}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # No detail from the exception: it must not say why (it might not be yours).
    return api.create_response(request, {"detail": _("Not found"), "errors": []}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        {
            "detail": _(
                "Send a personal API token, or a setting key for information-sharing "
                "lookups: Authorization: Bearer <token>"
            ),
            "errors": [],
        },
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="candour"'
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    response = api.create_response(
        request, {"detail": str(exc), "errors": []}, status=exc.status_code
    )
    if exc.status_code == 429:
        # Lookups are limited per minute; token guessing is paused for the failure window.
        lookups = request.path.startswith("/api/v1/sharing/lookups")
        response["Retry-After"] = "60" if lookups else str(int(FAILURE_WINDOW.total_seconds()))
    return response
