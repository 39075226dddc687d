"""Charts drawn on the server as SVG, so they work without JavaScript and under the CSP.

Every chart is shown beside a table of its data (the table is what screen readers use;
the SVG is hidden from them), so charts carry no information the table does not.

The geometry is worked out here as plain data (numbers and label text) and drawn by a
template (templates/core/charts/), so Django escapes every label and title: no markup is
built by hand. Coordinates are rounded to one decimal place here, which is how they are
written out (the templates switch localisation off so numbers are never reformatted).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Column:
    label: str
    value: int | None  # None: hidden (a small number), drawn as a gap


@dataclass(frozen=True)
class DrawnColumn:
    x: float
    y: float
    width: float
    height: float
    value: int
    value_x: float  # the value is written centred above the column
    value_y: float


@dataclass(frozen=True)
class ChartText:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class ColumnSlot:
    column: DrawnColumn | None  # None: no value, or a hidden one
    label: ChartText | None  # None: between labelled columns


@dataclass(frozen=True)
class ColumnChart:
    title: str
    width: int
    height: int
    baseline_y: int
    slots: list[ColumnSlot]


def column_chart(title: str, columns: Sequence[Column], *, label_every: int = 1) -> ColumnChart:
    """Where each column and its labels go (vertical columns, labelled below)."""
    width, height, bottom, top = 640, 220, 40, 20
    plot_height = height - bottom - top
    step = width / max(len(columns), 1)
    largest = max((c.value or 0 for c in columns), default=0) or 1
    slots = []
    for index, column in enumerate(columns):
        x = index * step + step * 0.15
        bar_width = step * 0.7
        middle = round(x + bar_width / 2, 1)
        drawn = None
        if column.value:
            bar_height = plot_height * column.value / largest
            y = top + plot_height - bar_height
            drawn = DrawnColumn(
                x=round(x, 1),
                y=round(y, 1),
                width=round(bar_width, 1),
                height=round(bar_height, 1),
                value=column.value,
                value_x=middle,
                value_y=round(y - 4, 1),
            )
        label = None
        if index % label_every == 0:
            label = ChartText(middle, height - bottom + 18, column.label)
        slots.append(ColumnSlot(drawn, label))
    return ColumnChart(title, width, height, top + plot_height, slots)


def column_chart_svg(title: str, columns: Sequence[Column], *, label_every: int = 1) -> str:
    """Vertical columns over time, labelled below every `label_every` columns.

    The markup comes from a template, so pages show it as it is (Django treats a rendered
    template as already escaped)."""
    chart = column_chart(title, columns, label_every=label_every)
    return render_to_string("core/charts/column.html", {"chart": chart})


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
            return str(self.count)
        return _("not shown") if self.complementary else _("fewer than 5")


@dataclass(frozen=True)
class DrawnBar:
    y: int  # top of the bar
    text_y: int  # baseline of the label and the value beside the bar
    label: str  # cut to fit the space left of the bars
    bar_width: int | None  # None: the count is not shown, so no bar is drawn
    value_x: int
    shown: str


@dataclass(frozen=True)
class BarChart:
    title: str
    width: int
    height: int
    bar_x: int
    bar_height: int
    bars: list[DrawnBar]


def bar_chart(title: str, rows: Sequence[CountRow]) -> BarChart:
    """Where each horizontal bar and its label go."""
    width, bar_height, gap, label_width = 640, 22, 8, 300
    largest = max((row.count or 0 for row in rows), default=0) or 1
    height = len(rows) * (bar_height + gap) + gap
    bars = []
    for index, row in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = max(int((width - label_width - 60) * (row.count or 0) / largest), 2)
        bars.append(
            DrawnBar(
                y=y,
                text_y=y + 16,
                label=row.label[:42],
                bar_width=length if row.count is not None else None,
                value_x=label_width + length + 6,
                shown=row.shown,
            )
        )
    return BarChart(title, width, height, label_width, bar_height, bars)


def bar_chart_svg(title: str, rows: Sequence[CountRow]) -> str:
    """A horizontal bar chart as SVG markup (attributes only: the CSP forbids styles).

    The markup comes from a template, so pages show it as it is (Django treats a rendered
    template as already escaped)."""
    return render_to_string("core/charts/bar.html", {"chart": bar_chart(title, rows)})
