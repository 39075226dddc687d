"""Organisational health over the API: the latest workforce indicators and early-warning
status, and their monthly series and the demand series, for an organisation where the
caller is a manager, analyst or administrator.

Reads start from `health_access.health_organisations` (404 for any other organisation);
no person-level figures (the Bradford list) are ever served here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from candour.api.auth import caller
from candour.api.schemas import Error
from candour.core.models import Organisation
from candour.core.organisation_picker import chosen_organisation
from candour.lib.statistics.spiral import SpiralThresholds
from candour.workforce.demand import demand_series, surge_months
from candour.workforce.early_warning.services import assess_scope, thresholds_for
from candour.workforce.health import access as health_access
from candour.workforce.health.published import dfe_comparisons, published_figures, trends
from candour.workforce.indicators import (
    PeriodIndicators,
    ScopeIndicators,
    organisation_indicators,
)

router = Router(tags=["health"])


class HealthFilters(Schema):
    organisation: int | None = Field(
        default=None,
        description="The organisation's id; by default the first you may read.",
    )


class IndicatorFilters(HealthFilters):
    year: str | None = Field(
        default=None,
        description="The DfE year to compare, e.g. `2024` (default: the latest published).",
        pattern=r"^\d{4}$",
    )
    since: str | None = Field(
        default=None,
        description="Also give the change since this DfE year, e.g. `2013`.",
        pattern=r"^\d{4}$",
    )


class SeriesFilters(HealthFilters):
    from_year: int | None = Field(
        default=None,
        description="The first year: the organisation's demand periods starting in it or "
        "later, and the DfE's published years from it.",
    )
    to_year: int | None = Field(
        default=None, description="The last year, for both, in the same way."
    )


class IndicatorsOut(Schema):
    period: date | None = Field(description="The last day of the month the figures are for.")
    in_post_fte: float | None
    turnover_rate: float | None = Field(description="Leavers in 12 months / in post, %.")
    starters_fte: float | None = Field(
        description="Social workers (FTE) who joined the council in the 12 months; moves "
        "within it are not starters."
    )
    starter_rate: float | None = Field(description="Starters in 12 months / in post, %.")
    vacancy_rate: float | None = Field(description="Vacancies / (vacancies + in post), %.")
    agency_rate: float | None = Field(description="Agency / (agency + in post), %.")
    average_caseload: float | None = Field(description="Cases / case-holding FTE.")
    share_over_20_cases: float | None = Field(description="Case holders with 21 or more, %.")
    share_over_30_cases: float | None = Field(description="Case holders with 31 or more, %.")
    absence_rate: float | None = Field(
        description="FTE working days lost in the month / (in-post FTE x the month's working "
        "days), %. Null for a team of fewer than 5 people."
    )
    status: str | None = Field(description="`steady`, `strained` or `spiralling`; null: no data.")
    evidence: list[str] = Field(description="Why, in plain English.")


class TeamIndicatorsOut(IndicatorsOut):
    team_id: int
    team: str


class ComparisonOut(Schema):
    measure: str
    label: str
    group: str = Field(
        description="`workforce` (year to 30 September) or `demand` (year to 31 March)."
    )
    time_period: str
    ours: float | None
    neighbours: float | None = Field(
        description="Plain mean of the statistical neighbours with a published figure."
    )
    neighbours_counted: int = Field(description="How many neighbours that mean is over.")
    region: float | None
    england: float | None
    kind: str = Field(
        description="`count` (as published), `rate` (a rate, share or average) or `change` "
        "(already a change on the year, %)."
    )
    note: str = Field(
        description="Where this area's figure came from when not its own current code (an "
        "earlier code, a shared service), or that its latest year is older than England's."
    )
    base_period: str | None = Field(description="The year changes are measured from, if asked.")
    ours_change: float | None = Field(
        description="Change since base_period: % for a count, points for a rate."
    )
    neighbours_change: float | None
    region_change: float | None
    england_change: float | None


class HealthOut(Schema):
    organisation_id: int
    organisation: str
    whole: IndicatorsOut
    teams: list[TeamIndicatorsOut]
    comparisons: list[ComparisonOut]


def _indicators(
    scope: ScopeIndicators,
    thresholds: SpiralThresholds,
    *,
    small: bool,
    surges: dict[date, tuple[str, ...]] | None = None,
) -> dict[str, Any]:
    latest = scope.latest
    assessment = assess_scope(scope, thresholds, surges)
    return {
        "period": latest.period if latest else None,
        "in_post_fte": latest.in_post_fte if latest else None,
        "turnover_rate": latest.turnover_rate if latest else None,
        "starters_fte": latest.starters_fte if latest else None,
        "starter_rate": latest.starter_rate if latest else None,
        "vacancy_rate": latest.vacancy_rate if latest else None,
        "agency_rate": latest.agency_rate if latest else None,
        "average_caseload": latest.average_caseload if latest else None,
        "share_over_20_cases": latest.share_above(20) if latest else None,
        "share_over_30_cases": latest.share_above(30) if latest else None,
        "absence_rate": None if small or latest is None else latest.absence_rate,
        "status": str(assessment.status) if assessment else None,
        "evidence": assessment.explanation() if assessment else [],
    }


def _organisation(request: HttpRequest, filters: HealthFilters) -> Organisation:
    user = caller(request)
    organisations = health_access.health_organisations(user)
    value = str(filters.organisation) if filters.organisation is not None else None
    return chosen_organisation(organisations, value)


@router.get(
    "/health/indicators",
    response={200: HealthOut, 401: Error, 404: Error, 422: Error, 429: Error},
    operation_id="health_indicators",
    summary="The latest workforce indicators and early-warning status",
    description="For an organisation where you are a manager, analyst or administrator: "
    "the latest month's indicators and status for the organisation and each team, and the "
    "DfE comparisons (England always; the organisation's area, neighbours and region once "
    "set) for the chosen year, with the change since another. Anyone else's organisation "
    "is not found.",
)
def health_indicators(request: HttpRequest, filters: Query[IndicatorFilters]) -> HealthOut:
    organisation = _organisation(request, filters)
    indicators = organisation_indicators(organisation, today=timezone.localdate())
    thresholds = thresholds_for(organisation)
    return HealthOut(
        organisation_id=organisation.pk,
        organisation=organisation.name,
        whole=IndicatorsOut(
            **_indicators(
                indicators.whole, thresholds, small=False, surges=surge_months(organisation)
            )
        ),
        teams=[
            TeamIndicatorsOut(
                team_id=scope.team.pk,
                team=scope.team.name,
                **_indicators(scope, thresholds, small=scope.too_few),
            )
            for scope in indicators.teams
            if scope.team is not None
        ],
        comparisons=[
            ComparisonOut(
                measure=c.measure,
                label=c.label,
                group=c.group,
                time_period=c.time_period,
                ours=c.ours,
                neighbours=c.neighbours,
                neighbours_counted=c.neighbours_counted,
                region=c.region,
                england=c.england,
                kind=c.kind,
                note=c.note,
                base_period=c.base_period,
                ours_change=c.ours_change,
                neighbours_change=c.neighbours_change,
                region_change=c.region_change,
                england_change=c.england_change,
            )
            for c in dfe_comparisons(organisation, year=filters.year, since=filters.since)
        ],
    )


class MonthOut(Schema):
    period: date = Field(description="The last day of the month.")
    in_post_fte: float
    turnover_rate: float | None = Field(description="Leavers in 12 months / in post, %.")
    starters_fte: float = Field(description="Starters (FTE) in the 12 months.")
    starter_rate: float | None = Field(description="Starters in 12 months / in post, %.")
    vacancy_rate: float | None
    agency_rate: float | None
    average_caseload: float | None = Field(description="Cases / case-holding FTE.")
    absence_rate: float | None = Field(
        description="FTE working days lost in the month by social workers in post at its "
        "end / (their FTE x working days less bank holidays), %. Null for a team of fewer "
        "than 5 people."
    )
    referrals: int | None = Field(description="Referrals in the month; null: not recorded.")
    referrals_per_case_holder: float | None = Field(
        description="Referrals in the month / case-holding FTE."
    )


class ScopeSeriesOut(Schema):
    team_id: int | None = Field(description="Null: the whole organisation.")
    team: str
    months: list[MonthOut] = Field(description="Oldest first, up to 12 months.")


class DemandPointOut(Schema):
    period_start: date
    count: int | None = Field(description="Null: not recorded (never read as zero).")
    expected: float | None = Field(description="The seasonal baseline; null: none yet.")
    flags: list[str] = Field(description="The control-chart rules that fired, in words.")
    events: list[str] = Field(description="Events annotated in this period.")


class DemandSeriesOut(Schema):
    measure: str
    label: str
    frequency: str = Field(description="`weekly` or `monthly`, as imported.")
    points: list[DemandPointOut]


class PublishedYearOut(Schema):
    year: str = Field(description="The DfE's time period: the year to 31 March or 30 September.")
    ours: float | None = Field(description="The organisation's area; null without one.")
    neighbours: float | None = Field(description="The statistical neighbours' plain mean.")
    region: float | None
    england: float | None
    note: str = Field(description="Where the area's figure came from, when not its own code.")


class PublishedSeriesOut(Schema):
    measure: str
    label: str
    group: str = Field(description="`workforce` or `demand`.")
    kind: str = Field(description="`count`, `rate` or `change`.")
    years: list[PublishedYearOut] = Field(description="Oldest first.")


class HealthSeriesOut(Schema):
    organisation_id: int
    organisation: str
    scopes: list[ScopeSeriesOut] = Field(description="The whole organisation, then each team.")
    demand: list[DemandSeriesOut]
    area: str = Field(description="The DfE local authority code compared; empty: England only.")
    national: list[PublishedSeriesOut] = Field(
        description="Every DfE measure each year: the area, its neighbours, region and "
        "England (the national series), within the same years as the demand series."
    )


def _month(item: PeriodIndicators, *, small: bool) -> MonthOut:
    return MonthOut(
        period=item.period,
        in_post_fte=item.in_post_fte,
        turnover_rate=item.turnover_rate,
        starters_fte=item.starters_fte,
        starter_rate=item.starter_rate,
        vacancy_rate=item.vacancy_rate,
        agency_rate=item.agency_rate,
        average_caseload=item.average_caseload,
        absence_rate=None if small else item.absence_rate,
        referrals=item.referrals,
        referrals_per_case_holder=item.referrals_per_case_holder,
    )


@router.get(
    "/health/series",
    response={200: HealthSeriesOut, 401: Error, 404: Error, 422: Error, 429: Error},
    operation_id="health_series",
    summary="Workforce indicators month by month, and demand over time",
    description="For an organisation where you are a manager, analyst or administrator: "
    "the last 12 months' indicators for the organisation and each team, and each demand "
    "measure's counts with its seasonal baseline, control-chart flags and events; and the "
    "DfE's published series for its area, neighbours, region and England. "
    "Anyone else's organisation is not found.",
)
def health_series(request: HttpRequest, filters: Query[SeriesFilters]) -> HealthSeriesOut:
    organisation = _organisation(request, filters)
    indicators = organisation_indicators(organisation, today=timezone.localdate())
    scopes = [
        ScopeSeriesOut(
            team_id=scope.team.pk if scope.team else None,
            team=scope.name,
            months=[_month(item, small=scope.too_few) for item in scope.series],
        )
        for scope in [indicators.whole, *indicators.teams]
    ]
    demand = [
        DemandSeriesOut(
            measure=series.measure,
            label=series.label,
            frequency=str(series.frequency),
            points=[
                DemandPointOut(
                    period_start=item.point.period,
                    count=item.point.observed,
                    expected=item.point.baseline.expected if item.point.baseline else None,
                    flags=item.flags,
                    events=list(item.events),
                )
                for item in series.points
                if (filters.from_year is None or item.point.period.year >= filters.from_year)
                and (filters.to_year is None or item.point.period.year <= filters.to_year)
            ],
        )
        for series in demand_series(organisation)
    ]
    figures = published_figures(organisation)
    national = [
        PublishedSeriesOut(
            measure=trend.measure,
            label=trend.label,
            group=trend.group,
            kind=trend.kind,
            years=[
                PublishedYearOut(
                    year=period,
                    ours=trend.ours[index],
                    neighbours=trend.neighbours[index],
                    region=trend.region[index],
                    england=trend.england[index],
                    note=trend.notes[index],
                )
                for index, period in enumerate(trend.periods)
            ],
        )
        for trend in trends(
            figures,
            first=str(filters.from_year) if filters.from_year is not None else None,
            last=str(filters.to_year) if filters.to_year is not None else None,
        )
    ]
    return HealthSeriesOut(
        organisation_id=organisation.pk,
        organisation=organisation.name,
        scopes=scopes,
        demand=demand,
        area=figures.area,
        national=national,
    )
