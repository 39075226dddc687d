"""SVG charts for the health pages: a Lorenz curve, a control chart and a line over time.

Drawn on the server with attributes only (the CSP forbids inline style and script) and
always shown beside a table of the same data, which is what screen readers use.
"""

from __future__ import annotations

from collections.abc import Sequence

from candour.core.charts import escape
from candour.lib.statistics.concentration import LorenzPoint
from candour.workforce.demand import DemandSeries

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40
INK, GREY, BLUE, RED, PURPLE = "#0b0c0c", "#b1b4b6", "#1d70b8", "#d4351c", "#4c2c92"


def _open(title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" class="candour-chart">'
    ]


def _scale(low: float, high: float) -> tuple[float, float]:
    return (low, high) if high > low else (low, low + 1)


def _x(index: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span * index / (count - 1) if count > 1 else span / 2)


def _y(value: float, low: float, high: float) -> float:
    span = HEIGHT - TOP - BOTTOM
    return TOP + span * (1 - (value - low) / (high - low))


def _polyline(points: Sequence[tuple[float, float]], colour: str, dashed: bool = False) -> str:
    if len(points) < 2:
        return ""
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    return (
        f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}>'
        "</polyline>"
    )


def _axes(low: float, high: float, labels: Sequence[str], every: int) -> list[str]:
    parts = [
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" '
        f'stroke="{GREY}" stroke-width="1"></line>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" '
        f'stroke="{GREY}" stroke-width="1"></line>',
    ]
    for value in (low, (low + high) / 2, high):
        parts.append(
            f'<text x="{LEFT - 6}" y="{_y(value, low, high) + 4:.1f}" font-size="12" '
            f'text-anchor="end" fill="#505a5f">{value:g}</text>'
        )
    for index, label in enumerate(labels):
        if index % every == 0:
            parts.append(
                f'<text x="{_x(index, len(labels)):.1f}" y="{HEIGHT - BOTTOM + 18}" '
                f'font-size="12" text-anchor="middle" fill="#505a5f">{escape(label)}</text>'
            )
    return parts


def lorenz_svg(title: str, points: Sequence[LorenzPoint]) -> str:
    """The Lorenz curve of days lost across people, with the line of equality dashed."""
    parts = _open(title)
    parts += _axes(0, 100, ["0%", "50%", "100%"], 1)
    corners = [(_x(0, 2), _y(0, 0, 100)), (_x(1, 2), _y(100, 0, 100))]
    parts.append(_polyline(corners, GREY, dashed=True))
    span = WIDTH - LEFT - RIGHT
    curve = [
        (LEFT + span * point.population_share, _y(point.value_share * 100, 0, 100))
        for point in points
    ]
    parts.append(_polyline(curve, BLUE))
    parts.append("</svg>")
    return "".join(parts)


def line_chart_svg(title: str, labels: Sequence[str], values: Sequence[float | None]) -> str:
    """One indicator over time; a missing value breaks the line."""
    known = [v for v in values if v is not None]
    low, high = _scale(0.0, max(known, default=0.0) * 1.1)
    parts = _open(title)
    parts += _axes(round(low, 1), round(high, 1), labels, max(1, len(labels) // 6))
    run: list[tuple[float, float]] = []
    for index, value in enumerate(values):
        if value is None:
            parts.append(_polyline(run, BLUE))
            run = []
            continue
        point = (_x(index, len(values)), _y(value, low, high))
        run.append(point)
        parts.append(
            f'<circle cx="{point[0]:.1f}" cy="{point[1]:.1f}" r="3" fill="{BLUE}"></circle>'
        )
    parts.append(_polyline(run, BLUE))
    parts.append("</svg>")
    return "".join(parts)


def control_chart_svg(title: str, series: DemandSeries) -> str:
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
    parts = _open(title)
    parts += _axes(0, round(high), labels, every)
    centre: list[tuple[float, float]] = []
    upper_line: list[tuple[float, float]] = []
    lower_line: list[tuple[float, float]] = []
    for index, item in enumerate(points):
        x = _x(index, count)
        baseline = item.point.baseline
        if baseline is None:
            for line in (centre, upper_line, lower_line):
                parts.append(_polyline(line, GREY))
            centre, upper_line, lower_line = [], [], []
            continue
        centre.append((x, _y(baseline.expected, low, high)))
        upper_line.append((x, _y(item.point.limit(3) or 0.0, low, high)))
        lower_line.append((x, _y(item.point.limit(-3) or 0.0, low, high)))
    parts.append(_polyline(centre, INK))
    parts.append(_polyline(upper_line, GREY, dashed=True))
    parts.append(_polyline(lower_line, GREY, dashed=True))
    observed = [
        (_x(i, count), _y(item.point.observed, low, high))
        for i, item in enumerate(points)
        if item.point.observed is not None
    ]
    parts.append(_polyline(observed, BLUE))
    for index, item in enumerate(points):
        x = _x(index, count)
        if item.events:
            parts.append(
                f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{HEIGHT - BOTTOM}" '
                f'stroke="{PURPLE}" stroke-width="1" stroke-dasharray="2 3"></line>'
                f'<text x="{x + 3:.1f}" y="{TOP + 10}" font-size="11" fill="{PURPLE}">'
                f"{escape(item.events[0][:30])}</text>"
            )
        if item.point.observed is None:
            continue
        y = _y(item.point.observed, low, high)
        if item.point.signals:
            parts.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{RED}" '
                f'stroke="{INK}" stroke-width="1"></circle>'
            )
    parts.append("</svg>")
    return "".join(parts)
