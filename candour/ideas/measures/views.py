"""The kaizen measures page and the 'what we changed' page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from candour.accounts.current import current_user
from candour.core.organisation_picker import chosen_organisation
from candour.ideas.effect import recently_judged
from candour.ideas.measures.access import (
    adopted_ideas,
    ideas_shared_with,
    measures_organisations,
    member_organisations,
)
from candour.ideas.measures.figures import changed_ideas, changed_totals, measures_for

CHANGED_PER_PAGE = 25


@login_required
@require_GET
def measures(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisations = measures_organisations(user)
    organisation = chosen_organisation(organisations, request.GET.get("organisation"))
    return render(
        request,
        "ideas/measures.html",
        {
            "organisations": organisations,
            "organisation": organisation,
            "measures": measures_for(organisation),
            "judged": recently_judged(organisation.pk),
        },
    )


@login_required
@require_GET
def what_we_changed(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisations = member_organisations(user)
    organisation = chosen_organisation(organisations, request.GET.get("organisation"))
    ours = adopted_ideas(organisation)
    page = Paginator(ours, CHANGED_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "ideas/changed.html",
        {
            "organisations": organisations,
            "organisation": organisation,
            "totals": changed_totals(ours),
            "page": page,
            "changed": changed_ideas(page.object_list),
            "shared": changed_ideas(ideas_shared_with(organisation)),
        },
    )
