"""What a bulletin shows: its lessons, and counts for the period with small numbers hidden."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NotRequired, TypedDict

from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _

from candour.core.charts import (
    BLUE,
    GREEN,
    Chart,
    CountRow,
    Kind,
    Series,
    count_bars,
    period_columns,
)
from candour.learning.changes import JudgedChange, judged_between
from candour.learning.models import Axis, Bulletin, CodedValue, Coding, ThemeReport, ThemeStatus
from candour.lib.statistics.suppression import protect
from candour.reporting.models import Report
from candour.reporting.vocabulary import Outcome

# No count below this is shown: it could point to a person (METRICS.md, small numbers).
SMALLEST_SHOWN = 5


@dataclass(frozen=True)
class BarChart:
    title: str
    rows: list[CountRow]
    label_heading: str = ""
    over_time: bool = False  # rows are periods, oldest first: columns, not bars

    @property
    def chart(self) -> Chart:
        """The rows as bars, top to bottom in the order of the table (or, over time, as
        columns left to right)."""
        if self.over_time:
            return period_columns(
                self.title,
                [row.label for row in self.rows],
                [row.count for row in self.rows],
                label_heading=self.label_heading,
                value_heading=_("Reports"),
                shown=[row.shown for row in self.rows],
            )
        return count_bars(self.title, self.rows, label_heading=self.label_heading)


@dataclass(frozen=True)
class ThemeTrend:
    name: str
    this_period: CountRow
    previous_period: CountRow


@dataclass(frozen=True)
class ThemeTrends:
    title: str
    rows: list[ThemeTrend]

    @property
    def chart(self) -> Chart:
        """Each theme's reports this period and the period before, as a pair of bars."""
        periods = (
            (_("This period"), [row.this_period for row in self.rows], BLUE),
            (_("Period before"), [row.previous_period for row in self.rows], GREEN),
        )
        return Chart(
            Kind.BARS,
            self.title,
            [row.name for row in self.rows],
            [
                Series(
                    name,
                    [count.count for count in counts],
                    shown=[count.shown for count in counts],
                    colour=colour,
                )
                for name, counts, colour in periods
            ],
            label_heading=_("Theme"),
            gap_name=_("No bar: the count is not shown, so that nobody can be picked out"),
        )


@dataclass(frozen=True)
class LessonText:
    """A lesson as the bulletin shows it: copied when the bulletin was published."""

    title: str
    story: str
    commentary: str
    action_taken: str


@dataclass(frozen=True)
class BulletinContent:
    bulletin: Bulletin
    lessons: list[LessonText]
    total_reports: CountRow
    outcomes: BarChart
    factors: BarChart
    themes: ThemeTrends
    # Did it work? The changes made in the period (ideas adopted, alerts acted on), each
    # judged on its streams as they stand today; only for the organisation's own readers.
    changes: list[JudgedChange] = field(default_factory=list)


def suppress(label: str, count: int) -> CountRow:
    return CountRow(label, count if count >= SMALLEST_SHOWN else None)


def suppress_parts(counts: Sequence[tuple[str, int]]) -> list[CountRow]:
    """Rows that together make up a total shown elsewhere (every report in exactly one):
    small ones hidden, and more if needed, so no hidden row can be worked out by
    subtracting the rows shown from the total (complementary suppression)."""
    protection = protect(dict(counts), smallest=SMALLEST_SHOWN)
    extra = bool(protection.hidden - protection.small)
    return [
        CountRow(label, None, extra) if label in protection.hidden else suppress(label, count)
        for label, count in counts
    ]


def week_period_bounds(start: date, end: date) -> tuple[date, date]:
    """Reports keep only the Monday of the week they arrived (ADR 0005). A week counts in
    the period holding its Thursday, as ISO 8601 puts a week in the year of its Thursday:
    so every week lands in exactly one month, and bulletins of adjacent periods never
    count a report twice. Returns the range of Mondays to select."""
    return start - timedelta(days=3), end - timedelta(days=3)


def week_month(monday: date) -> date:
    """The month a received week counts in: the month of its Thursday."""
    return (monday + timedelta(days=3)).replace(day=1)


def reports_received(organisation_id: int, start: date, end: date) -> QuerySet[Report]:
    first, last = week_period_bounds(start, end)
    return Report.objects.filter(
        organisation_id=organisation_id, received_week__gte=first, received_week__lte=last
    )


def coded_outcomes(reports: QuerySet[Report]) -> Counter[str]:
    """Outcomes as the learning team coded them, else as the reporter said."""
    coded = Coding.objects.filter(report=OuterRef("pk"), is_primary=True).values("outcome")[:1]
    return Counter(
        dict(
            reports.annotate(
                coded_outcome=Coalesce(NullIf(Subquery(coded), Value("")), F("outcome"))
            )
            .values_list("coded_outcome")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )


def confirmed_theme_counts(organisation_id: int, reports: QuerySet[Report]) -> Counter[str]:
    # Confirmed themes only: a suggestion is not yet the learning team's view.
    return Counter(
        dict(
            ThemeReport.objects.filter(
                theme__organisation_id=organisation_id,
                theme__status=ThemeStatus.CONFIRMED,
                report__in=reports,
            )
            .values_list("theme__name")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )


class PeriodCounts(TypedDict):
    total: int
    outcomes: list[tuple[str, int]]
    factors: list[tuple[str, int]]
    # Confirmed theme name, reports this period, reports in the period before. Absent
    # from bulletins published before themes were counted.
    themes: NotRequired[list[tuple[str, int, int]]]


def period_counts(bulletin: Bulletin) -> PeriodCounts:
    """Count the period's reports now, for storing on the bulletin when it is published."""
    organisation_id = bulletin.organisation_id
    reports = reports_received(organisation_id, bulletin.period_start, bulletin.period_end)
    # The period before is as long as this one and ends the day before it starts.
    length = bulletin.period_end - bulletin.period_start
    previous_end = bulletin.period_start - timedelta(days=1)
    previous = reports_received(organisation_id, previous_end - length, previous_end)
    outcome_counts = coded_outcomes(reports)
    now, before = (
        confirmed_theme_counts(organisation_id, reports),
        confirmed_theme_counts(organisation_id, previous),
    )
    factor_counts = Counter(
        value.code.current.label
        for value in CodedValue.objects.filter(
            coding__report__in=reports, coding__is_primary=True, code__axis=Axis.FACTOR
        ).select_related("code__merged_into")
    )
    return {
        "total": reports.count(),
        "outcomes": [(str(o.label), outcome_counts.get(o.value, 0)) for o in Outcome],
        "factors": factor_counts.most_common(8),
        "themes": sorted(
            ((name, now[name], before[name]) for name in set(now) | set(before)),
            key=lambda row: (-row[1], -row[2], row[0]),
        )[:8],
    }


def lesson_texts(bulletin: Bulletin) -> list[LessonText]:
    """The bulletin's lessons as published (older bulletins: as they are now)."""
    if bulletin.lesson_texts:
        return [LessonText(**item) for item in bulletin.lesson_texts]
    return [
        LessonText(lesson.title, lesson.story, lesson.commentary, lesson.action_taken)
        for lesson in bulletin.lessons.order_by("published_at")
    ]


def bulletin_content(bulletin: Bulletin, *, judged: bool = False) -> BulletinContent:
    """What the bulletin shows; ``judged``: with "did it work?" for the period's changes
    (the organisation's own page and PDF; not the open copy, whose figures are frozen)."""
    counts: PeriodCounts = bulletin.counts or period_counts(bulletin)
    outcome_rows = suppress_parts([(str(label), int(n)) for label, n in counts["outcomes"]])
    factor_rows = [suppress(str(label), int(n)) for label, n in counts["factors"]]
    total = int(counts["total"])
    outcomes_title = _("Reports by outcome")
    factors_title = _("Most common contributing factors")
    themes_title = _(
        "Recurring error traps (confirmed themes): reports this period and the period before"
    )
    trends = [
        ThemeTrend(str(name), suppress(str(name), int(n)), suppress(str(name), int(before)))
        for name, n, before in counts.get("themes", [])
    ]
    return BulletinContent(
        bulletin=bulletin,
        lessons=lesson_texts(bulletin),
        total_reports=CountRow(_("Reports received"), total if total >= SMALLEST_SHOWN else None),
        outcomes=BarChart(outcomes_title, outcome_rows, _("Outcome")),
        factors=BarChart(factors_title, factor_rows, _("Contributing factor")),
        themes=ThemeTrends(themes_title, trends),
        changes=(
            judged_between(bulletin.organisation_id, bulletin.period_start, bulletin.period_end)
            if judged
            else []
        ),
    )
