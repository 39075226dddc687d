"""The feedback results page: what children and families said, counted, by team and for
the organisation, with no figure about fewer than 10 children."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from candour.accounts.current import current_user
from candour.accounts.roles import Role
from candour.core.organisation_picker import chosen_organisation, chosen_team
from candour.voice.results.access import organisation_teams, results_organisations
from candour.voice.results.figures import SMALLEST_SHOWN, results_for


@login_required
@require_GET
def results(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisations = results_organisations(user)
    organisation = chosen_organisation(organisations, request.GET.get("organisation"))
    teams = organisation_teams(organisation)
    team = chosen_team(teams, request.GET.get("team"))
    return render(
        request,
        "voice/results.html",
        {
            "organisations": organisations,
            "organisation": organisation,
            "teams": teams,
            "team": team,
            "results": results_for(organisation, today=timezone.localdate(), team=team),
            "smallest": SMALLEST_SHOWN,
            "is_analyst": organisation.pk in user.organisation_ids_with_role(Role.ANALYST),
        },
    )
