"""The FHIR R4 interface for NHS systems, beside the JSON API (ADR 0025).

The same lookup service answers: the same setting keys, the same 30 a minute, the same
audit of every lookup, refused ones too. Only `POST Flag/_search` looks a child up, so
the NHS number never travels in a URL (which proxies and access logs keep); a GET is
refused before anything is read.
"""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from candour.api.fhir import resources
from candour.core.client import client_key
from candour.lib import nhs_number
from candour.sharing import services
from candour.sharing.models import SettingKey


def _response(body: resources.Json, status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type=resources.CONTENT_TYPE,
    )


def _problem(status: int, code: str, text: str) -> HttpResponse:
    return _response(resources.outcome("error", code, text), status)


def _key(request: HttpRequest) -> SettingKey | None:
    scheme, _space, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return services.authenticate_setting_key(value.strip(), client=client_key(request))


def _nhs_number(value: str) -> str:
    """The number from a token search value; a system other than NHS England's is kept in
    the value so that the lookup refuses it as not a number."""
    system, bar, number = value.partition("|")
    if not bar:
        return value
    return number if system in ("", resources.NHS_NUMBER_SYSTEM) else value


@require_GET
def metadata(request: HttpRequest) -> HttpResponse:
    """The CapabilityStatement: public, as FHIR servers' are; it holds no data."""
    return _response(resources.capability_statement(timezone.localdate()))


@csrf_exempt  # bearer keys only, never a cookie: no browser can be made to send one
def flag_search(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        response = _problem(
            405,
            "not-supported",
            _("Search with POST Flag/_search, so that the NHS number is not put in a URL"),
        )
        response["Allow"] = "POST"
        return response
    key = _key(request)
    if key is None:
        response = _problem(
            401, "login", _("Send your setting's key: Authorization: Bearer cpis_...")
        )
        response["WWW-Authenticate"] = 'Bearer realm="candour"'
        return response
    params = request.POST
    identifier = params.get("patient:identifier") or params.get("patient.identifier") or ""
    number = _nhs_number(identifier)
    try:
        answer = services.look_up(
            setting=key.setting,
            nhs=number,
            reason=params.get("reason", ""),
            reason_other=params.get("reason-other", ""),
            requested_by=params.get("requester", ""),
            key=key,
        )
    except services.LookupRateLimitedError:
        response = _problem(429, "throttled", _("Too many lookups: wait a minute and try again"))
        response["Retry-After"] = "60"
        return response
    except ValidationError as error:
        names = {"nhs_number": "patient:identifier", "requested_by": "requester"}
        text = "; ".join(
            f"{names.get(field, field.replace('_', '-'))}: {message}"
            for field, messages in error.message_dict.items()
            for message in messages
        )
        return _problem(400, "invalid", text)
    except PermissionDenied:
        return _problem(403, "forbidden", _("This key cannot look children up"))
    checked = nhs_number.check(number)  # valid, or the lookup would have refused it
    return _response(resources.search_bundle(answer, checked, timezone.now()))
