"""Organisational health pages for leaders: the early warning, workforce indicators,
absence and demand. Managers, analysts and administrators of the organisation only;
everyone else gets "not found" (health_access)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candour.accounts.current import current_user
from candour.core.organisation_picker import chosen_organisation
from candour.workforce.demand import demand_series, teams_with_demand
from candour.workforce.early_warning.services import change_thresholds, thresholds_for
from candour.workforce.health import access as health_access
from candour.workforce.health import presenters as health_presenters
from candour.workforce.health import services as health_services
from candour.workforce.health.forms import (
    INDICATOR_LABELS,
    ChartEventForm,
    DfeAreaForm,
    ThresholdsForm,
)
from candour.workforce.health.published import (
    COMPARED_MEASURES,
    POPULATION,
    compare,
    measures_named,
    published_figures,
)
from candour.workforce.health.published import trends as trends_of
from candour.workforce.indicators import (
    ABSENCE_QUARTERS,
    organisation_indicators,
)


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisations = health_access.health_organisations(user)
    organisation = chosen_organisation(organisations, request.GET.get("organisation"))
    indicators = organisation_indicators(organisation, today=timezone.localdate())
    latest = indicators.whole.latest
    figures = published_figures(organisation)
    years = figures.years()
    year = _chosen_year(request.GET.get("year"), years)
    since = _chosen_year(request.GET.get("since"), years)
    return render(
        request,
        "workforce/health/overview.html",
        {
            "organisations": organisations,
            "organisation": organisation,
            "statuses": health_presenters.status_lines(organisation, indicators),
            "headline": health_presenters.indicator_row(latest) if latest else None,
            "comparison_tables": health_presenters.comparison_tables(
                compare(figures, year=year, since=since), year=year
            ),
            "figures": figures,
            "population_loaded": figures.loaded(POPULATION),
            "years": years[::-1],
            "year": year or "",
            "since": since or "",
            "is_admin": health_access.may_change_thresholds(user, organisation),
            "may_add_events": health_services.may_manage_events(user, organisation),
        },
    )


def _chosen_year(value: str | None, years: list[str]) -> str | None:
    """A year from the selector, if it is one with published figures (else the latest)."""
    return value if value in years else None


# The seed question (issue 20): England's referrals and section 47 enquiries, year on year.
DEFAULT_TRENDS = ("referrals_count", "s47_count")


@login_required
@require_GET
def trends(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisations = health_access.health_organisations(user)
    organisation = chosen_organisation(organisations, request.GET.get("organisation"))
    figures = published_figures(organisation)
    years = figures.years()
    first = _chosen_year(request.GET.get("from"), years)
    last = _chosen_year(request.GET.get("to"), years)
    wanted = request.GET.get("measure", "")
    options = [(m.key, str(m.label)) for m in COMPARED_MEASURES if figures.shown(m)]
    keys = [wanted] if wanted in dict(options) else list(DEFAULT_TRENDS)
    found = trends_of(figures, first=first, last=last, measures=measures_named(keys))
    return render(
        request,
        "workforce/health/trends.html",
        {
            "organisations": organisations,
            "organisation": organisation,
            "figures": figures,
            "years": years,
            "first": first or "",
            "last": last or "",
            "measure": wanted if wanted in dict(options) else "",
            "options": options,
            "trends": health_presenters.trend_views(found, area_name=figures.area_name),
        },
    )


@login_required
@require_GET
def workforce(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisations = health_access.health_organisations(user)
    organisation = chosen_organisation(organisations, request.GET.get("organisation"))
    team = health_access.chosen_team(organisation, request.GET.get("team"))
    indicators = organisation_indicators(organisation, today=timezone.localdate())
    scope = indicators.whole
    if team is not None:
        scope = next(s for s in indicators.teams if s.team is not None and s.team.pk == team.pk)
    hidden = team is not None and scope.too_few
    return render(
        request,
        "workforce/health/workforce.html",
        {
            "organisations": organisations,
            "organisation": organisation,
            "teams": [s.team for s in indicators.teams],
            "team": team,
            "scope_name": scope.name,
            "rows": [
                health_presenters.indicator_row(p, absence_hidden=hidden) for p in scope.series
            ],
            "charts": health_presenters.indicator_charts(scope, absence_hidden=hidden),
            "absence_hidden": hidden,
            "fewer": health_presenters.FEWER,
        },
    )


@login_required
@require_GET
def absence(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisations = health_access.health_organisations(user)
    organisation = chosen_organisation(organisations, request.GET.get("organisation"))
    team = health_access.chosen_team(organisation, request.GET.get("team"))
    # The Bradford list: one team at a time, for administrators and service managers only.
    bradford_team = team if health_access.may_see_bradford(user, organisation) else None
    indicators = organisation_indicators(
        organisation,
        today=timezone.localdate(),
        bradford_team=bradford_team,
        absence_quarters=ABSENCE_QUARTERS,
    )
    scope = indicators.whole
    if team is not None:
        scope = next(s for s in indicators.teams if s.team is not None and s.team.pk == team.pk)
    from candour.lib.statistics.absence import BRADFORD_FACTOR_NOTE

    return render(
        request,
        "workforce/health/absence.html",
        {
            "organisations": organisations,
            "organisation": organisation,
            "teams": [s.team for s in indicators.teams],
            "team": team,
            "scope_name": scope.name,
            "detail": scope.absence,
            "page": health_presenters.absence_page(scope.absence),
            "trend": health_presenters.absence_trend(scope.absence_quarters),
            "bradford_note": BRADFORD_FACTOR_NOTE,
            "fewer": health_presenters.FEWER,
        },
    )


@login_required
@require_GET
def demand(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisations = health_access.health_organisations(user)
    organisation = chosen_organisation(organisations, request.GET.get("organisation"))
    team = health_access.chosen_team(organisation, request.GET.get("team"))
    return render(
        request,
        "workforce/health/demand.html",
        {
            "organisations": organisations,
            "organisation": organisation,
            # Teams whose council sends their own demand rows: each has its own charts.
            "teams": teams_with_demand(organisation),
            "team": team,
            "charts": [
                health_presenters.demand_chart(s) for s in demand_series(organisation, team)
            ],
            "may_add_events": health_services.may_manage_events(user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def thresholds(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = health_access.administered_health_organisation(
        user, request.GET.get("organisation")
    )
    if request.method == "POST":
        form = ThresholdsForm(request.POST)
        if form.is_valid():
            change_thresholds(actor=user, organisation=organisation, thresholds=form.thresholds())
            messages.success(request, _("Early-warning thresholds saved"))
            return redirect(f"{reverse('workforce:health')}?organisation={organisation.pk}")
    else:
        form = ThresholdsForm(initial=ThresholdsForm.initial_from(thresholds_for(organisation)))
    indicators = [
        (label, form[f"{name}_strain"], form[f"{name}_worsening"], form[f"{name}_above_usual"])
        for name, label in INDICATOR_LABELS.items()
    ]
    return render(
        request,
        "workforce/health/thresholds.html",
        {"organisation": organisation, "form": form, "indicators": indicators},
    )


@login_required
@require_http_methods(["GET", "POST"])
def dfe_area(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = health_access.administered_health_organisation(
        user, request.GET.get("organisation")
    )
    areas = health_services.dfe_areas()
    if request.method == "POST":
        form = DfeAreaForm(request.POST, areas=areas)
        if form.is_valid():
            health_services.set_dfe_area(
                actor=user, organisation=organisation, area_code=form.cleaned_data["area_code"]
            )
            messages.success(request, _("DfE local authority saved"))
            return redirect(f"{reverse('workforce:health')}?organisation={organisation.pk}")
    else:
        form = DfeAreaForm(
            initial={"area_code": health_services.dfe_area_of(organisation)}, areas=areas
        )
    return render(
        request,
        "workforce/health/dfe_area.html",
        {"organisation": organisation, "form": form, "loaded": bool(areas)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def events(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = health_access.event_organisation(user, request.GET.get("organisation"))
    if request.method == "POST":
        form = ChartEventForm(request.POST)
        if form.is_valid():
            health_services.add_chart_event(
                actor=user,
                organisation=organisation,
                on_date=form.cleaned_data["on_date"],
                label=form.cleaned_data["label"],
            )
            messages.success(request, _("Event added to the charts"))
            return redirect(f"{reverse('workforce:health-events')}?organisation={organisation.pk}")
    else:
        form = ChartEventForm()
    return render(
        request,
        "workforce/health/events.html",
        {
            "organisation": organisation,
            "form": form,
            "events": list(health_services.events_of(organisation)),
        },
    )


@login_required
@require_POST
def delete_event(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    organisation = health_access.event_organisation(user, request.GET.get("organisation"))
    event = health_services.events_of(organisation).filter(pk=pk).first()
    if event is None:
        raise Http404
    health_services.delete_chart_event(actor=user, event=event)
    messages.success(request, _("Event removed from the charts"))
    return redirect(f"{reverse('workforce:health-events')}?organisation={organisation.pk}")
