"""The one chart component: every title and label escaped, the same figure on every page
(heading, key, drawings, data in a closed details element), bars in the table's order."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from datetime import date

import pytest
from django.template import Context, Template

from candour.core.charts import Chart, CountRow, count_bars, period_columns, render_chart
from candour.lib.charts.layout import PRINT_WIDTH, SCREEN_WIDTHS
from candour.lib.statistics.concentration import LorenzPoint
from candour.lib.statistics.control_charts import DemandPoint, Frequency, assess_demand
from candour.workforce import charts as workforce_charts
from candour.workforce.demand import AnnotatedPoint, DemandSeries

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = ["<script>alert(1)</script>", '" onload="x', "Tom & Jerry's <b>team</b>"]


def _months(count: int) -> list[date]:
    return [date(2020 + i // 12, i % 12 + 1, 1) for i in range(count)]


def _control(title: str, event: str) -> Chart:
    # A surge at the end, for the rules to flag.
    counts = [
        DemandPoint(month, 90 if i >= 37 else 20 + i % 5) for i, month in enumerate(_months(40))
    ]
    points = [
        AnnotatedPoint(point, (event,) if i == 30 else ())
        for i, point in enumerate(assess_demand(counts, Frequency.MONTHLY))
    ]
    return workforce_charts.control_chart(
        title, DemandSeries("referrals", "Referrals", Frequency.MONTHLY, points)
    )


# Each kind of chart, with the hostile text as its title and as one of its labels.
CHARTS: dict[str, Callable[[str], Chart]] = {
    "columns": lambda text: period_columns(text, [text, "Feb"], [4, None]),
    "bars": lambda text: count_bars(text, [CountRow(text, 7), CountRow("Other", None)]),
    "lorenz": lambda text: workforce_charts.lorenz_chart(
        text, [LorenzPoint(0.0, 0.0), LorenzPoint(0.5, 0.2), LorenzPoint(1.0, 1.0)]
    ),
    "line": lambda text: workforce_charts.line_chart(text, [text, "Q2", "Q3"], [1.0, None, 3.0]),
    "control": lambda text: _control(text, text),
}


def _svgs(markup: str) -> list[ElementTree.Element]:
    return [
        ElementTree.fromstring(found)  # noqa: S314 - our own markup
        for found in re.findall(r"<svg xmlns=.*?</svg>", markup, re.DOTALL)
        if "candour-chart__svg" in found
    ]


@pytest.mark.parametrize("kind", CHARTS)
@pytest.mark.parametrize("text", HOSTILE)
def test_titles_and_labels_are_escaped_in_every_chart(kind: str, text: str) -> None:
    markup = render_chart(CHARTS[kind](text))

    assert "<script" not in markup
    assert "<b>" not in markup
    assert '" onload=' not in markup
    svgs = _svgs(markup)
    assert [int(svg.get("viewBox", "").split()[2]) for svg in svgs] == list(SCREEN_WIDTHS)
    for svg in svgs:
        assert svg.get("role") == "img"
        alt = svg.findtext(f"{SVG}title")
        assert alt == f"Chart: {text}. Its figures are in the table with it."
        assert all(element.get("onload") is None for element in svg.iter())
        assert "style" not in {attribute for element in svg.iter() for attribute in element.attrib}


def test_every_chart_has_its_data_in_a_closed_details_element() -> None:
    markup = render_chart(count_bars("Outcome", [CountRow("Near miss", 12)]))

    details = markup[markup.index("<details") : markup.index("</details>")]
    assert "open" not in details.split(">")[0]
    assert "Show the data: Outcome" in details
    assert '<th scope="row" class="govuk-table__header">Near miss</th>' in details
    assert ">12</td>" in details


def test_the_print_version_has_one_drawing_and_its_table_open() -> None:
    markup = render_chart(count_bars("Outcome", [CountRow("Near miss", 12)]), for_print=True)

    assert next(svg.get("viewBox", "") for svg in _svgs(markup)).startswith(f"0 0 {PRINT_WIDTH} ")
    assert len(_svgs(markup)) == 1
    assert "<details" not in markup
    assert "<table" in markup


def test_bars_are_drawn_in_the_order_of_the_table() -> None:
    rows = [CountRow("Zebra", 5), CountRow("Apple", 50), CountRow("Mango", None)]
    markup = render_chart(count_bars("Order", rows))

    table = markup[markup.index("<table") :]
    in_table = re.findall(r'<th scope="row" class="govuk-table__header">(\w+)</th>', table)
    drawing = _svgs(markup)[0]
    labels = [
        (float(t.get("y", 0)), t.text)
        for t in drawing.iter(f"{SVG}text")
        if t.text in {"Zebra", "Apple", "Mango"}
    ]
    assert in_table == ["Zebra", "Apple", "Mango"]
    assert [text for _y, text in sorted(labels)] == in_table


def test_the_key_explains_limits_flags_and_events() -> None:
    markup = render_chart(_control("Referrals, monthly", "Ofsted inspection"))

    key = markup[markup.index('class="candour-chart__legend') : markup.index("</ul>")]
    assert "Limits (3 standard deviations)" in key
    assert "Flagged by a rule" in key
    assert "Ofsted inspection (Jul 22)" in key
    assert "Expected (same time in earlier years)" in key


def test_a_hidden_count_is_explained_in_the_key_and_said_in_words() -> None:
    markup = render_chart(count_bars("Outcome", [CountRow("Harm", None), CountRow("Near miss", 9)]))

    assert "the count is not shown, so that nobody can be picked out" in markup
    assert "fewer than 5" in markup


def test_an_empty_chart_says_so() -> None:
    markup = render_chart(count_bars("Themes", []))

    assert "Nothing to show yet." in markup
    assert "<svg" not in markup


def test_the_template_tag_shows_a_pages_own_table_inside_the_details() -> None:
    template = Template(
        '{% load candour_charts %}{% chart_table chart table="core/charts/table.html" '
        'table_id="mine" heading="h2" %}'
    )
    markup = template.render(Context({"chart": count_bars("Mine", [CountRow("A", 6)])}))

    assert '<h2 class="govuk-heading-s candour-chart__title">Mine</h2>' in markup
    assert 'id="mine"' in markup
    assert markup.index("<details") < markup.index('id="mine"') < markup.index("</details>")
