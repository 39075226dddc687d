"""Demand over time with control-chart flags and annotated events (issue 7).

Each measure's organisation total per period, weekly or monthly as imported, is its
whole-organisation rows (blank team) when the files give any for that period, else the
sum of its team rows: never both, which would count the same referrals twice. Missing
periods are left as "not recorded" (never zero). The charts and flags
come from ``candour.lib.statistics.control_charts`` (seasonal baseline, Western Electric
rules, CUSUM, EWMA); events are the national ones and the organisation's own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from django.db.models import Q
from django.utils.translation import gettext_noop

from candour.core.models import Organisation, Team
from candour.lib.statistics.control_charts import (
    ChartPoint,
    DemandPoint,
    Frequency,
    assess_demand,
)
from candour.workforce.models import ChartEvent, DemandCount

# In English (stored with the early warning's evidence); marked so each is translated
# where it is shown.
MEASURES = {
    "referrals": gettext_noop("Referrals"),
    "s47": gettext_noop("Section 47 enquiries"),
    "icpc": gettext_noop("Initial child protection conferences"),
    "cp_plans_started": gettext_noop("Child protection plans started"),
    "cin": gettext_noop("Children in need"),
}


@dataclass(frozen=True)
class AnnotatedPoint:
    point: ChartPoint
    events: tuple[str, ...]

    @property
    def flags(self) -> list[str]:
        """The rules that fired, in words: "high: 1 point beyond 3 sigma"."""
        return [f"{signal.direction}: {signal.rule}" for signal in self.point.signals]


@dataclass(frozen=True)
class DemandSeries:
    measure: str
    label: str
    frequency: Frequency
    points: list[AnnotatedPoint]

    @property
    def flagged(self) -> list[AnnotatedPoint]:
        return [p for p in self.points if p.point.signals]

    @property
    def latest(self) -> AnnotatedPoint | None:
        return self.points[-1] if self.points else None


def _next(period: date, frequency: Frequency) -> date:
    if frequency is Frequency.WEEKLY:
        return period + timedelta(days=7)
    year, month = (period.year, period.month + 1) if period.month < 12 else (period.year + 1, 1)
    return period.replace(year=year, month=month)


def regular_points(counts: dict[date, int], frequency: Frequency) -> list[DemandPoint]:
    """Every period from the first to the last, None where nothing was recorded."""
    if not counts:
        return []
    points = []
    period, last = min(counts), max(counts)
    while period <= last:
        points.append(DemandPoint(period, counts.get(period)))
        period = _next(period, frequency)
    return points


_Key = TypeVar("_Key", bound=Hashable)


def organisation_totals(rows: Iterable[tuple[_Key, str, int]]) -> dict[_Key, int]:
    """Per key (a measure's period), from (key, team name, count) rows: the
    whole-organisation rows' sum where there are any, else the teams' sum."""
    whole: dict[_Key, int] = defaultdict(int)
    teams: dict[_Key, int] = defaultdict(int)
    for key, team_name, count in rows:
        (teams if team_name.strip() else whole)[key] += count
    return {**teams, **whole}


def teams_with_demand(organisation: Organisation) -> list[Team]:
    """The organisation's teams that have demand rows of their own, by name."""
    return list(
        Team.objects.in_organisation(organisation)
        .filter(pk__in=DemandCount.objects.filter(organisation=organisation).values("team"))
        .order_by("name")
    )


def events_for(organisation: Organisation) -> list[ChartEvent]:
    """National events and the organisation's own, by date."""
    return list(
        ChartEvent.objects.filter(Q(organisation__isnull=True) | Q(organisation=organisation))
    )


def demand_series(organisation: Organisation, team: Team | None = None) -> list[DemandSeries]:
    """Each measure with data, in the order of MEASURES (others after, by name): the
    whole organisation's, or one team's own rows (a council that sends demand per team)."""
    found = DemandCount.objects.filter(organisation=organisation)
    if team is not None:
        found = found.filter(team=team)
    rows = found.values_list("measure", "period_type", "period_start", "team_name", "count")
    summed = organisation_totals(
        ((measure, period_type, start), team_name, count)
        for measure, period_type, start, team_name, count in rows
    )
    totals: dict[tuple[str, str], dict[date, int]] = defaultdict(dict)
    for (measure, period_type, start), count in summed.items():
        totals[(measure, period_type)][start] = count
    events = events_for(organisation)
    order = list(MEASURES)
    series = []
    for (measure, period_type), counts in sorted(
        totals.items(),
        key=lambda item: (
            order.index(item[0][0]) if item[0][0] in order else len(order),
            item[0],
        ),
    ):
        frequency = Frequency.WEEKLY if period_type == "week" else Frequency.MONTHLY
        points = regular_points(dict(counts), frequency)
        chart = assess_demand(points, frequency)
        annotated = []
        for point in chart:
            until = _next(point.period, frequency)
            labels = tuple(e.label for e in events if point.period <= e.on_date < until)
            annotated.append(AnnotatedPoint(point, labels))
        series.append(DemandSeries(measure, MEASURES.get(measure, measure), frequency, annotated))
    return series


def surge_months(
    organisation: Organisation, team: Team | None = None
) -> dict[date, tuple[str, ...]]:
    """The demand measures flagged high on their control charts, by the last day of the
    month (a weekly point counts in the month its week starts), for the early warning:
    the organisation's, or a team's own (empty when the team has no demand rows)."""
    flagged: dict[date, list[str]] = defaultdict(list)
    for series in demand_series(organisation, team):
        for item in series.points:
            if item.point.surge:
                start = item.point.period
                end = _next(start.replace(day=1), Frequency.MONTHLY) - timedelta(days=1)
                if series.label not in flagged[end]:
                    flagged[end].append(series.label)
    return {end: tuple(labels) for end, labels in flagged.items()}
