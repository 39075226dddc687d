"""The learning team's and advocates' page for reports and feedback given on paper, by
phone or in person, and the printable report form (ADR 0035)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from candour.accounts.current import current_user
from candour.core.channels import Channel
from candour.core.form_actions import submit
from candour.core.languages import SITE_LANGUAGES, language
from candour.core.models import Organisation
from candour.core.printing import pdf_response
from candour.reporting.access import assisted_entry_organisations, reporting_organisations
from candour.reporting.assisted.forms import ReportEntryForm
from candour.reporting.assisted.paper import report_form_pdf
from candour.reporting.assisted.services import enter_report


def _entry_organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = assisted_entry_organisations(current_user(request)).filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


@login_required
@require_GET
def hub(request: HttpRequest) -> HttpResponse:
    """Where the learning team and advocates type in what was given on paper, by phone or
    in person, and print the paper forms."""
    organisations = list(assisted_entry_organisations(current_user(request)))
    if not organisations:
        raise PermissionDenied
    return render(
        request,
        "reporting/assisted/hub.html",
        {
            "organisations": organisations,
            "report_languages": [language(code) for code in SITE_LANGUAGES],
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def enter(request: HttpRequest, slug: str) -> HttpResponse:
    """Type in a report given on paper, by phone or in person: the online questions on one
    page, sent through the same service, and its receipt shown to pass on."""
    user = current_user(request)
    organisation = _entry_organisation(request, slug)
    data = request.POST if request.method == "POST" else None
    form = ReportEntryForm(data, organisation=organisation, today=timezone.localdate())
    token = _own_token(request)
    done = submit(
        request,
        form,
        lambda answers: enter_report(
            actor=user,
            channel=Channel(answers["channel"]),
            answers={**answers, "organisation": organisation},
            submission_token=token,
        ),
    )
    if done is not None:
        # Rendered, not redirected: the receipt exists only in this one response.
        return render(
            request,
            "reporting/assisted/receipt.html",
            {
                "organisation": organisation,
                "receipt": done.value.receipt,
                "report": done.value.report,
                "repeated": done.value.repeated,
                "working_days": settings.CANDOUR_REPORT_RESPONSE_WORKING_DAYS,
                "follow_up": settings.CANDOUR_BASE_URL.rstrip("/") + reverse("reporting:follow-up"),
            },
        )
    return render(
        request,
        "reporting/assisted/enter.html",
        {
            "organisation": organisation,
            "form": form,
            "submission_token": token or _new_token(request),
        },
        status=400 if request.method == "POST" else 200,
    )


# The one-off tokens of the entry pages this browser was given (the last few), so that a
# second press of Send makes no second report (as the online check page's do).
ENTRY_TOKENS = "candour_entry_tokens"


def _own_token(request: HttpRequest) -> str:
    token = request.POST.get("submission_token", "")
    return token if token and token in request.session.get(ENTRY_TOKENS, []) else ""


def _new_token(request: HttpRequest) -> str:
    token = secrets.token_urlsafe(24)
    request.session[ENTRY_TOKENS] = [*request.session.get(ENTRY_TOKENS, [])[-4:], token]
    return token


@require_GET
def paper_form(request: HttpRequest) -> HttpResponse:
    """The report form to print, for an organisation (?organisation=slug) or any, in the
    page's language or the one asked for (?language=cy)."""
    slug = request.GET.get("organisation", "")
    organisation = reporting_organisations().filter(slug=slug).first() if slug else None
    if slug and organisation is None:
        raise Http404
    asked = request.GET.get("language", "")
    code = asked if asked in SITE_LANGUAGES else translation.get_language()
    with translation.override(code):
        pdf = report_form_pdf(organisation)
    return pdf_response(pdf, filename=f"candour-report-form-{code}.pdf", download=False)
