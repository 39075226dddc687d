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
from candour.workforce.demand import demand_series
from candour.workforce.early_warning.services import assess_scope, thresholds_for
from candour.workforce.health import access as health_access
from candour.workforce.health.published import dfe_comparisons
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


class HealthOut(Schema):
    organisation_id: int
    organisation: str
    whole: IndicatorsOut
    teams: list[TeamIndicatorsOut]
    comparisons: list[ComparisonOut]


def _indicators(
    scope: ScopeIndicators, thresholds: SpiralThresholds, *, small: bool
) -> dict[str, Any]:
    latest = scope.latest
    assessment = assess_scope(scope, thresholds)
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
    "DfE comparisons. Anyone else's organisation is not found.",
)
def health_indicators(request: HttpRequest, filters: Query[HealthFilters]) -> HealthOut:
    organisation = _organisation(request, filters)
    indicators = organisation_indicators(organisation, today=timezone.localdate())
    thresholds = thresholds_for(organisation)
    return HealthOut(
        organisation_id=organisation.pk,
        organisation=organisation.name,
        whole=IndicatorsOut(**_indicators(indicators.whole, thresholds, small=False)),
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
            )
            for c in dfe_comparisons(organisation)
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


class HealthSeriesOut(Schema):
    organisation_id: int
    organisation: str
    scopes: list[ScopeSeriesOut] = Field(description="The whole organisation, then each team.")
    demand: list[DemandSeriesOut]


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
    "measure's counts with its seasonal baseline, control-chart flags and events. "
    "Anyone else's organisation is not found.",
)
def health_series(request: HttpRequest, filters: Query[HealthFilters]) -> HealthSeriesOut:
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
            ],
        )
        for series in demand_series(organisation)
    ]
    return HealthSeriesOut(
        organisation_id=organisation.pk,
        organisation=organisation.name,
        scopes=scopes,
        demand=demand,
    )
