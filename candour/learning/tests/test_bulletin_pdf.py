"""The bulletin PDF is tagged (PDF/UA-1) and readable at print size: body text 11 pt,
chart text at least 9 pt, every chart with its alternative text and its table after it,
bars in the order of the table, and nothing of a chart printed over a table."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from candour.core.models import Organisation
from candour.learning.lessons.bulletin_content import bulletin_content
from candour.learning.lessons.bulletin_pdf import render_pdf
from candour.learning.models import Bulletin

FACTORS = [
    ("Caseload and workload", 40),
    ("Information not shared between agencies at the strategy discussion", 23),
    ("Supervision and management oversight", 11),
    ("Handover between teams", 6),
    ("Recording systems", 3),
]


@pytest.fixture(scope="module")
def pdf() -> PdfReader:
    bulletin = Bulletin(
        organisation=Organisation(name="Riverside Borough Council"),
        title="November lessons",
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30),
        introduction="What we learned this month.",
        counts={
            "total": 120,
            "outcomes": [("It was caught", 70), ("No harm", 44), ("Harm", 6)],
            "factors": FACTORS,
            "themes": [("Unseen sleeping babies", 9, 4), ("Missed strategy calls", 6, 8)],
        },
        lesson_texts=[
            {
                "title": "See the child, awake",
                "story": "A visit went ahead without the child being seen.",
                "commentary": "Back-to-back visits made it easy.",
                "action_taken": "The default was removed.",
            }
        ],
    )
    return PdfReader(io.BytesIO(render_pdf(bulletin_content(bulletin))))


def _root(pdf: PdfReader) -> Any:
    return pdf.trailer["/Root"]


def _resolve(node: Any) -> Any:
    return node.get_object() if isinstance(node, IndirectObject) else node


def _elements(node: Any) -> list[Any]:
    """Every structure element under `node`, in reading order."""
    node = _resolve(node)
    if not isinstance(node, DictionaryObject):
        return []
    found = [node] if "/S" in node else []
    kids = node.get("/K")
    for kid in kids if isinstance(kids, ArrayObject) else [kids] if kids is not None else []:
        found += _elements(kid)
    return found


IDENTITY = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]


def _texts(pdf: PdfReader) -> list[tuple[int, str, float, float, float]]:
    """Each piece of text: its page, the text, its size in points and where it sits
    (points from the bottom left). pypdf loses the drawing's transformation for text
    that WeasyPrint shifts to anchor it (an identity matrix); those are left out."""
    found: list[tuple[int, str, float, float, float]] = []
    for number, page in enumerate(pdf.pages):

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            _font: object,
            size: float,
            number: int = number,
        ) -> None:
            if text.strip() and list(cm) != IDENTITY:
                scale = abs(cm[0] * tm[0])
                x = cm[0] * tm[4] + cm[4]
                y = cm[3] * tm[5] + cm[5]
                found.append((number, text.strip(), size * scale, x, y))

        page.extract_text(visitor_text=visit)
    return found


def _figures(pdf: PdfReader) -> list[tuple[int, str, tuple[float, float, float, float]]]:
    """Each chart: its page, its alternative text and its box (left, bottom, right, top)
    in points from the bottom left (WeasyPrint gives CSS pixels from the top left)."""
    height = float(pdf.pages[0].mediabox.height)
    found = []
    for element in _elements(_root(pdf)["/StructTreeRoot"]):
        if element["/S"] == "/Figure" and "/Alt" in element:
            x1, y1, x2, y2 = (float(v) * 0.75 for v in element["/A"]["/BBox"])
            page = pdf.get_page_number(_resolve(element["/Pg"])) or 0
            found.append((page, str(element["/Alt"]), (x1, height - y2, x2, height - y1)))
    return found


def _inside(page: int, x: float, y: float, figure: tuple[int, str, tuple[float, ...]]) -> bool:
    left, bottom, right, top = figure[2]
    return figure[0] == page and left - 1 <= x <= right + 1 and bottom - 1 <= y <= top + 1


def test_the_pdf_is_tagged_for_pdf_ua(pdf: PdfReader) -> None:
    root: Any = pdf.trailer["/Root"]

    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert pdf.metadata is not None
    assert pdf.metadata.title == "November lessons"
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    tags = [str(element["/S"]) for element in _elements(root["/StructTreeRoot"])]
    assert tags.count("/Figure") == 3
    assert tags.count("/Table") == 3
    assert {"/H1", "/H2", "/H3", "/P", "/TH", "/TD", "/Caption"} <= set(tags)


def test_every_chart_has_alternative_text_and_its_table_after_it(pdf: PdfReader) -> None:
    elements = _elements(_root(pdf)["/StructTreeRoot"])
    order = [str(e["/S"]) for e in elements if e["/S"] == "/Table" or "/Alt" in e]

    assert order == ["/Figure", "/Table"] * 3
    assert [alt for _page, alt, _box in _figures(pdf)] == [
        "Chart: Reports by outcome. Its figures are in the table with it.",
        "Chart: Most common contributing factors. Its figures are in the table with it.",
        "Chart: Recurring error traps (confirmed themes): reports this period and the period "
        "before. Its figures are in the table with it.",
    ]
    # The key's little samples of line and colour are not figures: they carry nothing.
    assert all("/Alt" in e for e in elements if e["/S"] == "/Figure")


def test_text_is_readable_at_print_size(pdf: PdfReader) -> None:
    sizes = [(size, text) for _page, text, size, _x, _y in _texts(pdf)]
    by_text = {text: size for size, text in sizes}

    assert min(sizes)[0] >= 9.0, sorted(sizes)[:5]
    assert by_text["A visit went ahead without the child being seen."] == pytest.approx(11, 0.01)
    # Chart text: the drawing's 16 units, printed 800 units to the A4 text width.
    chart = [size for size, text in sizes if text == "Caseload and workload"]
    assert min(chart) == pytest.approx(9.6, abs=0.4)


def test_bars_run_down_the_page_in_the_order_of_the_table(pdf: PdfReader) -> None:
    factors = next(f for f in _figures(pdf) if "contributing factors" in f[1])
    texts = _texts(pdf)
    on_chart: list[tuple[int, float]] = []
    in_table: list[tuple[int, float]] = []
    for label, _count in FACTORS:
        for page, text, _size, x, y in texts:
            if text.startswith(label[:20]):
                (on_chart if _inside(page, x, y, factors) else in_table).append((page, -y))

    assert len(on_chart) == len(in_table) == len(FACTORS)
    assert on_chart == sorted(on_chart)
    assert in_table == sorted(in_table)
    assert max(on_chart) < min(in_table)


def test_nothing_of_a_chart_is_printed_over_its_table(pdf: PdfReader) -> None:
    page, _alt, (_left, bottom, _right, top) = next(
        f for f in _figures(pdf) if "contributing factors" in f[1]
    )
    texts = _texts(pdf)
    ticks = [
        y
        for on, text, _size, _x, y in texts
        if on == page and text in {"0", "10", "20", "30", "40"} and bottom - 30 <= y <= top
    ]
    rows = [
        (on, y)
        for on, text, _size, _x, y in texts
        if any(text.startswith(label[:20]) for label, _n in FACTORS)
    ]
    table = sorted(rows, key=lambda row: (row[0], -row[1]))[len(FACTORS) :]

    assert ticks, "the chart's ticks were not found"
    assert min(ticks) >= bottom  # the ticks are inside the chart's own box
    assert all(on > page or y < bottom - 9 for on, y in table)  # and the table below it
