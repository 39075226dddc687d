"""The early warning: steady, strained or spiralling, per team and for the organisation.

``assess`` builds each scope's monthly HealthPeriod series (candour.workforce.indicators:
cases held per case-holding FTE, vacancy, agency, annualised turnover and absence rates,
and referrals in the month per case-holding FTE), judges it with the organisation's
SpiralThresholds (statistics.spiral, ADR 0014), and stores a HealthStatus only when the
status differs from the last one stored, auditing it and telling the organisation's
managers and administrators in words, with no personal data. A team of fewer than 5
people is judged without its absence rate, which is never shown for so few.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

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
)
from candour.notifications.services import notify
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
                strain=float(given.get("strain", base.strain)),
                worsening=float(given.get("worsening", base.worsening)),
                relative=bool(given.get("relative", base.relative)),
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
        }
    for name in WHOLE_FIELDS:
        stored[name] = getattr(thresholds, name)
    return stored


def thresholds_for(organisation: Organisation) -> SpiralThresholds:
    """The organisation's thresholds: the defaults with its overrides."""
    settings = WorkforceSettings.objects.filter(organisation=organisation).first()
    return thresholds_from(settings.thresholds if settings else {})


@transaction.atomic
def change_thresholds(
    *, actor: User, organisation: Organisation, thresholds: SpiralThresholds
) -> WorkforceSettings:
    """Store the organisation's early-warning thresholds; administrators only."""
    if organisation.pk not in actor.organisation_ids_with_role(Role.ORG_ADMIN):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    settings, _ = WorkforceSettings.objects.get_or_create(organisation=organisation)
    before = thresholds_from(settings.thresholds)
    settings.thresholds = thresholds_as_json(thresholds)
    settings.save(update_fields=["thresholds"])
    changed = sorted(
        name
        for name in (*LIMIT_FIELDS, *WHOLE_FIELDS)
        if getattr(before, name) != getattr(thresholds, name)
    )
    record(
        AuditEventType.HEALTH_THRESHOLDS_CHANGED,
        actor_id=actor.pk,
        organisation=organisation,
        target=settings,
        data={"fields": changed},
    )
    return settings


def evidence_as_json(assessment: SpiralAssessment) -> list[dict[str, Any]]:
    return [
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
        }
        for item in assessment.evidence
    ]


def evidence_words(evidence: list[dict[str, Any]]) -> list[str]:
    """The stored evidence in plain English: what is over its line, what is rising."""
    lines = []
    for item in evidence:
        label = item.get("label", "")
        if item.get("over_threshold") and item.get("latest") is not None:
            lines.append(f"{label} is {item['latest']:.1f}, over {item['strain']:g}")
        if item.get("worsening") and item.get("change") is not None:
            lines.append(f"{label} rose by {item['change']:.1f} over the last months")
    return lines or ["No indicator is over its line or rising."]


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


def assess_scope(scope: ScopeIndicators, thresholds: SpiralThresholds) -> SpiralAssessment | None:
    """The status at the scope's latest month; None when there is no data yet."""
    periods = scope.health_periods()
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
    was = f" (it was {previous})" if previous else ""
    body = "\n".join(
        [
            f"The early warning for {where} is now {status.status}{was}, "
            f"for {status.period:%B %Y}.",
            "",
            *evidence_words(status.evidence),
        ]
    )
    notify(
        _recipients(organisation, team),
        subject=f"Early warning: {where} is {status.status}",
        body=body,
        url=f"{reverse('workforce:health')}?organisation={organisation.pk}",
    )


@transaction.atomic
def assess(organisation: Organisation, *, today: date | None = None) -> list[ScopeStatus]:
    """Assess every team and the organisation; store, audit and tell only changes.

    The first status stored for a scope is told only when it is not steady.
    """
    thresholds = thresholds_for(organisation)
    indicators = organisation_indicators(organisation, today=today)
    latest = latest_statuses(organisation)
    now = timezone.now()
    results = []
    for scope in [indicators.whole, *indicators.teams]:
        assessment = assess_scope(scope, thresholds)
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
