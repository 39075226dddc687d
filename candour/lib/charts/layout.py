"""Where every bar, line, point and label of a chart goes, at one width.

A page draws each chart at a few widths and shows the one that fits its column (ADR
0026), so text is drawn at one size, 16 units, and shown at 14 to 16 CSS pixels: never
scaled down to nothing on a phone. Labels are measured (`text.py`) and wrapped, shortened
or thinned out so that none overlaps another or runs off the edge; none is rotated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from candour.lib.charts.model import (
    DARK_GREY,
    GRID,
    INK,
    PURPLE,
    RED,
    WHITE,
    Chart,
    Kind,
    Series,
)
from candour.lib.charts.scale import tick_text, ticks_that_fit
from candour.lib.charts.text import FONT_SIZE, LINE_HEIGHT, shorten, text_width, wrap

# The widths a page draws each chart at, in user units (= CSS pixels when shown at full
# size), and the one the bulletin PDF prints at (16 units come out at 9.6 pt on A4).
SCREEN_WIDTHS = (300, 440, 620, 900)
PRINT_WIDTH = 800

BAR, BAR_GAP, GROUP_GAP = 22, 4, 14
ASCENT, DESCENT = 0.93 * FONT_SIZE, 0.24 * FONT_SIZE  # DejaVu Sans, the tallest of the stack
Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class Rect:
    kind: ClassVar[str] = "rect"
    x: float
    y: float
    width: float
    height: float
    colour: str


@dataclass(frozen=True)
class Line:
    kind: ClassVar[str] = "line"
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    dash: str = ""
    thickness: float = 1


@dataclass(frozen=True)
class Polyline:
    kind: ClassVar[str] = "polyline"
    points: str  # "x,y x,y ..."
    colour: str
    dash: str = ""


@dataclass(frozen=True)
class Circle:
    kind: ClassVar[str] = "circle"
    x: float
    y: float
    radius: float
    colour: str
    outline: str = ""


@dataclass(frozen=True)
class Text:
    kind: ClassVar[str] = "text"
    x: float
    y: float  # the baseline
    text: str
    anchor: Anchor = "start"
    colour: str = INK
    bold: bool = False
    halo: bool = False  # a white ground, where the text may cross a gridline

    def box(self) -> tuple[float, float, float, float]:
        """The most room the text takes: left, top, right, bottom."""
        width = text_width(self.text, bold=self.bold)
        left = {"start": self.x, "middle": self.x - width / 2, "end": self.x - width}[self.anchor]
        return (left, self.y - ASCENT, left + width, self.y + DESCENT)


Shape = Rect | Line | Polyline | Circle | Text


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    shapes: list[Shape]

    @property
    def texts(self) -> list[Text]:
        return [shape for shape in self.shapes if isinstance(shape, Text)]


@dataclass(frozen=True)
class LegendItem:
    kind: Literal["line", "bar", "ring", "gap", "event"]
    text: str
    colour: str = ""
    dashed: bool = False
    number: str = ""  # an event's number, as written on the chart


def _r(value: float) -> float:
    return round(value, 1)


def _dash(series: Series) -> str:
    return "8 5" if series.dashed else ""


def draw(chart: Chart, width: int) -> Drawing:
    """The chart laid out `width` units wide."""
    drawing = _bars(chart, width) if chart.kind is Kind.BARS else _plot(chart, width)
    return Drawing(drawing.width, drawing.height, _grounded(drawing.shapes))


def _grounded(shapes: list[Shape]) -> list[Shape]:
    """A white box under each text that may cross a gridline: a white outline
    (paint-order) would hide the text itself where the PDF printer ignores paint-order."""
    out: list[Shape] = []
    for shape in shapes:
        if isinstance(shape, Text) and shape.halo:
            left, top, right, bottom = shape.box()
            ground = max(left - 2, 0.0)
            out.append(Rect(_r(ground), _r(top), _r(right + 2 - ground), _r(bottom - top), WHITE))
        out.append(shape)
    return out


def _bars(chart: Chart, width: int) -> Drawing:
    """Horizontal bars, each category's label above its bars (so labels have the full
    width at any size), values at the bars' ends, round ticks along the bottom."""
    count = len(chart.labels)
    values = [v for s in chart.series for v in s.values if v is not None]
    value_room = max(
        (
            text_width(s.text(i, chart.unit))
            for s in chart.series
            for i in range(count)
            if s.values[i] is not None
        ),
        default=0.0,
    )
    plot = max(width - value_room - 8, width * 0.4)
    high = max(values, default=0.0) or 1.0
    ticks = ticks_that_fit(
        0,
        high,
        plot,
        lambda tick: 1.5 * text_width(tick_text(tick, chart.unit)) + 8,
        whole=chart.whole,
    )
    scale = plot / ticks[-1]
    body: list[Shape] = []
    y = 4.0
    for index, label in enumerate(chart.labels):
        for line in wrap(label, width, max_lines=2):
            body.append(Text(0, _r(y + 15), line, halo=True))
            y += LINE_HEIGHT
        y += BAR_GAP
        for series in chart.series:
            value = series.values[index]
            shown = series.text(index, chart.unit)
            if value is None:
                body.append(
                    Text(0, _r(y + 16), shorten(shown, width), "start", DARK_GREY, halo=True)
                )
            else:
                length = max(value * scale, 1.0) if value > 0 else 0.0
                body.append(Rect(0, _r(y), _r(length), BAR, series.colour))
                body.append(Text(_r(length + 6), _r(y + 16), shown, halo=True))
            y += BAR + BAR_GAP
        y += GROUP_GAP
    bottom = _r(y)
    grid: list[Shape] = []
    for tick in ticks:
        x = _r(tick * scale)
        grid.append(Line(x, 0, x, bottom, GRID if tick else INK))
        text = tick_text(tick, chart.unit)
        half = text_width(text) / 2
        anchor: Anchor = "start" if x - half < 0 else "end" if x + half > width else "middle"
        grid.append(Text(x, _r(bottom + 20), text, anchor, DARK_GREY))
    return Drawing(width, int(bottom + 28), grid + body)


def _pick_labels(
    xs: Sequence[float], labels: Sequence[str], width: float
) -> list[tuple[int, Anchor]]:
    """Which period labels to write: the most recent always where it fits, then every
    k-th before it, for the smallest k at which no two touch and none runs off an edge."""
    count = len(labels)
    widths = [text_width(label) for label in labels]
    slot = xs[1] - xs[0] if count > 1 else width
    for step in range(1, count + 1):
        if slot * step < max(widths) + 10:
            continue
        chosen = [i for i in range(count) if (count - 1 - i) % step == 0]
        return [
            (i, "middle")
            for i in chosen
            if xs[i] - widths[i] / 2 >= 0 and xs[i] + widths[i] / 2 <= width
        ]
    return []


def _event_rows(xs: list[float]) -> list[int]:
    """The row for each event's number, so that no two numbers touch."""
    rows: list[list[tuple[float, float]]] = []
    placed = []
    for number, x in enumerate(xs, start=1):
        half = text_width(str(number)) / 2 + 3
        span = (x - half, x + half)
        row = next(
            (
                r
                for r, taken in enumerate(rows)
                if all(span[1] < a or span[0] > b for a, b in taken)
            ),
            len(rows),
        )
        if row == len(rows):
            rows.append([])
        rows[row].append(span)
        placed.append(row)
    return placed


def _plot(chart: Chart, width: int) -> Drawing:
    """Columns or lines on two axes: round ticks up the left, periods (or a number scale)
    along the bottom, event numbers above the plot."""
    count = len(chart.labels)
    values = [v for s in chart.series for v in s.values if v is not None]
    low = min([0.0, *values])
    high = max(values, default=0.0) or 1.0
    plot_height = 220 if width >= 440 else 180
    y_ticks = ticks_that_fit(
        low, high, plot_height, lambda _tick: LINE_HEIGHT + 10, whole=chart.whole
    )
    gutter = max(text_width(tick_text(t, chart.unit)) for t in y_ticks) + 10
    events = sorted((e for e in chart.events if 0 <= e.position < count), key=lambda e: e.position)
    columns = chart.kind is Kind.COLUMNS

    # Along the bottom: a number scale, or one slot per period.
    x_scale: Callable[[float], float]
    if chart.x_values is not None:
        x_low, x_high = min(chart.x_values), max(chart.x_values)
        right = text_width(tick_text(x_high, chart.x_unit)) / 2 + 4
        span = width - gutter - right
        x_ticks = ticks_that_fit(
            x_low, x_high, span, lambda t: text_width(tick_text(t, chart.x_unit)) + 16, whole=False
        )

        def x_scale(value: float) -> float:
            return gutter + span * (value - x_ticks[0]) / (x_ticks[-1] - x_ticks[0])

        xs = [_r(x_scale(v)) for v in chart.x_values]
    else:
        last = text_width(chart.labels[-1]) / 2 if count else 0.0
        right = max(4.0, last + 2 - (width - gutter) / max(count, 1) / 2)
        slot = (width - gutter - right) / max(count, 1)
        xs = [_r(gutter + slot * (i + 0.5)) for i in range(count)]
    rows = _event_rows([xs[e.position] for e in events])
    event_band = (max(rows) + 1) * LINE_HEIGHT if rows else 0

    # Each value over its column, where every one fits the column's share of its slot.
    room = (xs[1] - xs[0] if count > 1 else width) / max(len(chart.series), 1) - 4
    value_labels = columns and all(
        text_width(s.text(i, chart.unit)) <= room
        for s in chart.series
        for i in range(count)
        if s.values[i] is not None
    )
    top = 8 + event_band + (LINE_HEIGHT if value_labels else 6)
    bottom = top + plot_height

    def y_at(value: float) -> float:
        return _r(bottom - plot_height * (value - y_ticks[0]) / (y_ticks[-1] - y_ticks[0]))

    shapes: list[Shape] = []
    for tick in y_ticks:
        y = y_at(tick)
        shapes.append(Line(_r(gutter), y, _r(width - right), y, INK if tick == 0 else GRID))
        shapes.append(
            Text(_r(gutter - 8), _r(y + 5), tick_text(tick, chart.unit), "end", DARK_GREY)
        )
    shapes.append(Line(_r(gutter), _r(top), _r(gutter), bottom, INK))
    if chart.x_values is not None:
        for tick in x_ticks:
            x = _r(x_scale(tick))
            shapes.append(Line(x, bottom, x, bottom + 5, INK))
            shapes.append(
                Text(x, _r(bottom + 25), tick_text(tick, chart.x_unit), "middle", DARK_GREY)
            )
    else:
        for index, anchor in _pick_labels(xs, chart.labels, width):
            shapes.append(Line(xs[index], bottom, xs[index], bottom + 5, INK))
            shapes.append(Text(xs[index], _r(bottom + 25), chart.labels[index], anchor, DARK_GREY))
    for number, (event, row) in enumerate(zip(events, rows, strict=True), start=1):
        x = xs[event.position]
        text_y = 8 + row * LINE_HEIGHT + 15
        shapes.append(Line(x, _r(text_y + 4), x, bottom, PURPLE, "2 3"))
        shapes.append(Text(x, _r(text_y), str(number), "middle", PURPLE, bold=True))

    if columns:
        shapes += _columns(chart, xs, y_at, value_labels)
    else:
        shapes += _lines(chart, xs, y_at)
    return Drawing(width, int(bottom + 32), shapes)


def _columns(
    chart: Chart, xs: list[float], y_at: Callable[[float], float], value_labels: bool
) -> list[Shape]:
    slot = xs[1] - xs[0] if len(xs) > 1 else 40.0
    series_count = max(len(chart.series), 1)
    column = slot * 0.7 / series_count
    shapes: list[Shape] = []
    for s, series in enumerate(chart.series):
        for index, value in enumerate(series.values):
            if value is None:
                continue
            left = xs[index] - slot * 0.35 + s * column
            top, base = y_at(max(value, 0.0)), y_at(min(value, 0.0))
            shapes.append(Rect(_r(left), top, _r(max(column, 1.0)), _r(base - top), series.colour))
            if value_labels:
                shapes.append(
                    Text(
                        _r(left + column / 2),
                        _r(top - 5),
                        series.text(index, chart.unit),
                        "middle",
                        halo=True,
                    )
                )
    return shapes


def _lines(chart: Chart, xs: list[float], y_at: Callable[[float], float]) -> list[Shape]:
    shapes: list[Shape] = []
    points: list[Shape] = []
    for series in chart.series:
        run: list[str] = []
        for index, value in enumerate([*series.values, None]):
            if value is None:
                if len(run) > 1:
                    shapes.append(Polyline(" ".join(run), series.colour, _dash(series)))
                run = []
                continue
            x, y = xs[index], y_at(value)
            run.append(f"{x},{y}")
            if index < len(series.flagged) and series.flagged[index]:
                points.append(Circle(x, y, 6, RED, INK))
            elif series.markers:
                points.append(Circle(x, y, 3.5, series.colour))
            elif len(series.values) == 1 or _alone(series.values, index):
                # A value with no neighbour would draw nothing at all without a point.
                points.append(Circle(x, y, 3.5, series.colour))
    return shapes + points


def _alone(values: Sequence[float | None], index: int) -> bool:
    before = values[index - 1] if index > 0 else None
    after = values[index + 1] if index + 1 < len(values) else None
    return before is None and after is None


def legend(chart: Chart) -> list[LegendItem]:
    """What the chart's marks mean: its series (where there is more than one), its limits,
    flags and gaps, and each event by its number."""
    items: list[LegendItem] = []
    named = [s for s in chart.series if s.legend_text]
    if len(named) > 1 or any(s.legend is not None for s in named):
        kind: Literal["line", "bar"] = "line" if chart.kind is Kind.LINES else "bar"
        items += [LegendItem(kind, s.legend_text, s.colour, s.dashed) for s in named]
    if chart.has_flags:
        items.append(LegendItem("ring", chart.flag_name, RED))
    if chart.has_gaps:
        items.append(LegendItem("gap", chart.gap_name, DARK_GREY))
    events = sorted(
        (e for e in chart.events if 0 <= e.position < len(chart.labels)), key=lambda e: e.position
    )
    items += [
        LegendItem("event", f"{e.label} ({chart.labels[e.position]})", PURPLE, number=str(n))
        for n, e in enumerate(events, start=1)
    ]
    return items
