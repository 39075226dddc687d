"""What a bulletin shows: its lessons, and counts for the period with small numbers hidden."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TypedDict

from django.utils.translation import gettext as _

from candour.learning.models import Axis, Bulletin, CodedValue, Lesson
from candour.reporting.models import Report
from candour.reporting.vocabulary import Outcome

# No count below this is shown: it could point to a person (METRICS.md, small numbers).
SMALLEST_SHOWN = 5


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int | None  # None: fewer than SMALLEST_SHOWN, so hidden

    @property
    def shown(self) -> str:
        return str(self.count) if self.count is not None else _("fewer than 5")


@dataclass(frozen=True)
class BarChart:
    title: str
    rows: list[CountRow]
    svg: str


@dataclass(frozen=True)
class BulletinContent:
    bulletin: Bulletin
    lessons: list[Lesson]
    total_reports: CountRow
    outcomes: BarChart
    factors: BarChart


def suppress(label: str, count: int) -> CountRow:
    return CountRow(label, count if count >= SMALLEST_SHOWN else None)


def bar_chart_svg(title: str, rows: list[CountRow]) -> str:
    """A horizontal bar chart as SVG markup (attributes only: the CSP forbids styles)."""
    width, bar_height, gap, label_width = 640, 22, 8, 300
    largest = max((row.count or 0 for row in rows), default=0) or 1
    height = len(rows) * (bar_height + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{_escape(title)}" class="candour-chart">'
    ]
    for index, row in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = int((width - label_width - 60) * (row.count or 0) / largest)
        label = _escape(row.label[:42])
        parts.append(f'<text x="0" y="{y + 16}" font-size="14" fill="#0b0c0c">{label}</text>')
        if row.count is not None:
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{max(length, 2)}" '
                f'height="{bar_height}" fill="#1d70b8"></rect>'
            )
        parts.append(
            f'<text x="{label_width + max(length, 2) + 6}" y="{y + 16}" font-size="14" '
            f'fill="#0b0c0c">{_escape(row.shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


class PeriodCounts(TypedDict):
    total: int
    outcomes: list[tuple[str, int]]
    factors: list[tuple[str, int]]


def period_counts(bulletin: Bulletin) -> PeriodCounts:
    """Count the period's reports now, for storing on the bulletin when it is published."""
    reports = Report.objects.filter(
        organisation=bulletin.organisation,
        received_week__gte=bulletin.period_start,
        received_week__lte=bulletin.period_end,
    )
    outcome_counts = Counter(reports.values_list("outcome", flat=True))
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
    }


def bulletin_content(bulletin: Bulletin) -> BulletinContent:
    counts: PeriodCounts = bulletin.counts or period_counts(bulletin)
    outcome_rows = [suppress(str(label), int(n)) for label, n in counts["outcomes"]]
    factor_rows = [suppress(str(label), int(n)) for label, n in counts["factors"]]
    outcomes_title = _("Reports by outcome")
    factors_title = _("Most common contributing factors")
    return BulletinContent(
        bulletin=bulletin,
        lessons=list(bulletin.lessons.order_by("published_at")),
        total_reports=suppress(_("Reports received"), int(counts["total"])),
        outcomes=BarChart(
            outcomes_title, outcome_rows, bar_chart_svg(outcomes_title, outcome_rows)
        ),
        factors=BarChart(factors_title, factor_rows, bar_chart_svg(factors_title, factor_rows)),
    )
