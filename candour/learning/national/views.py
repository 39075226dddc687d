"""National analysts: search reviewed reports across organisations, and read one of them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from candour.accounts.current import current_user
from candour.core.organisation_picker import chosen_filter
from candour.learning.national.access import (
    QUERY_LENGTH,
    get_report_for_national_analyst,
    national_row,
    pooled_organisations,
    primary_coding,
    search_across_organisations,
    similar_across_organisations,
)
from candour.reporting.presenters import deidentified_fields, factor_labels


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisations = pooled_organisations(user)
    chosen = chosen_filter(organisations, request.GET.get("organisation"))
    query = request.GET.get("q", "").strip()[:QUERY_LENGTH]
    results = None
    if query:
        results = search_across_organisations(
            actor=user, text=query, organisations=[chosen] if chosen else organisations
        )
    return render(
        request,
        "learning/national/search.html",
        {
            "query": query,
            "organisations": organisations,
            "chosen": chosen,
            "results": results,
            "query_length": QUERY_LENGTH,
        },
    )


@login_required
@require_GET
def report(request: HttpRequest, reference: str) -> HttpResponse:
    user = current_user(request)
    found = get_report_for_national_analyst(user, reference)
    return render(
        request,
        "learning/national/report.html",
        {
            "summary": national_row(found),
            "fields": deidentified_fields(found),
            "factors": factor_labels(found.factors),
            "coding": primary_coding(found),
            "similar": similar_across_organisations(user, found),
        },
    )
