"""Display values for the organisational health pages, so templates stay dumb."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candour.core.models import Organisation
from candour.lib.statistics.absence import SpellLength
from candour.workforce import charts
from candour.workforce.demand import DemandSeries
from candour.workforce.early_warning.services import (
    assess_scope,
    evidence_as_json,
    evidence_words,
    latest_statuses,
    thresholds_for,
)
from candour.workforce.indicators import (
    DEMAND,
    WORKFORCE,
    AbsenceDetail,
    Comparison,
    OrganisationIndicators,
    PeriodIndicators,
    ScopeIndicators,
)

FEWER = gettext_lazy("fewer than 5")  # indicators.SMALLEST_GROUP
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
    starters_fte: str
    starter_rate: str
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
        starters_fte=number(item.starters_fte),
        starter_rate=number(item.starter_rate, suffix="%"),
        vacancy=number(item.vacancy_rate, suffix="%"),
        agency=number(item.agency_rate, suffix="%"),
        caseload=number(item.average_caseload),
        over_20=number(item.share_above(20), 0, "%"),
        over_30=number(item.share_above(30), 0, "%"),
        absence=str(FEWER) if absence_hidden else number(item.absence_rate, 2, "%"),
        referrals_per_worker=number(item.referrals_per_case_holder),
    )


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str


CHARTED = (
    (gettext_lazy("Turnover rate (%)"), "turnover_rate"),
    (gettext_lazy("Starter rate (%)"), "starter_rate"),
    (gettext_lazy("Vacancy rate (%)"), "vacancy_rate"),
    (gettext_lazy("Agency rate (%)"), "agency_rate"),
    (gettext_lazy("Average caseload"), "average_caseload"),
    (gettext_lazy("Absence rate (%)"), "absence_rate"),
)


def indicator_charts(scope: ScopeIndicators, *, absence_hidden: bool = False) -> list[Chart]:
    labels = [f"{item.period:%b %y}" for item in scope.series]
    found = []
    for title, attribute in CHARTED:
        if attribute == "absence_rate" and absence_hidden:
            continue
        values = [getattr(item, attribute) for item in scope.series]
        found.append(Chart(str(title), charts.line_chart_svg(str(title), labels, values)))
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
    SpellLength.SHORT: gettext_lazy("Short term (7 calendar days or fewer)"),
    SpellLength.MEDIUM: gettext_lazy("Medium term (8 to 27 days)"),
    SpellLength.LONG: gettext_lazy("Long term (28 calendar days or more)"),
}


def _hidden(detail: AbsenceDetail) -> str:
    """What a hidden figure says: under 5 people, or held back so that no subtraction
    gives another team's."""
    return str(_("hidden")) if detail.withheld else str(FEWER)


def absence_page(detail: AbsenceDetail) -> AbsencePage:
    summary = detail.summary
    if summary is None:
        hidden = _hidden(detail)
        return AbsencePage(
            True, hidden, hidden, hidden, hidden, hidden, hidden, [], [], None, [], None
        )
    title = _("How days lost are shared across people (Lorenz curve)")
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
            (str(LENGTH_WORDS[length]), str(part.spells), number(part.days_lost))
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
    from candour.lib.statistics.control_charts import Change

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


@dataclass(frozen=True)
class AbsenceQuarterRow:
    period: str
    people: str
    spells: str
    short_term: str
    long_term: str
    days_lost: str
    days_per_person: str
    top_fifth: str
    gini: str


@dataclass(frozen=True)
class AbsenceTrend:
    """Absence over the rolling 12 months to each quarter: charts, then their data."""

    charts: list[Chart]
    rows: list[AbsenceQuarterRow]
    reasons: list[str]
    # One row per reason: its days lost in each quarter, in the order of ``rows``.
    reason_rows: list[tuple[str, list[str]]]
    quarters: list[str]


def _quarter_row(label: str, detail: AbsenceDetail) -> AbsenceQuarterRow:
    summary = detail.summary
    if summary is None:
        return AbsenceQuarterRow(label, *([_hidden(detail)] * 8))
    top = summary.top_fifth_share
    return AbsenceQuarterRow(
        period=label,
        people=str(summary.people),
        spells=str(summary.spells),
        short_term=str(summary.by_length[SpellLength.SHORT].spells),
        long_term=str(summary.by_length[SpellLength.LONG].spells),
        days_lost=number(summary.days_lost),
        days_per_person=number(summary.days_per_person),
        top_fifth=number(top * 100 if top is not None else None, 0, "%"),
        gini=number(summary.gini, 2),
    )


def absence_trend(details: list[AbsenceDetail]) -> AbsenceTrend:
    """The quarterly absence series; a quarter with fewer than 5 people shows nothing."""
    labels = [f"{detail.window_end:%b %y}" for detail in details]
    per_person = [d.summary.days_per_person if d.summary else None for d in details]
    top_fifth = [
        d.summary.top_fifth_share * 100
        if d.summary and d.summary.top_fifth_share is not None
        else None
        for d in details
    ]
    titles = (
        _("Working days lost per person, 12 months to each quarter"),
        _("Share of days lost by the fifth of people who lost most (%), 12 months to each quarter"),
    )
    reasons = sorted({r for d in details if d.summary for r in d.summary.days_by_reason})
    reason_rows = [
        (
            reason,
            [
                number(d.summary.days_by_reason.get(reason, 0.0)) if d.summary else _hidden(d)
                for d in details
            ],
        )
        for reason in reasons
    ]
    return AbsenceTrend(
        charts=[
            Chart(titles[0], charts.line_chart_svg(titles[0], labels, per_person)),
            Chart(titles[1], charts.line_chart_svg(titles[1], labels, top_fifth)),
        ],
        rows=[_quarter_row(f"{detail.window_end:%B %Y}", detail) for detail in details],
        reasons=reasons,
        reason_rows=reason_rows,
        quarters=[f"{detail.window_end:%b %Y}" for detail in details],
    )


@dataclass(frozen=True)
class ComparisonRow:
    measure: str
    label: str
    time_period: str
    ours: str
    neighbours: str
    region: str
    england: str


@dataclass(frozen=True)
class ComparisonTable:
    table_id: str
    caption: str
    rows: list[ComparisonRow]


def _published(value: float | None, signed: bool) -> str:
    if value is None:
        return _("not published")
    return f"{value:+,.1f}" if signed else f"{value:,.1f}"


def comparison_tables(comparisons: list[Comparison]) -> list[ComparisonTable]:
    """The workforce and the demand comparisons, each as its own table."""
    captions = {
        WORKFORCE: (
            "comparisons",
            _(
                "DfE children's social work workforce figures, latest year published "
                "(year to 30 September)"
            ),
        ),
        DEMAND: (
            "demand-comparisons",
            _(
                "DfE children in need census: rates, shares and changes on the year, latest "
                "year published (year to 31 March)"
            ),
        ),
    }
    tables = []
    for group, (table_id, caption) in captions.items():
        rows = []
        for item in comparisons:
            if item.group != group:
                continue
            signed = item.measure.endswith("_change")
            neighbours = _published(item.neighbours, signed)
            if item.neighbours is not None:
                neighbours = f"{neighbours} ({item.neighbours_counted})"
            rows.append(
                ComparisonRow(
                    measure=item.measure,
                    label=item.label,
                    time_period=item.time_period,
                    ours=_published(item.ours, signed),
                    neighbours=neighbours,
                    region=_published(item.region, signed),
                    england=_published(item.england, signed),
                )
            )
        if rows:
            tables.append(ComparisonTable(table_id, caption, rows))
    return tables
