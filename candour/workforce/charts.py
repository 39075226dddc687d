"""SVG charts for the health pages: a Lorenz curve, a control chart and a line over time.

Drawn on the server with attributes only (the CSP forbids inline style and script) and
always shown beside a table of the same data, which is what screen readers use.

Each chart is worked out here as a list of shapes (plain numbers and label text, in the
order they are drawn) and written out by templates/workforce/charts/plot.html, so Django
escapes every label and title. Coordinates are rounded to one decimal place here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from django.template.loader import render_to_string

from candour.lib.statistics.concentration import LorenzPoint
from candour.workforce.demand import DemandSeries

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40
INK, GREY, BLUE, RED, PURPLE = "#0b0c0c", "#b1b4b6", "#1d70b8", "#d4351c", "#4c2c92"
AXIS_TEXT = "#505a5f"


@dataclass(frozen=True)
class Line:
    kind: ClassVar[str] = "line"
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    dash: str = ""  # stroke-dasharray, if dashed


@dataclass(frozen=True)
class Polyline:
    kind: ClassVar[str] = "polyline"
    points: tuple[tuple[float, float], ...]
    colour: str
    dash: str = ""

    @property
    def path(self) -> str:
        return " ".join(f"{x},{y}" for x, y in self.points)


@dataclass(frozen=True)
class Circle:
    kind: ClassVar[str] = "circle"
    x: float
    y: float
    radius: int
    colour: str
    outline: str = ""  # stroke colour, if outlined


@dataclass(frozen=True)
class Text:
    kind: ClassVar[str] = "text"
    x: float
    y: float
    text: str
    size: int
    colour: str
    anchor: str = ""  # text-anchor, if not the start


Shape = Line | Polyline | Circle | Text


@dataclass(frozen=True)
class Plot:
    title: str
    width: int
    height: int
    shapes: list[Shape]


def _render(plot: Plot) -> str:
    return render_to_string("workforce/charts/plot.html", {"chart": plot})


def _scale(low: float, high: float) -> tuple[float, float]:
    return (low, high) if high > low else (low, low + 1)


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span * index / (count - 1) if count > 1 else span / 2)


def _y(value: float, low: float, high: float) -> float:
    span = HEIGHT - TOP - BOTTOM
    return TOP + span * (1 - (value - low) / (high - low))


def _polyline(
    points: Sequence[tuple[float, float]], colour: str, dashed: bool = False
) -> list[Shape]:
    """A line through the points, or nothing for fewer than two."""
    if len(points) < 2:
        return []
    rounded = tuple((round(float(x), 1), round(float(y), 1)) for x, y in points)
    return [Polyline(rounded, colour, "6 4" if dashed else "")]


def _axes(low: float, high: float, labels: Sequence[str], every: int) -> list[Shape]:
    shapes: list[Shape] = [
        Line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, GREY),
        Line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, GREY),
    ]
    for value in (low, (low + high) / 2, high):
        y = round(_y(value, low, high) + 4, 1)
        shapes.append(Text(LEFT - 6, y, f"{value:g}", 12, AXIS_TEXT, "end"))
    for index, label in enumerate(labels):
        if index % every == 0:
            x = round(_x(index, len(labels)), 1)
            shapes.append(Text(x, HEIGHT - BOTTOM + 18, label, 12, AXIS_TEXT, "middle"))
    return shapes


def lorenz(title: str, points: Sequence[LorenzPoint]) -> Plot:
    """The Lorenz curve of days lost across people, with the line of equality dashed."""
    shapes = _axes(0, 100, ["0%", "50%", "100%"], 1)
    corners = [(_x(0, 2), _y(0, 0, 100)), (_x(1, 2), _y(100, 0, 100))]
    shapes += _polyline(corners, GREY, dashed=True)
    span = WIDTH - LEFT - RIGHT
    curve = [
        (LEFT + span * point.population_share, _y(point.value_share * 100, 0, 100))
        for point in points
    ]
    shapes += _polyline(curve, BLUE)
    return Plot(title, WIDTH, HEIGHT, shapes)


def lorenz_svg(title: str, points: Sequence[LorenzPoint]) -> str:
    return _render(lorenz(title, points))


def line_chart(title: str, labels: Sequence[str], values: Sequence[float | None]) -> Plot:
    """One indicator over time; a missing value breaks the line."""
    known = [v for v in values if v is not None]
    low, high = _scale(0.0, max(known, default=0.0) * 1.1)
    shapes = _axes(round(low, 1), round(high, 1), labels, max(1, len(labels) // 6))
    run: list[tuple[float, float]] = []
    for index, value in enumerate(values):
        if value is None:
            shapes += _polyline(run, BLUE)
            run = []
            continue
        point = (_x(index, len(values)), _y(value, low, high))
        run.append(point)
        shapes.append(Circle(round(point[0], 1), round(point[1], 1), 3, BLUE))
    shapes += _polyline(run, BLUE)
    return Plot(title, WIDTH, HEIGHT, shapes)


def line_chart_svg(title: str, labels: Sequence[str], values: Sequence[float | None]) -> str:
    return _render(line_chart(title, labels, values))


def control_chart(title: str, series: DemandSeries) -> Plot:
    """Counts with the seasonal centre line, 3-sigma limits, flagged points and events."""
    points = series.points
    count = len(points)
    values: list[float] = []
    for item in points:
        if item.point.observed is not None:
            values.append(item.point.observed)
        upper = item.point.limit(3)
        if upper is not None:
            values.append(upper)
    low, high = _scale(0.0, max(values, default=0.0) * 1.1)
    every = max(1, count // 8)
    labels = [f"{item.point.period:%b %y}" for item in points]
    shapes = _axes(0, round(high), labels, every)
    centre: list[tuple[float, float]] = []
    upper_line: list[tuple[float, float]] = []
    lower_line: list[tuple[float, float]] = []
    for index, item in enumerate(points):
        x = _x(index, count)
        baseline = item.point.baseline
        if baseline is None:
            for line in (centre, upper_line, lower_line):
                shapes += _polyline(line, GREY)
            centre, upper_line, lower_line = [], [], []
            continue
        centre.append((x, _y(baseline.expected, low, high)))
        upper_line.append((x, _y(item.point.limit(3) or 0.0, low, high)))
        lower_line.append((x, _y(item.point.limit(-3) or 0.0, low, high)))
    shapes += _polyline(centre, INK)
    shapes += _polyline(upper_line, GREY, dashed=True)
    shapes += _polyline(lower_line, GREY, dashed=True)
    observed = [
        (_x(i, count), _y(item.point.observed, low, high))
        for i, item in enumerate(points)
        if item.point.observed is not None
    ]
    shapes += _polyline(observed, BLUE)
    for index, item in enumerate(points):
        x = round(_x(index, count), 1)
        if item.events:
            shapes.append(Line(x, TOP, x, HEIGHT - BOTTOM, PURPLE, "2 3"))
            shapes.append(Text(round(x + 3, 1), TOP + 10, item.events[0][:30], 11, PURPLE))
        if item.point.observed is None:
            continue
        y = round(_y(item.point.observed, low, high), 1)
        if item.point.signals:
            shapes.append(Circle(x, y, 5, RED, INK))
    return Plot(title, WIDTH, HEIGHT, shapes)


def control_chart_svg(title: str, series: DemandSeries) -> str:
    return _render(control_chart(title, series))
