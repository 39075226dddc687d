"""Display values for the organisational health pages, so templates stay dumb."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candour.core import charts as core_charts
from candour.core.charts import Chart
from candour.core.models import Organisation
from candour.lib.statistics.absence import SpellLength
from candour.workforce import charts
from candour.workforce.demand import DemandSeries, surge_months
from candour.workforce.early_warning.services import (
    assess_scope,
    evidence_as_json,
    latest_statuses,
    thresholds_for,
)
from candour.workforce.early_warning.words import evidence_words, status_word
from candour.workforce.health.published import (
    DEMAND,
    WORKFORCE,
    Comparison,
    MeasureKind,
    Trend,
)
from candour.workforce.indicators import (
    AbsenceDetail,
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
    status: str  # the code, for the tag's colour
    lines: list[str]
    since: str

    @property
    def status_label(self) -> str:
        return status_word(self.status)


def status_lines(
    organisation: Organisation, indicators: OrganisationIndicators
) -> list[StatusLine]:
    """The status now for the organisation and each team, with its evidence in words."""
    thresholds = thresholds_for(organisation)
    stored = latest_statuses(organisation)
    flagged = surge_months(organisation)
    lines = []
    for scope in [indicators.whole, *indicators.teams]:
        assessment = assess_scope(scope, thresholds, flagged if scope.team is None else None)
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
        found.append(
            charts.line_chart(str(title), labels, values, name=str(title).removesuffix(" (%)"))
        )
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


# Plain words for each absence reason code the imports accept
# (candour.lib.tabular.workforce_schemas.ABSENCE_REASONS).
REASON_WORDS = {
    "mental_health": gettext_lazy("Anxiety, stress, depression or other mental ill health"),
    "back_problems": gettext_lazy("Back problems"),
    "musculoskeletal": gettext_lazy("Other muscle and joint problems"),
    "cold_cough_flu": gettext_lazy("Cold, cough or flu"),
    "chest_respiratory": gettext_lazy("Chest and breathing problems"),
    "headache_migraine": gettext_lazy("Headache or migraine"),
    "cancer": gettext_lazy("Cancer and tumours"),
    "heart_circulatory": gettext_lazy("Heart and circulation problems"),
    "gastrointestinal": gettext_lazy("Stomach and bowel problems"),
    "genitourinary_gynaecological": gettext_lazy("Genitourinary and gynaecological problems"),
    "infectious_disease": gettext_lazy("Infectious diseases, including COVID-19"),
    "injury_fracture": gettext_lazy("Injury or fracture"),
    "nervous_system": gettext_lazy("Nervous system disorders"),
    "pregnancy_related": gettext_lazy("Pregnancy-related illness"),
    "other_known": gettext_lazy("Other known cause"),
    "not_known": gettext_lazy("Cause not known"),
}


def reason_words(code: str) -> str:
    """An absence reason in plain words; a code Candour does not know, made readable."""
    words = REASON_WORDS.get(code)
    return str(words) if words is not None else code.replace("_", " ").capitalize()


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
        reasons=[
            (reason_words(reason), number(days)) for reason, days in summary.days_by_reason.items()
        ],
        lorenz=charts.lorenz_chart(title, summary.lorenz),
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
    # What a chart this size can find in time (benchmarks/surge_detection.py), in words.
    sensitivity: str


def _change(change: object) -> str:
    from candour.lib.statistics.control_charts import Change

    if not isinstance(change, Change):
        return UNKNOWN
    percent = f" ({change.percent:+.0f}%)" if change.percent is not None else ""
    return f"{change.difference:+d}{percent}"


def demand_chart(series: DemandSeries) -> DemandChart:
    from candour.lib.statistics.control_charts import Frequency

    # The label is the English of demand.MEASURES, whose msgids are marked there.
    label = _(series.label)
    title = (
        _("%(measure)s, weekly")
        if series.frequency is Frequency.WEEKLY
        else _("%(measure)s, monthly")
    ) % {"measure": label}
    no_baseline = _("no baseline yet")
    rows = []
    for item in series.points:
        point = item.point
        baseline = point.baseline
        rows.append(
            DemandRow(
                period=f"{point.period:%d %B %Y}",
                observed=UNKNOWN if point.observed is None else str(point.observed),
                expected=number(baseline.expected) if baseline else no_baseline,
                limits=(
                    _("%(low)s to %(high)s")
                    % {"low": f"{point.limit(-3):.0f}", "high": f"{point.limit(3):.0f}"}
                    if baseline is not None
                    else no_baseline
                ),
                period_change=_change(point.period_on_period),
                year_change=_change(point.year_on_year),
                flags="; ".join(item.flags) or _("none"),
                events="; ".join(item.events),
            )
        )
    return DemandChart(
        series.measure,
        label,
        charts.control_chart(title, series),
        rows,
        len(series.flagged),
        _sensitivity(series),
    )


def _sensitivity(series: DemandSeries) -> str:
    from candour.lib.statistics.control_charts import Frequency, surge_sensitivity

    found = surge_sensitivity([item.point.observed for item in series.points], series.frequency)
    if found is None:
        return ""
    weekly = series.frequency is Frequency.WEEKLY
    values = {
        "mean": f"{found.mean_count:.0f}",
        "reliable": found.reliable_from,
        "any_rule": found.any_rule_from,
    }
    if found.reliable:
        text = (
            _(
                "About %(mean)s a week: a sustained rise of a fifth is usually (8 times in "
                "10) flagged within 4 weeks."
            )
            if weekly
            else _(
                "About %(mean)s a month: a sustained rise of a fifth is usually (8 times in "
                "10) flagged within 2 months."
            )
        )
    elif found.beyond_any_rule:
        text = (
            _(
                "About %(mean)s a week: too few for any rule to flag a rise of a fifth "
                "within 4 weeks without more false alarms (that needs about %(any_rule)s a "
                "week). No red point does not mean no rise: only larger or longer rises show."
            )
            if weekly
            else _(
                "About %(mean)s a month: too few for any rule to flag a rise of a fifth "
                "within 2 months without more false alarms (that needs about %(any_rule)s a "
                "month). No red point does not mean no rise: only larger or longer rises show."
            )
        )
    else:
        text = (
            _(
                "About %(mean)s a week: a sustained rise of a fifth is often not flagged "
                "within 4 weeks (it usually is from about %(reliable)s a week). No red point "
                "does not mean no rise."
            )
            if weekly
            else _(
                "About %(mean)s a month: a sustained rise of a fifth is often not flagged "
                "within 2 months (it usually is from about %(reliable)s a month). No red "
                "point does not mean no rise."
            )
        )
    return text % values


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
            reason_words(reason),
            [
                number(d.summary.days_by_reason.get(reason, 0.0)) if d.summary else _hidden(d)
                for d in details
            ],
        )
        for reason in reasons
    ]
    return AbsenceTrend(
        charts=[
            charts.line_chart(titles[0], labels, per_person),
            charts.line_chart(titles[1], labels, top_fifth),
        ],
        rows=[_quarter_row(f"{detail.window_end:%B %Y}", detail) for detail in details],
        reasons=[reason_words(reason) for reason in reasons],
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
    note: str = ""
    changes: tuple[str, str, str, str] | None = None  # ours, neighbours, region, England


@dataclass(frozen=True)
class ComparisonTable:
    table_id: str
    caption: str
    rows: list[ComparisonRow]
    base_period: str | None = None
    change_unit: str = ""


def _published(value: float | None, signed: bool, places: int = 1) -> str:
    if value is None:
        return _("not published")
    return f"{value:+,.{places}f}" if signed else f"{value:,.{places}f}"


def _change_since(item: Comparison) -> tuple[str, str, str, str] | None:
    if item.base_period is None:
        return None
    suffix = "%" if item.kind == MeasureKind.COUNT else _(" points")

    def words(value: float | None) -> str:
        return _("not published") if value is None else f"{value:+,.1f}{suffix}"

    return (
        words(item.ours_change),
        words(item.neighbours_change),
        words(item.region_change),
        words(item.england_change),
    )


def comparison_tables(
    comparisons: list[Comparison], *, year: str | None = None
) -> list[ComparisonTable]:
    """The workforce and the demand comparisons, each as its own table."""
    which = _("latest year published") if year is None else _("year %(year)s") % {"year": year}
    captions = {
        WORKFORCE: (
            "comparisons",
            _("DfE children's social work workforce figures, %(which)s (year to 30 September)")
            % {"which": which},
        ),
        DEMAND: (
            "demand-comparisons",
            _(
                "DfE children in need census: counts, rates, shares and changes on the year, "
                "%(which)s (year to 31 March)"
            )
            % {"which": which},
        ),
    }
    tables = []
    for group, (table_id, caption) in captions.items():
        rows = []
        base = None
        for item in comparisons:
            if item.group != group:
                continue
            signed = item.kind == MeasureKind.CHANGE
            places = 0 if item.kind == MeasureKind.COUNT else 1
            neighbours = _published(item.neighbours, signed, places)
            if item.neighbours is not None:
                neighbours = f"{neighbours} ({item.neighbours_counted})"
            base = base or item.base_period
            rows.append(
                ComparisonRow(
                    measure=item.measure,
                    label=item.label,
                    time_period=item.time_period,
                    ours=_published(item.ours, signed, places),
                    neighbours=neighbours,
                    region=_published(item.region, signed, places),
                    england=_published(item.england, signed, places),
                    note=item.note,
                    changes=_change_since(item),
                )
            )
        if rows:
            tables.append(ComparisonTable(table_id, caption, rows, base))
    return tables


@dataclass(frozen=True)
class TrendRow:
    period: str
    ours: str
    neighbours: str
    region: str
    england: str
    ours_change: str
    england_change: str
    note: str


@dataclass(frozen=True)
class TrendView:
    measure: str
    label: str
    charts: list[Chart]
    rows: list[TrendRow]
    has_area: bool


def _on_year(values: list[float | None], index: int, kind: str) -> str:
    if index == 0:
        return ""
    now, then = values[index], values[index - 1]
    if now is None or then is None:
        return UNKNOWN
    if kind == MeasureKind.COUNT:
        return f"{100.0 * (now - then) / then:+.1f}%" if then else UNKNOWN
    return f"{now - then:+.1f}"


def trend_views(trends: list[Trend], *, area_name: str) -> list[TrendView]:
    """Each measure year by year: a chart (two for a count, as England dwarfs one area)
    and a table with the change on the year."""
    views = []
    for trend in trends:
        places = 0 if trend.kind == MeasureKind.COUNT else 1
        signed = trend.kind == MeasureKind.CHANGE
        has_area = any(v is not None for v in trend.ours)
        local = [
            core_charts.Series(area_name or _("This area"), trend.ours, colour=core_charts.BLUE),
            core_charts.Series(
                _("Statistical neighbours (average)"), trend.neighbours, colour=core_charts.PINK
            ),
            core_charts.Series(_("Region"), trend.region, colour=core_charts.GREEN, dashed=True),
        ]
        england = core_charts.Series(_("England"), trend.england, colour=core_charts.INK)

        def drawn(title: str, lines: list[core_charts.Series], trend: Trend = trend) -> Chart:
            return Chart(
                core_charts.Kind.LINES,
                title,
                trend.periods,
                lines,
                label_heading=_("Year"),
                whole=trend.kind == MeasureKind.COUNT,
            )

        charts_drawn = []
        if trend.kind == MeasureKind.COUNT:
            title = _("%(measure)s, England, each year") % {"measure": trend.label}
            charts_drawn.append(drawn(title, [england]))
            if has_area:
                title = _("%(measure)s, this area beside similar areas, each year") % {
                    "measure": trend.label
                }
                charts_drawn.append(drawn(title, local))
        elif not signed:
            title = _("%(measure)s, each year") % {"measure": trend.label}
            lines = [*local, england] if has_area else [england]
            charts_drawn.append(drawn(title, lines))
        rows = [
            TrendRow(
                period=period,
                ours=_published(trend.ours[i], signed, places) if has_area else "",
                neighbours=_published(trend.neighbours[i], signed, places) if has_area else "",
                region=_published(trend.region[i], signed, places) if has_area else "",
                england=_published(trend.england[i], signed, places),
                ours_change=_on_year(trend.ours, i, trend.kind) if has_area and not signed else "",
                england_change=_on_year(trend.england, i, trend.kind) if not signed else "",
                note=trend.notes[i],
            )
            for i, period in enumerate(trend.periods)
        ]
        views.append(TrendView(trend.measure, trend.label, charts_drawn, rows, has_area))
    return views
