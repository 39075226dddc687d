"""Typing in children's and families' feedback given on paper, by phone or in person, and
the printable feedback forms (ADR 0035)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from candour.accounts.current import current_user
from candour.core.channels import Channel
from candour.core.form_actions import submit
from candour.core.languages import (
    COMMUNITY_LANGUAGES,
    SITE_LANGUAGES,
    language,
    offers_community_languages,
    use_organisation_language,
)
from candour.core.models import Organisation
from candour.core.printing import pdf_response
from candour.reporting.access import assisted_entry_organisations
from candour.voice.access import active_link, links_in_use
from candour.voice.assisted.forms import FeedbackEntryForm
from candour.voice.assisted.paper import feedback_form_pdf
from candour.voice.assisted.services import enter_feedback
from candour.voice.vocabulary import AgeBand

PAPER_LANGUAGES = SITE_LANGUAGES + COMMUNITY_LANGUAGES


def _entry_organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = assisted_entry_organisations(current_user(request)).filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def enter(request: HttpRequest, slug: str) -> HttpResponse:
    """Type in feedback given on paper, by phone or in person; a disclosure goes to the
    duty team at once, as it does online, and the private code is shown to pass on."""
    user = current_user(request)
    organisation = _entry_organisation(request, slug)
    data = request.POST if request.method == "POST" else None
    form = FeedbackEntryForm(data, organisation=organisation)
    done = submit(
        request,
        form,
        lambda cleaned: enter_feedback(
            actor=user,
            link=cleaned["link"],
            channel=Channel(cleaned["channel"]),
            answers=form.answers(),
            language=cleaned["language"],
        ),
    )
    if done is not None:
        entered = done.value
        link = entered.submitted.feedback.link
        return render(
            request,
            "voice/assisted/receipt.html",
            {
                "organisation": organisation,
                "entered": entered,
                "reply_address": settings.CANDOUR_BASE_URL.rstrip("/")
                + reverse("voice:your-reply", args=[link.token if link else ""]),
            },
        )
    return render(
        request,
        "voice/assisted/enter.html",
        {"organisation": organisation, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def paper_forms(request: HttpRequest, slug: str) -> HttpResponse:
    """Each feedback link's paper forms, for every age band and language."""
    organisation = _entry_organisation(request, slug)
    links = links_in_use(organisation.pk)
    return render(
        request,
        "voice/assisted/paper_forms.html",
        {
            "organisation": organisation,
            "links": links,
            "bands": AgeBand.choices,
            "languages": [language(code) for code in PAPER_LANGUAGES],
        },
    )


@offers_community_languages
@require_GET
def paper_form(request: HttpRequest, token: str, band: str) -> HttpResponse:
    """A feedback link's paper form for one age band, in the page's language or the one
    asked for (?language=pl)."""
    link = active_link(token)
    use_organisation_language(request, link.organisation.default_language)
    if band not in AgeBand.values:
        raise Http404
    asked = request.GET.get("language", "")
    code = asked if asked in PAPER_LANGUAGES else translation.get_language()
    with translation.override(code):
        pdf = feedback_form_pdf(link, band)
    return pdf_response(pdf, filename=f"candour-feedback-form-{band}-{code}.pdf", download=False)
