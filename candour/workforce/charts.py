"""SVG charts for the health pages: a Lorenz curve here; lines over time and control
charts through the shared chart in candour.core.charts (issue 20).

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
from django.utils.translation import gettext as _

from candour.core import charts as core_charts
from candour.lib.statistics.concentration import LorenzPoint
from candour.lib.statistics.control_charts import Frequency
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


def line_chart_svg(title: str, labels: Sequence[str], values: Sequence[float | None]) -> str:
    """One indicator over time, through the shared chart (candour.core.charts)."""
    return core_charts.line_chart_svg(title, labels, [core_charts.LineSeries("", values)])


def control_chart_svg(title: str, series: DemandSeries) -> str:
    """Counts with the seasonal centre line, 3-sigma limits, flagged points and events,
    with a legend on the chart, through the shared chart (candour.core.charts)."""
    points = series.points
    labels = [
        f"{item.point.period:%d %b %y}"
        if series.frequency is Frequency.WEEKLY
        else f"{item.point.period:%b %y}"
        for item in points
    ]
    lines = [
        core_charts.LineSeries(
            str(_("Count")),
            [item.point.observed for item in points],
            core_charts.BLUE,
            markers=False,
            flagged=[bool(item.point.signals) for item in points],
        ),
        core_charts.LineSeries(
            str(_("Expected (same time in earlier years)")),
            [item.point.baseline.expected if item.point.baseline else None for item in points],
            core_charts.INK,
            markers=False,
        ),
        core_charts.LineSeries(
            str(_("Limits (3 standard deviations)")),
            [item.point.limit(3) for item in points],
            core_charts.GREY,
            dashed=True,
            markers=False,
        ),
        core_charts.LineSeries(
            "",
            [item.point.limit(-3) for item in points],
            core_charts.GREY,
            dashed=True,
            markers=False,
        ),
    ]
    events = [
        core_charts.EventMark(index, label)
        for index, item in enumerate(points)
        for label in item.events
    ]
    return core_charts.line_chart_svg(
        title, labels, lines, events=events, flag_name=str(_("Flagged by a rule"))
    )
