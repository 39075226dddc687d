from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from candour.accounts.current import current_user, previous_sign_in
from candour.core import services
from candour.core.access import (
    get_administered_organisation,
    get_administered_user,
    people_of,
)
from candour.core.form_actions import submit
from candour.core.forms import (
    CaseReferencePatternsForm,
    DefaultLanguageForm,
    SafetyLeadForm,
    TeamForm,
)
from candour.core.middleware import API_PREFIX
from candour.core.presenters import home_page_for, organisation_overview


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "core/start.html")


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    page = home_page_for(current_user(request), since=previous_sign_in(request))
    return render(request, "core/home.html", {"page": page})


@login_required
@require_GET
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_administered_organisation(current_user(request), slug)
    return render(request, "core/organisation.html", {"overview": organisation_overview(org)})


@login_required
@require_http_methods(["GET", "POST"])
def add_team(request: HttpRequest, slug: str) -> HttpResponse:
    user = current_user(request)
    org = get_administered_organisation(user, slug)
    form = TeamForm(request.POST if request.method == "POST" else None)
    if submit(
        request,
        form,
        lambda data: services.create_team(actor=user, organisation=org, name=data["name"]),
        success=lambda team: _("Team %(name)s added") % {"name": team.name},
    ):
        return redirect("core:organisation", slug=org.slug)
    return render(request, "core/add_team.html", {"form": form, "organisation": org})


@login_required
@require_http_methods(["GET", "POST"])
def case_reference_patterns(request: HttpRequest, slug: str) -> HttpResponse:
    user = current_user(request)
    org = get_administered_organisation(user, slug)
    form = CaseReferencePatternsForm(
        request.POST if request.method == "POST" else None,
        initial={"patterns": "\n".join(org.case_reference_patterns)},
    )
    if submit(
        request,
        form,
        lambda data: services.set_case_reference_patterns(
            actor=user, organisation=org, patterns=data["patterns"].splitlines()
        ),
        success=_("Case number formats saved"),
    ):
        return redirect("core:organisation", slug=org.slug)
    return render(request, "core/case_reference_patterns.html", {"form": form, "organisation": org})


@login_required
@require_http_methods(["GET", "POST"])
def safety_lead(request: HttpRequest, slug: str) -> HttpResponse:
    user = current_user(request)
    org = get_administered_organisation(user, slug)
    people = people_of(org)
    form = SafetyLeadForm(
        request.POST if request.method == "POST" else None,
        initial={"lead": org.safety_lead_id},
        people=people,
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["lead"]
        services.set_safety_lead(
            actor=user,
            organisation=org,
            lead=get_administered_user(user, org, int(chosen)) if chosen else None,
        )
        messages.success(request, _("Safety lead saved"))
        return redirect("core:organisation", slug=org.slug)
    return render(request, "core/safety_lead.html", {"form": form, "organisation": org})


@login_required
@require_http_methods(["GET", "POST"])
def default_language(request: HttpRequest, slug: str) -> HttpResponse:
    user = current_user(request)
    org = get_administered_organisation(user, slug)
    form = DefaultLanguageForm(
        request.POST if request.method == "POST" else None,
        initial={"language": org.default_language},
    )
    if submit(
        request,
        form,
        lambda data: services.set_default_language(
            actor=user, organisation=org, language=data["language"]
        ),
        success=_("Language of public pages saved"),
    ):
        return redirect("core:organisation", slug=org.slug)
    return render(request, "core/default_language.html", {"form": form, "organisation": org})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "core/csrf_failure.html", status=403)


# Requests whose body or query string was over Django's limits: "too large" (413), not 400.
_TOO_LARGE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def _for_api(request: HttpRequest) -> bool:
    """The JSON API answers errors as JSON with a plain-English detail (ADR 0010)."""
    return request.path.startswith(API_PREFIX)


def _api_problem(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail, "errors": []}, status=status)


def _without_request(template: str, status: int) -> HttpResponse:
    # No request context: the request itself is what could not be read (a bad Host header
    # would fail again in the context processors), or the database may be what failed.
    body = loader.get_template(template).render(
        {
            "service_name": settings.CANDOUR_SERVICE_NAME,
            "service_phase": settings.CANDOUR_PHASE,
            "support_email": settings.CANDOUR_SUPPORT_EMAIL,
        }
    )
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    too_large = isinstance(exception, _TOO_LARGE)
    if _for_api(request):
        if too_large:
            return _api_problem(_("The request was too large"), 413)
        return _api_problem(_("The request could not be read"), 400)
    if too_large:
        return _without_request("core/413.html", 413)
    return _without_request("core/400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _for_api(request):
        return _api_problem(_("You cannot do that"), 403)
    return render(request, "core/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _for_api(request):
        return _api_problem(_("Not found"), 404)
    return render(request, "core/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _for_api(request):
        return _api_problem(_("Sorry, there is a problem with the service"), 500)
    return _without_request("core/500.html", 500)
