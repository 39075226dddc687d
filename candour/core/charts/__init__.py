"""The one chart component: every chart on every page, and in the bulletin PDF (ADR 0026).

A presenter describes a chart as data (`Chart`: labels, series, limits, flags, events) with
the builders here; a template shows it with `{% chart_table chart %}` (templatetags
`candour_charts`), which writes its heading, its legend, the drawing at each width it may
be shown at, and its data table in a details element, closed until asked for. The PDF
writes the same component at print size (`render_chart(chart, for_print=True)`).

The geometry is pure (`candour.lib.charts`); the markup comes from templates, so Django
escapes every title and label and no markup is built by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from candour.lib.charts.layout import PRINT_WIDTH, SCREEN_WIDTHS, Drawing, LegendItem, draw, legend
from candour.lib.charts.model import (
    BLUE,
    DARK_GREY,
    GREEN,
    INK,
    PINK,
    PURPLE,
    RED,
    Chart,
    Event,
    Kind,
    Series,
)

__all__ = [
    "BLUE",
    "DARK_GREY",
    "GREEN",
    "INK",
    "PINK",
    "PURPLE",
    "RED",
    "Chart",
    "CountRow",
    "Event",
    "Kind",
    "Series",
    "chart_context",
    "count_bars",
    "period_columns",
    "render_chart",
]


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int | None  # None: fewer than SMALLEST_SHOWN, or hidden so none can be worked out
    # Where a larger row was hidden too, every hidden row says only "not shown": saying
    # which one was small would give the small one away by subtraction.
    complementary: bool = False

    @property
    def shown(self) -> str:
        if self.count is not None:
            return f"{self.count:,}"
        return _("not shown") if self.complementary else _("fewer than 5")


def count_bars(
    title: str,
    rows: Sequence[CountRow],
    *,
    label_heading: str = "",
    value_heading: str = "",
) -> Chart:
    """Counts by category as horizontal bars, in the order given, hidden counts as words."""
    return Chart(
        Kind.BARS,
        title,
        [row.label for row in rows],
        [
            Series(
                value_heading or _("Reports"),
                [row.count for row in rows],
                shown=[row.shown for row in rows],
            )
        ],
        label_heading=label_heading or _("Category"),
        gap_name=_("No bar: the count is not shown, so that nobody can be picked out"),
    )


def period_columns(
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    label_heading: str = "",
    value_heading: str = "",
    unit: str = "",
    shown: Sequence[str] | None = None,
    whole: bool = True,
    table_labels: Sequence[str] | None = None,
) -> Chart:
    """One count (or share) per period as columns, oldest first."""
    return Chart(
        Kind.COLUMNS,
        title,
        labels,
        [Series(value_heading or title, values, shown=shown)],
        table_labels=table_labels,
        label_heading=label_heading or _("Month"),
        unit=unit,
        gap_name=_("No column: the figure is not shown, so that nobody can be picked out"),
        whole=whole,
    )


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: list[str]


@dataclass(frozen=True)
class Table:
    headings: list[str]  # after the first column's
    rows: list[TableRow]


def data_table(chart: Chart) -> Table:
    """The chart's figures, one row per label in the order drawn (so bar i is row i)."""
    series = [s for s in chart.series if s.name]
    headings = [s.name for s in series]
    if chart.has_flags:
        headings.append(chart.flag_name)
    if chart.events:
        headings.append(_("Events"))
    rows = []
    for index, label in enumerate(chart.table_labels or chart.labels):
        cells = [s.text(index, chart.unit) or _("not known") for s in series]
        if chart.has_flags:
            cells.append(_("yes") if chart.flagged_at(index) else "")
        if chart.events:
            cells.append("; ".join(chart.events_at(index)))
        rows.append(TableRow(label, cells))
    return Table(headings, rows)


def chart_context(
    chart: Chart,
    *,
    for_print: bool = False,
    heading: str = "h3",
    table_template: str = "",
    table_id: str = "",
) -> dict[str, Any]:
    """What templates/core/charts/chart.html needs to show `chart`."""
    widths = (PRINT_WIDTH,) if for_print else SCREEN_WIDTHS
    # A chart with nothing in it says so in words (templates/core/charts/chart.html).
    drawings: list[Drawing] = [draw(chart, width) for width in widths] if chart.labels else []
    items: list[LegendItem] = legend(chart)
    return {
        "chart": chart,
        "drawings": drawings,
        "legend": items,
        "table": data_table(chart),
        "table_template": table_template,
        "table_id": table_id,
        "for_print": for_print,
        "heading": heading if heading in {"h2", "h3", "h4"} else "h3",
        "alt": _("Chart: %(title)s. Its figures are in the table with it.")
        % {"title": chart.title},
    }


def render_chart(chart: Chart, *, for_print: bool = False, heading: str = "h3") -> SafeString:
    """The chart component as markup, for a page or for the PDF."""
    return SafeString(
        render_to_string(
            "core/charts/chart.html", chart_context(chart, for_print=for_print, heading=heading)
        )
    )
