"""The early warning: steady, strained or spiralling, per team and for the organisation.

``assess`` builds each scope's monthly HealthPeriod series (candour.workforce.indicators:
cases held per case-holding FTE, vacancy, agency, annualised turnover and absence rates,
and referrals in the month per case-holding FTE), judges it with the organisation's
SpiralThresholds (statistics.spiral, ADR 0014; demand against its own usual level
and the control-chart surges among the evidence, ADR 0024), and stores a HealthStatus
only when the status differs from the last one stored, auditing it and telling the organisation's
managers and administrators in words, with no personal data. A team of fewer than 5
people is judged without its absence rate, which is never shown for so few.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation, Team
from candour.lib.statistics.spiral import (
    Indicator,
    Limit,
    SpiralAssessment,
    SpiralStatus,
    SpiralThresholds,
    assess_spiral,
    spiral_history,
)
from candour.notifications.services import notify
from candour.workforce.demand import surge_months
from candour.workforce.early_warning.words import evidence_words, status_word
from candour.workforce.health.published import national_lines
from candour.workforce.indicators import ScopeIndicators, organisation_indicators
from candour.workforce.models import HealthStatus, WorkforceSettings

LIMIT_FIELDS = (
    "caseload",
    "vacancy_rate",
    "agency_rate",
    "turnover_rate",
    "absence_rate",
    "demand_per_worker",
)
WHOLE_FIELDS = ("window", "min_values", "spiral_worsening")
STATUS_WORDS = {
    SpiralStatus.STEADY: "steady",
    SpiralStatus.STRAINED: "strained",
    SpiralStatus.SPIRALLING: "spiralling",
}


def _optional(value: Any) -> float | None:
    return None if value is None else float(value)


def thresholds_from(overrides: dict[str, Any]) -> SpiralThresholds:
    """SpiralThresholds with the stored overrides applied; unusable values are ignored."""
    defaults = SpiralThresholds()
    changes: dict[str, Any] = {}
    for name in LIMIT_FIELDS:
        given = overrides.get(name)
        if not isinstance(given, dict):
            continue
        base: Limit = getattr(defaults, name)
        try:
            changes[name] = Limit(
                strain=_optional(given.get("strain", base.strain)),
                worsening=float(given.get("worsening", base.worsening)),
                relative=bool(given.get("relative", base.relative)),
                above_usual=_optional(given.get("above_usual", base.above_usual)),
            )
        except (TypeError, ValueError):
            continue
    for name in WHOLE_FIELDS:
        value = overrides.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            changes[name] = value
    return dataclasses.replace(defaults, **changes)


def thresholds_as_json(thresholds: SpiralThresholds) -> dict[str, Any]:
    stored: dict[str, Any] = {}
    for name in LIMIT_FIELDS:
        limit: Limit = getattr(thresholds, name)
        stored[name] = {
            "strain": limit.strain,
            "worsening": limit.worsening,
            "relative": limit.relative,
            "above_usual": limit.above_usual,
        }
    for name in WHOLE_FIELDS:
        stored[name] = getattr(thresholds, name)
    return stored


# Indicators whose default line becomes the national top tenth once the DfE's workforce
# figures are loaded (issue 20), with the published measure that gives it.
NATIONAL_LINES = {
    "caseload": "caseload_fte",
    "vacancy_rate": "vacancy_rate_fte",
    "agency_rate": "agency_rate_fte",
    "turnover_rate": "turnover_rate_fte",
    "absence_rate": "absence_rate_fte",
}


def thresholds_for(organisation: Organisation) -> SpiralThresholds:
    """The organisation's thresholds: its overrides; where it has none, the line the top
    tenth of English local authorities were over in the latest DfE year (when loaded),
    else the defaults."""
    settings = WorkforceSettings.objects.filter(organisation=organisation).first()
    overrides = settings.thresholds if settings else {}
    thresholds = thresholds_from(overrides)
    lines = national_lines(tuple(NATIONAL_LINES.values()))
    national = {}
    for name, measure in NATIONAL_LINES.items():
        if name in overrides or measure not in lines:
            continue
        national[name] = dataclasses.replace(
            getattr(thresholds, name), strain=round(lines[measure].value, 1)
        )
    return dataclasses.replace(thresholds, **national)


@transaction.atomic
def change_thresholds(
    *, actor: User, organisation: Organisation, thresholds: SpiralThresholds
) -> WorkforceSettings:
    """Store the lines the administrator changed; administrators only.

    Only a line that differs from what was in force (the organisation's own, else the
    national top tenth, else the default) becomes the organisation's own. Saving the form
    unchanged stores nothing, so the national lines and a better default still reach an
    organisation that never chose its own (before issue 20 every line was stored).
    """
    if organisation.pk not in actor.organisation_ids_with_role(Role.ORG_ADMIN):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    in_force = thresholds_for(organisation)
    settings, _ = WorkforceSettings.objects.get_or_create(organisation=organisation)
    changed = sorted(
        name
        for name in (*LIMIT_FIELDS, *WHOLE_FIELDS)
        if getattr(in_force, name) != getattr(thresholds, name)
    )
    kept = {name for name in settings.thresholds if name in (*LIMIT_FIELDS, *WHOLE_FIELDS)}
    everything = thresholds_as_json(thresholds)
    settings.thresholds = {name: everything[name] for name in sorted(kept | set(changed))}
    settings.save(update_fields=["thresholds"])
    record(
        AuditEventType.HEALTH_THRESHOLDS_CHANGED,
        actor_id=actor.pk,
        organisation=organisation,
        target=settings,
        data={"fields": changed},
    )
    return settings


def evidence_as_json(assessment: SpiralAssessment) -> list[dict[str, Any]]:
    surges: list[dict[str, Any]] = [
        {"indicator": "surge", "label": measure, "surge": True} for measure in assessment.surges
    ]
    return surges + [
        {
            "indicator": item.indicator.name.lower(),
            "label": str(item.indicator),
            "latest": item.latest,
            "strain": item.strain,
            "over_threshold": item.over_threshold,
            "change": item.change,
            "worsening_by": item.worsening_by,
            "worsening": item.worsening,
            "values_used": item.values_used,
            "usual": item.usual,
        }
        for item in assessment.evidence
    ]


@dataclass(frozen=True)
class ScopeStatus:
    """A team's (or the organisation's) assessment, and whether this run stored a change."""

    team: Team | None
    assessment: SpiralAssessment | None
    previous: str | None
    stored: HealthStatus | None

    @property
    def changed(self) -> bool:
        return self.stored is not None


def assess_scope(
    scope: ScopeIndicators,
    thresholds: SpiralThresholds,
    surges: Mapping[date, tuple[str, ...]] | None = None,
) -> SpiralAssessment | None:
    """The status at the scope's latest month; None when there is no data yet.

    ``surges``: the demand measures flagged on the control charts, by month end: the
    organisation's for the whole, a team's own demand rows for a team.
    """
    periods = scope.health_periods()
    if surges:
        periods = [dataclasses.replace(p, surges=surges.get(p.period, ())) for p in periods]
    if not periods or not any(
        period.value(indicator) is not None for period in periods for indicator in Indicator
    ):
        return None
    return assess_spiral(periods, thresholds)


def latest_statuses(organisation: Organisation) -> dict[int | None, HealthStatus]:
    """The latest stored status per team id (None: the whole organisation)."""
    latest: dict[int | None, HealthStatus] = {}
    for status in HealthStatus.objects.filter(organisation=organisation).order_by(
        "-computed_at", "-pk"
    ):
        latest.setdefault(status.team_id, status)
    return latest


def _recipients(organisation: Organisation, team: Team | None) -> list[User]:
    managers = Q(memberships__role=Role.MANAGER)
    if team is not None:
        managers &= Q(memberships__team=team) | Q(memberships__team__isnull=True)
    return list(
        User.objects.filter(
            (Q(memberships__role=Role.ORG_ADMIN) | managers),
            memberships__organisation=organisation,
            memberships__revoked_at__isnull=True,
            is_active=True,
        ).distinct()
    )


def _tell(
    organisation: Organisation, team: Team | None, status: HealthStatus, previous: str | None
) -> None:
    where = team.name if team else organisation.name
    words = {
        "where": where,
        "status": status_word(status.status),
        "previous": status_word(previous or ""),
        "month": date_format(status.period, "F Y"),
    }
    first = (
        _("The early warning for %(where)s is now %(status)s (it was %(previous)s), for %(month)s.")
        if previous
        else _("The early warning for %(where)s is now %(status)s, for %(month)s.")
    ) % words
    body = "\n".join([first, "", *evidence_words(status.evidence)])
    notify(
        _recipients(organisation, team),
        subject=_("Early warning: %(where)s is %(status)s") % words,
        body=body,
        url=f"{reverse('workforce:health')}?organisation={organisation.pk}",
        about=where,
    )


@transaction.atomic
def assess(organisation: Organisation, *, today: date | None = None) -> list[ScopeStatus]:
    """Assess every team and the organisation; store, audit and tell only changes.

    The first status stored for a scope is told only when it is not steady.
    """
    thresholds = thresholds_for(organisation)
    indicators = organisation_indicators(organisation, today=today)
    flagged = surge_months(organisation)
    latest = latest_statuses(organisation)
    now = timezone.now()
    results = []
    for scope in [indicators.whole, *indicators.teams]:
        surges = flagged if scope.team is None else surge_months(organisation, scope.team)
        assessment = assess_scope(scope, thresholds, surges)
        team_id = scope.team.pk if scope.team else None
        before = latest.get(team_id)
        previous = before.status if before else None
        if assessment is None or assessment.status == previous:
            results.append(ScopeStatus(scope.team, assessment, previous, None))
            continue
        stored = HealthStatus.objects.create(
            organisation=organisation,
            team=scope.team,
            period=assessment.period,
            status=str(assessment.status),
            evidence=evidence_as_json(assessment),
            computed_at=now,
        )
        record(
            AuditEventType.HEALTH_STATUS_CHANGED,
            actor_id=None,
            organisation=organisation,
            target=stored,
            data={
                "team_id": team_id,
                "status": stored.status,
                "previous": previous,
                "period": assessment.period.isoformat(),
            },
        )
        if previous is not None or assessment.status is not SpiralStatus.STEADY:
            _tell(organisation, scope.team, stored, previous)
        results.append(ScopeStatus(scope.team, assessment, previous, stored))
    return results


@dataclass(frozen=True)
class BacktestMonth:
    """What the early warning would have said for the whole organisation at a month's end."""

    period: date
    status: str
    lines: list[str]


def backtest(organisation: Organisation, *, today: date | None = None) -> list[BacktestMonth]:
    """The whole organisation's status at each month's end, judged only on what was known
    then (statistics.spiral.spiral_history, with the control-chart flags of each month;
    a flag needs only the counts up to it). Reads; stores nothing."""
    thresholds = thresholds_for(organisation)
    indicators = organisation_indicators(organisation, today=today)
    flagged = surge_months(organisation)
    periods = [
        dataclasses.replace(p, surges=flagged.get(p.period, ()))
        for p in indicators.whole.health_periods()
    ]
    return [
        BacktestMonth(item.period, str(item.status), item.explanation())
        for item in spiral_history(periods, thresholds)
    ]
