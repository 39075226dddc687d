"""Charts drawn on the server as SVG, so they work without JavaScript and under the CSP.

Every chart is shown beside a table of its data (the table is what screen readers use;
the SVG is hidden from them), so charts carry no information the table does not.

The geometry is worked out here as plain data (numbers and label text) and drawn by a
template (templates/core/charts/), so Django escapes every label and title: no markup is
built by hand. Coordinates are rounded to one decimal place here, which is how they are
written out (the templates switch localisation off so numbers are never reformatted).
"""

from __future__ import annotations

import math
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


# Lines over time: the shared chart for the health pages (issue 20). Full width, a
# legend drawn on the chart, up to about twelve labels along the bottom and six along
# the side, and event labels stacked in rows so that none overlaps another or runs off
# the edge. As with the charts above, a table of the same data sits beside every chart.
LINE_WIDTH, PLOT_HEIGHT = 960, 260
_LEFT, _RIGHT, _BOTTOM = 64, 24, 36
_LEGEND_ROW, _EVENT_ROW = 22, 15
# Roughly how wide a character of 12px (11px) text is, to keep labels apart.
_CHAR_WIDTH, _EVENT_CHAR_WIDTH = 6.6, 6.2
_EVENT_TEXT = 44  # an event label longer than this is cut (the table has it whole)
INK, GREY, BLUE, RED, PURPLE, GREEN, ORANGE = (
    "#0b0c0c",
    "#b1b4b6",
    "#1d70b8",
    "#d4351c",
    "#4c2c92",
    "#00703c",
    "#f47738",
)
AXIS_TEXT = "#505a5f"


@dataclass(frozen=True)
class LineSeries:
    """One line: its name for the legend, a value per label (None breaks the line)."""

    name: str
    values: Sequence[float | None]
    colour: str = BLUE
    dashed: bool = False
    markers: bool = True
    # Points to ring in red (a control-chart flag), by position; empty for none.
    flagged: Sequence[bool] = ()


@dataclass(frozen=True)
class EventMark:
    """Something that happened at one label's position: a national case, an inspection."""

    position: int
    label: str


@dataclass(frozen=True)
class DrawnLine:
    points: str  # "x,y x,y ..." for an SVG polyline
    colour: str
    dash: str


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    radius: int
    colour: str
    outline: str


@dataclass(frozen=True)
class SideTick:
    y: float  # the grid line
    text_x: float
    text_y: float
    text: str


@dataclass(frozen=True)
class BottomTick:
    x: float
    y1: float
    y2: float
    text_y: float
    text: str


@dataclass(frozen=True)
class LegendEntry:
    x1: float  # the sample line (or the flag's ring at its middle)
    x2: float
    y: float
    text_x: float
    text_y: float
    colour: str
    dash: str
    text: str
    flag: bool = False  # the entry for flagged points: a red ring, not a line

    @property
    def middle(self) -> float:
        return round((self.x1 + self.x2) / 2, 1)


@dataclass(frozen=True)
class DrawnEvent:
    x: float
    y1: float  # the dotted line runs from just under its label to the bottom axis
    y2: float
    text_x: float
    text_y: float  # while placing: the row number
    anchor: str
    text: str


@dataclass(frozen=True)
class LineChart:
    title: str
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    side_ticks: list[SideTick]
    bottom_ticks: list[BottomTick]
    lines: list[DrawnLine]
    markers: list[Marker]
    legend: list[LegendEntry]
    events: list[DrawnEvent]


def nice_ticks(high: float, count: int = 6) -> list[float]:
    """Round numbers from 0 to at least ``high``: 0, 20, 40 ... about ``count`` of them."""
    if high <= 0:
        return [0.0, 1.0]
    raw = high / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [0.0]
    while ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _tick_text(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def _event_rows(
    events: Sequence[EventMark], xs: Sequence[float], right_edge: float
) -> list[DrawnEvent]:
    """Each event label in the first row where it overlaps no other, kept inside the chart."""
    placed: list[DrawnEvent] = []
    rows: list[list[tuple[float, float]]] = []
    for event in sorted(events, key=lambda e: e.position):
        x = xs[event.position]
        text = (
            event.label if len(event.label) <= _EVENT_TEXT else event.label[: _EVENT_TEXT - 1] + "…"
        )
        width = len(text) * _EVENT_CHAR_WIDTH
        # Written to the right of its line, or to the left where it would run off the edge.
        start, anchor, text_x = x + 3, "start", x + 3
        if start + width > right_edge:
            start, anchor, text_x = x - 3 - width, "end", x - 3
        span = (start, start + width)
        row = next(
            (
                index
                for index, taken in enumerate(rows)
                if all(span[1] < a or span[0] > b for a, b in taken)
            ),
            len(rows),
        )
        if row == len(rows):
            rows.append([])
        rows[row].append(span)
        placed.append(DrawnEvent(round(x, 1), 0.0, 0.0, round(text_x, 1), float(row), anchor, text))
    return placed


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[LineSeries],
    *,
    events: Sequence[EventMark] = (),
    flag_name: str = "",
) -> LineChart:
    """Where every line, point, tick, legend entry and event label goes."""
    count = len(labels)
    known = [v for line in series for v in line.values if v is not None]
    ticks = nice_ticks(max(known, default=0.0) * 1.05)
    high = ticks[-1]
    drawn_events = _event_rows(
        [e for e in events if 0 <= e.position < count],
        [
            _LEFT + (LINE_WIDTH - _LEFT - _RIGHT) * (i / (count - 1) if count > 1 else 0.5)
            for i in range(count)
        ],
        LINE_WIDTH - _RIGHT,
    )
    event_rows = int(max((e.text_y for e in drawn_events), default=-1)) + 1
    legend_entries = [s for s in series if s.name]
    has_flags = any(any(s.flagged) for s in series) and flag_name
    top = 10 + (_LEGEND_ROW if legend_entries or has_flags else 0) + event_rows * _EVENT_ROW
    height = top + PLOT_HEIGHT + _BOTTOM
    span_x = LINE_WIDTH - _LEFT - _RIGHT

    def x_at(index: int) -> float:
        return round(_LEFT + (span_x * index / (count - 1) if count > 1 else span_x / 2), 1)

    def y_at(value: float) -> float:
        return round(top + PLOT_HEIGHT * (1 - value / high), 1)

    side = [
        SideTick(y_at(value), _LEFT - 8, round(y_at(value) + 4, 1), _tick_text(value))
        for value in ticks
    ]
    bottom = top + PLOT_HEIGHT
    every = max(1, math.ceil(count / 12))
    bottom_ticks = [
        BottomTick(x_at(i), bottom, bottom + 4, bottom + 20, label)
        for i, label in enumerate(labels)
        if i % every == 0
    ]
    lines: list[DrawnLine] = []
    markers: list[Marker] = []
    for line in series:
        dash = "6 4" if line.dashed else ""
        run: list[str] = []
        for index, value in enumerate(line.values):
            if value is None:
                if len(run) > 1:
                    lines.append(DrawnLine(" ".join(run), line.colour, dash))
                run = []
                continue
            x, y = x_at(index), y_at(value)
            run.append(f"{x},{y}")
            flagged = index < len(line.flagged) and line.flagged[index]
            if flagged:
                markers.append(Marker(x, y, 6, RED, INK))
            elif line.markers:
                markers.append(Marker(x, y, 3, line.colour, ""))
        if len(run) > 1:
            lines.append(DrawnLine(" ".join(run), line.colour, dash))
    legend: list[LegendEntry] = []
    x = float(_LEFT)
    for line in legend_entries:
        dash = "6 4" if line.dashed else ""
        legend.append(LegendEntry(x, x + 24, 18, x + 30, 22, line.colour, dash, line.name))
        x += 30 + len(line.name) * _CHAR_WIDTH + 18
    if has_flags:
        legend.append(LegendEntry(x, x + 24, 18, x + 30, 22, RED, "", flag_name, flag=True))
    events_y = 10 + (_LEGEND_ROW if legend else 0)
    placed = []
    for event in drawn_events:
        text_y = events_y + event.text_y * _EVENT_ROW + 11
        placed.append(
            DrawnEvent(event.x, text_y + 3, bottom, event.text_x, text_y, event.anchor, event.text)
        )
    return LineChart(
        title=title,
        width=LINE_WIDTH,
        height=height,
        left=_LEFT,
        right=LINE_WIDTH - _RIGHT,
        top=top,
        bottom=bottom,
        side_ticks=side,
        bottom_ticks=bottom_ticks,
        lines=lines,
        markers=markers,
        legend=legend,
        events=placed,
    )


def line_chart_svg(
    title: str,
    labels: Sequence[str],
    series: Sequence[LineSeries],
    *,
    events: Sequence[EventMark] = (),
    flag_name: str = "",
) -> str:
    """Lines over time as SVG markup, from a template (so every label is escaped)."""
    chart = line_chart(title, labels, series, events=events, flag_name=flag_name)
    return render_to_string("core/charts/lines.html", {"chart": chart})
