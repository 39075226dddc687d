"""Every chart, at every width it is drawn at: text inside the drawing, no two labels
touching, bars in the order of the table, and a legend for limits, flags and series."""

from __future__ import annotations

from itertools import combinations, pairwise

import pytest

from candour.lib.charts.layout import PRINT_WIDTH, SCREEN_WIDTHS, Drawing, Rect, draw, legend
from candour.lib.charts.model import BLUE, DARK_GREY, GREEN, WHITE, Chart, Event, Kind, Series
from candour.lib.charts.scale import nice_step

WIDTHS = [*SCREEN_WIDTHS, PRINT_WIDTH]
MONTHS = [f"{m} {y}" for y in ("23", "24") for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")]  # fmt: skip
LONG = "Information not shared between agencies at the strategy discussion meeting"

BARS = Chart(
    Kind.BARS,
    "Contributing factors",
    ["Workload", LONG, "Supervision", "Handover between teams", "Other"],
    [Series("Reports", [1234, 87, 5, None, 0], shown=["1,234", "87", "5", "fewer than 5", "0"])],
    gap_name="Not shown: fewer than 5",
)
COLUMNS = Chart(
    Kind.COLUMNS, "Ideas each month", MONTHS, [Series("Ideas", [i * 7 % 31 for i in range(24)])]
)
LINES = Chart(
    Kind.LINES,
    "Referrals, monthly",
    MONTHS,
    [
        Series("Count", [200 + i * 3 for i in range(24)], flagged=[i == 20 for i in range(24)]),
        Series("Expected", [210.0] * 24, colour=DARK_GREY, markers=False),
        Series("Upper limit", [260.0] * 24, colour=GREEN, dashed=True, legend="Limits"),
        Series("Lower limit", [160.0] * 24, colour=GREEN, dashed=True, legend=""),
    ],
    events=[Event(3, "Inspection"), Event(4, "National case in the news"), Event(20, "Move")],
    flag_name="Flagged by a rule",
    whole=False,
)
LORENZ = Chart(
    Kind.LINES,
    "Lorenz curve",
    ["0%", "50%", "80%", "100%"],
    [Series("Days lost", [0, 10, 30, 100]), Series("Equal shares", [0, 50, 80, 100], dashed=True)],
    x_values=[0, 50, 80, 100],
    unit="%",
    x_unit="%",
    whole=False,
)
PAIRS = Chart(
    Kind.COLUMNS,
    "Ideas submitted and adopted",
    MONTHS[:12],
    [Series("Submitted", [0, 3, 12, 7] * 3), Series("Adopted", [0, 1, 10, 2] * 3, colour=GREEN)],
)
CHARTS = {"bars": BARS, "columns": COLUMNS, "pairs": PAIRS, "lines": LINES, "lorenz": LORENZ}


def _boxes(drawing: Drawing) -> list[tuple[float, float, float, float]]:
    return [text.box() for text in drawing.texts]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", CHARTS)
def test_every_label_is_inside_the_drawing(name: str, width: int) -> None:
    drawing = draw(CHARTS[name], width)

    for left, top, right, bottom in _boxes(drawing):
        assert left >= 0, left
        assert right <= drawing.width, right
        assert top >= 0, top
        assert bottom <= drawing.height, bottom


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", CHARTS)
def test_no_two_labels_overlap(name: str, width: int) -> None:
    drawing = draw(CHARTS[name], width)

    for (a, box_a), (b, box_b) in combinations(
        zip(drawing.texts, _boxes(drawing), strict=False), 2
    ):
        apart = (
            box_a[2] <= box_b[0]
            or box_b[2] <= box_a[0]
            or box_a[3] <= box_b[1]
            or box_b[3] <= box_a[1]
        )
        assert apart, f"{a.text!r} overlaps {b.text!r} at {width}"


@pytest.mark.parametrize("width", WIDTHS)
def test_bars_run_top_to_bottom_in_the_order_of_the_table(width: int) -> None:
    drawing = draw(BARS, width)
    label_ys = [
        next(t.y for t in drawing.texts if t.text.startswith(label[:8])) for label in BARS.labels
    ]
    bar_ys = [s.y for s in drawing.shapes if isinstance(s, Rect) and s.colour != WHITE]

    assert label_ys == sorted(label_ys)
    assert bar_ys == sorted(bar_ys)


def test_bars_are_as_long_as_their_values() -> None:
    drawing = draw(BARS, 620)
    bars = [s for s in drawing.shapes if isinstance(s, Rect) and s.colour != WHITE]

    assert bars[0].width > bars[1].width > bars[2].width
    assert bars[0].width / bars[1].width == pytest.approx(1234 / 87, rel=0.02)
    # The hidden count has no bar, only its words.
    assert any(t.text == "fewer than 5" for t in drawing.texts)


@pytest.mark.parametrize("name", CHARTS)
def test_value_ticks_step_by_one_two_or_five(name: str) -> None:
    drawing = draw(CHARTS[name], 620)
    numbers = sorted(
        {
            float(t.text.replace(",", "").rstrip("%"))
            for t in drawing.texts
            if t.colour == DARK_GREY
            and t.text.replace(",", "").rstrip("%").replace(".", "").isdigit()
        }
    )
    steps = {round(b - a, 6) for a, b in pairwise(numbers)}
    assert steps, "no ticks were drawn"
    assert all(nice_step(step) == pytest.approx(step) for step in steps)


def test_a_long_label_is_wrapped_not_cut() -> None:
    drawing = draw(BARS, 300)
    lines = [t.text for t in drawing.texts if t.x == 0 and t.y < 120]

    assert any(line.startswith("Information") for line in lines)
    assert sum(1 for line in lines if line and line[0].islower()) >= 1  # a second line


def test_period_labels_thin_out_on_a_narrow_chart_but_the_latest_stays() -> None:
    wide = [t.text for t in draw(COLUMNS, 900).texts if t.text in MONTHS]
    narrow = [t.text for t in draw(COLUMNS, 300).texts if t.text in MONTHS]

    assert len(narrow) < len(wide)
    assert narrow[-1] == "Dec 24"


def test_the_legend_names_the_series_limits_flags_and_events() -> None:
    items = legend(LINES)

    assert [(i.kind, i.text) for i in items if i.kind == "line"] == [
        ("line", "Count"),
        ("line", "Expected"),
        ("line", "Limits"),
    ]
    assert ("ring", "Flagged by a rule") in [(i.kind, i.text) for i in items]
    assert [(i.number, i.text) for i in items if i.kind == "event"] == [
        ("1", "Inspection (Apr 23)"),
        ("2", "National case in the news (May 23)"),
        ("3", "Move (Sep 24)"),
    ]


def test_the_legend_says_what_a_gap_means_and_skips_a_lone_series() -> None:
    items = legend(BARS)

    assert [(i.kind, i.text) for i in items] == [("gap", "Not shown: fewer than 5")]


def test_several_series_of_bars_each_get_a_legend_entry() -> None:
    chart = Chart(
        Kind.BARS,
        "Percent positive",
        ["Safety", "Wellbeing"],
        [Series("Spring", [60, 70]), Series("Autumn", [65, 72], colour=GREEN)],
        unit="%",
    )

    assert [(i.kind, i.text, i.colour) for i in legend(chart)] == [
        ("bar", "Spring", BLUE),
        ("bar", "Autumn", GREEN),
    ]
