"""Display values for the organisational health pages, so templates stay dumb."""

from __future__ import annotations

from dataclasses import dataclass

from candour.core.models import Organisation
from candour.health_stats.absence import SpellLength
from candour.workforce import charts
from candour.workforce.demand import DemandSeries
from candour.workforce.early_warning import (
    assess_scope,
    evidence_as_json,
    evidence_words,
    latest_statuses,
    thresholds_for,
)
from candour.workforce.indicators import (
    SMALLEST_GROUP,
    AbsenceDetail,
    OrganisationIndicators,
    PeriodIndicators,
    ScopeIndicators,
)

FEWER = f"fewer than {SMALLEST_GROUP}"
UNKNOWN = "not known"


def number(value: float | None, places: int = 1, suffix: str = "") -> str:
    return UNKNOWN if value is None else f"{value:,.{places}f}{suffix}"


@dataclass(frozen=True)
class StatusLine:
    name: str
    status: str
    lines: list[str]
    since: str


def status_lines(
    organisation: Organisation, indicators: OrganisationIndicators
) -> list[StatusLine]:
    """The status now for the organisation and each team, with its evidence in words."""
    thresholds = thresholds_for(organisation)
    stored = latest_statuses(organisation)
    lines = []
    for scope in [indicators.whole, *indicators.teams]:
        assessment = assess_scope(scope, thresholds)
        before = stored.get(scope.team.pk if scope.team else None)
        since = f"{before.computed_at:%d %B %Y}" if before else ""
        if assessment is None:
            lines.append(StatusLine(scope.name, "no data", [], since))
            continue
        words = evidence_words(evidence_as_json(assessment))
        lines.append(StatusLine(scope.name, str(assessment.status), words, since))
    return lines


@dataclass(frozen=True)
class IndicatorRow:
    period: str
    in_post_fte: str
    turnover: str
    vacancy: str
    agency: str
    caseload: str
    over_20: str
    over_30: str
    absence: str
    referrals_per_worker: str


def indicator_row(item: PeriodIndicators, *, absence_hidden: bool = False) -> IndicatorRow:
    return IndicatorRow(
        period=f"{item.period:%B %Y}",
        in_post_fte=number(item.in_post_fte),
        turnover=number(item.turnover_rate, suffix="%"),
        vacancy=number(item.vacancy_rate, suffix="%"),
        agency=number(item.agency_rate, suffix="%"),
        caseload=number(item.average_caseload),
        over_20=number(item.share_above(20), 0, "%"),
        over_30=number(item.share_above(30), 0, "%"),
        absence=FEWER if absence_hidden else number(item.absence_rate, 2, "%"),
        referrals_per_worker=number(item.referrals_per_case_holder),
    )


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str


CHARTED = (
    ("Turnover rate (%)", "turnover_rate"),
    ("Vacancy rate (%)", "vacancy_rate"),
    ("Agency rate (%)", "agency_rate"),
    ("Average caseload", "average_caseload"),
    ("Absence rate (%)", "absence_rate"),
)


def indicator_charts(scope: ScopeIndicators, *, absence_hidden: bool = False) -> list[Chart]:
    labels = [f"{item.period:%b %y}" for item in scope.series]
    found = []
    for title, attribute in CHARTED:
        if attribute == "absence_rate" and absence_hidden:
            continue
        values = [getattr(item, attribute) for item in scope.series]
        found.append(Chart(title, charts.line_chart_svg(title, labels, values)))
    return found


@dataclass(frozen=True)
class AbsencePage:
    too_few: bool
    people: str
    spells: str
    days_lost: str
    days_per_person: str
    top_fifth: str
    gini: str
    lengths: list[tuple[str, str, str]]
    reasons: list[tuple[str, str]]
    lorenz: Chart | None
    lorenz_rows: list[tuple[str, str]]
    bradford: list[tuple[str, str, str, str]] | None


LENGTH_WORDS = {
    SpellLength.SHORT: "Short term (7 calendar days or fewer)",
    SpellLength.MEDIUM: "Medium term (8 to 27 days)",
    SpellLength.LONG: "Long term (28 calendar days or more)",
}


def absence_page(detail: AbsenceDetail) -> AbsencePage:
    summary = detail.summary
    if summary is None:
        return AbsencePage(True, FEWER, FEWER, FEWER, FEWER, FEWER, FEWER, [], [], None, [], None)
    title = "How days lost are shared across people (Lorenz curve)"
    bradford = None
    if detail.bradford is not None:
        bradford = [
            (s.person, str(s.spells), number(s.days), f"{s.factor:,.0f}") for s in detail.bradford
        ]
    return AbsencePage(
        too_few=False,
        people=str(summary.people),
        spells=str(summary.spells),
        days_lost=number(summary.days_lost),
        days_per_person=number(summary.days_per_person),
        top_fifth=number(
            summary.top_fifth_share * 100 if summary.top_fifth_share is not None else None,
            0,
            "%",
        ),
        gini=number(summary.gini, 2),
        lengths=[
            (LENGTH_WORDS[length], str(part.spells), number(part.days_lost))
            for length, part in summary.by_length.items()
        ],
        reasons=[(reason, number(days)) for reason, days in summary.days_by_reason.items()],
        lorenz=Chart(title, charts.lorenz_svg(title, summary.lorenz)),
        lorenz_rows=[
            (f"{p.population_share * 100:.0f}%", f"{p.value_share * 100:.0f}%")
            for p in summary.lorenz
        ],
        bradford=bradford,
    )


@dataclass(frozen=True)
class DemandRow:
    period: str
    observed: str
    expected: str
    limits: str
    period_change: str
    year_change: str
    flags: str
    events: str


@dataclass(frozen=True)
class DemandChart:
    measure: str
    label: str
    chart: Chart
    rows: list[DemandRow]
    flagged: int


def _change(change: object) -> str:
    from candour.health_stats.control_charts import Change

    if not isinstance(change, Change):
        return UNKNOWN
    percent = f" ({change.percent:+.0f}%)" if change.percent is not None else ""
    return f"{change.difference:+d}{percent}"


def demand_chart(series: DemandSeries) -> DemandChart:
    title = f"{series.label}, {series.frequency}"
    rows = []
    for item in series.points:
        point = item.point
        baseline = point.baseline
        rows.append(
            DemandRow(
                period=f"{point.period:%d %B %Y}",
                observed=UNKNOWN if point.observed is None else str(point.observed),
                expected=number(baseline.expected) if baseline else "no baseline yet",
                limits=(
                    f"{point.limit(-3):.0f} to {point.limit(3):.0f}"
                    if baseline is not None
                    else "no baseline yet"
                ),
                period_change=_change(point.period_on_period),
                year_change=_change(point.year_on_year),
                flags="; ".join(item.flags) or "none",
                events="; ".join(item.events),
            )
        )
    return DemandChart(
        series.measure,
        series.label,
        Chart(title, charts.control_chart_svg(title, series)),
        rows,
        len(series.flagged),
    )
