"""Every SVG chart is drawn by a template, so Django escapes every title and label."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from candour.core.charts import (
    Column,
    CountRow,
    EventMark,
    LineSeries,
    bar_chart,
    bar_chart_svg,
    column_chart_svg,
    line_chart,
    line_chart_svg,
    nice_ticks,
)
from candour.lib.statistics.concentration import LorenzPoint
from candour.lib.statistics.control_charts import DemandPoint, Frequency, assess_demand
from candour.workforce import charts as workforce_charts
from candour.workforce.demand import AnnotatedPoint, DemandSeries

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = ["<script>alert(1)</script>", '" onload="x', "Tom & Jerry's <b>team</b>"]
CANDOUR = Path(__file__).resolve().parents[2]


def _months(count: int) -> list[date]:
    return [date(2020 + i // 12, i % 12 + 1, 1) for i in range(count)]


def _control(title: str, event: str) -> str:
    counts = [DemandPoint(month, 20 + i % 5) for i, month in enumerate(_months(40))]
    points = [
        AnnotatedPoint(point, (event,) if i == 30 else ())
        for i, point in enumerate(assess_demand(counts, Frequency.MONTHLY))
    ]
    return workforce_charts.control_chart_svg(
        title, DemandSeries("referrals", "Referrals", Frequency.MONTHLY, points)
    )


# Each chart type, drawn with the hostile text as its title and as one of its labels
# (a team or month name, a theme name, an axis label, an event on the demand chart).
CHARTS: dict[str, Callable[[str], str]] = {
    "column": lambda text: column_chart_svg(text, [Column(text, 4), Column("Feb", None)]),
    "bar": lambda text: bar_chart_svg(text, [CountRow(text, 7), CountRow("Other", None)]),
    "lorenz": lambda text: workforce_charts.lorenz_svg(
        text, [LorenzPoint(0.0, 0.0), LorenzPoint(0.5, 0.2), LorenzPoint(1.0, 1.0)]
    ),
    "line": lambda text: workforce_charts.line_chart_svg(
        text, [text, "Q2", "Q3"], [1.0, None, 3.0]
    ),
    "control": lambda text: _control(text, text),
}


@pytest.mark.parametrize("kind", CHARTS)
@pytest.mark.parametrize("text", HOSTILE)
def test_titles_and_labels_are_escaped_in_every_chart(kind: str, text: str) -> None:
    svg = CHARTS[kind](text)

    assert "<script" not in svg
    assert "<b>" not in svg
    assert '" onload=' not in svg
    # The markup is still one well-formed SVG whose title and labels read back unchanged.
    root = ElementTree.fromstring(svg)  # noqa: S314 - our own markup
    assert root.tag == f"{SVG}svg"
    assert root.get("aria-label") == text
    assert root.get("role") == "img"
    assert all(element.get("onload") is None for element in root.iter())
    texts = [element.text for element in root.iter(f"{SVG}text")]
    if kind == "lorenz":  # its labels are fixed percentages
        assert texts[-3:] == ["0%", "50%", "100%"]
    else:
        assert any(shown and text.startswith(shown) for shown in texts), texts


def test_bar_chart_geometry_is_plain_data() -> None:
    chart = bar_chart(
        "Reports", [CountRow("Falls", 10), CountRow("Rare", None), CountRow("Few", 1)]
    )

    assert chart.height == 3 * (22 + 8) + 8
    assert [bar.bar_width for bar in chart.bars] == [280, None, 28]
    assert [bar.shown for bar in chart.bars] == ["10", "fewer than 5", "1"]


def test_no_chart_markup_is_built_by_hand_and_marked_safe() -> None:
    code = [CANDOUR / "core" / "charts.py", CANDOUR / "workforce" / "charts.py"]
    templates = [
        path
        for path in CANDOUR.rglob("templates/**/*.html")
        if "/charts/" in str(path) or "candour-chart" in path.read_text(encoding="utf-8")
    ]
    assert len(templates) >= 9  # the chart templates and every page that shows a chart
    for path in code + templates:
        source = path.read_text(encoding="utf-8")
        found = re.findall(r"mark_safe|SafeString|SafeText|\|\s*safe\b|{% autoescape off", source)
        assert not found, f"{path}: {found}"
    for path in code:
        source = path.read_text(encoding="utf-8")
        assert "<svg" not in source, path
        assert "def escape" not in source, path


def test_round_ticks_up_the_side() -> None:
    assert nice_ticks(187) == [0, 50, 100, 150, 200]
    assert nice_ticks(657780)[-1] >= 657780
    assert 5 <= len(nice_ticks(657780)) <= 7


def test_a_line_chart_is_full_width_with_its_legend_and_event_labels_apart() -> None:
    labels = [f"W{i}" for i in range(60)]
    events = [
        EventMark(50, "National child safeguarding practice review published"),
        EventMark(52, "Ofsted inspection of children's services (ILACS)"),
        EventMark(59, "Front door reorganised"),
    ]
    chart = line_chart(
        "Referrals",
        labels,
        [LineSeries("Count", [100.0] * 60, flagged=[False] * 59 + [True])],
        events=events,
        flag_name="Flagged by a rule",
    )

    assert chart.width == 960
    assert [entry.text for entry in chart.legend] == ["Count", "Flagged by a rule"]
    assert 5 <= len(chart.side_ticks) <= 7
    assert 8 <= len(chart.bottom_ticks) <= 12
    # Every label inside the chart, and no two in the same row overlapping.
    spans = []
    for event in chart.events:
        width = len(event.text) * 6.2
        start = event.text_x - width if event.anchor == "end" else event.text_x
        assert start >= 0
        assert start + width <= chart.width
        spans.append((event.text_y, start, start + width))
    for row, start, end in spans:
        for other_row, other_start, other_end in spans:
            if (row, start) != (other_row, other_start) and row == other_row:
                assert end < other_start or start > other_end
    assert len({row for row, _, _ in spans}) > 1
    assert chart.events[0].text.endswith("…")  # cut to fit; the table has it whole
    svg = line_chart_svg("Referrals", labels, [LineSeries("Count", [100.0] * 60)])
    assert "candour-chart--wide" in svg
