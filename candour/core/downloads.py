"""Tables for quality teams to download, as CSV or Excel (xlsx), never able to run formulas.

Every export is built as a `Table` by the app that owns the rows (with its own scoping
and small-number rules) and written here, so there is one way to write each format.
CSV cells go through `safe_csv.safe_cell`; xlsx cells are written as typed strings with
XlsxWriter's conversions off, so "=HYPERLINK(...)" is stored as text and never as a
formula, and numbers and dates keep their types.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import xlsxwriter
from django.http import Http404, HttpResponse

from candour.core.safe_csv import csv_download

FORMATS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's limit on a sheet name, and the characters it refuses in one.
_SHEET_NAME_MAX = 31
_SHEET_NAME_BANNED = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Table:
    """Rows to download: `name` names the file and the sheet; `notes` (what is left out
    and why, the date it was made) go on a second sheet, and after a blank line in CSV."""

    name: str
    headings: Sequence[str]
    rows: Sequence[Sequence[object]]
    notes: Sequence[str] = field(default=())


def respond(table: Table, file_format: str) -> HttpResponse:
    """The table as an attachment in the format asked for; 404 for any other format."""
    if file_format == "csv":
        return _csv(table)
    if file_format == "xlsx":
        return _xlsx(table)
    raise Http404


def _csv(table: Table) -> HttpResponse:
    response, writer = csv_download(f"{table.name}.csv")
    writer.writerow(table.headings)
    writer.writerows(table.rows)
    if table.notes:
        writer.writerow([])
        writer.writerows([note] for note in table.notes)
    return response


def _xlsx(table: Table) -> HttpResponse:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet = workbook.add_worksheet(table.name.translate(_SHEET_NAME_BANNED)[:_SHEET_NAME_MAX])
    sheet.freeze_panes(1, 0)
    widths = [len(str(h)) for h in table.headings]
    for column, heading in enumerate(table.headings):
        sheet.write_string(0, column, str(heading), bold)
    for line, row in enumerate(table.rows, start=1):
        for column, value in enumerate(row):
            _write(sheet, line, column, value, day)
            widths[column] = max(widths[column], min(len(str(value)), 60))
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width + 2)
    if table.notes:
        notes = workbook.add_worksheet("Notes")
        for line, note in enumerate(table.notes):
            notes.write_string(line, 0, note)
        notes.set_column(0, 0, 100)
    workbook.close()
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{table.name}.xlsx"'
    return response


def _write(sheet: Any, line: int, column: int, value: object, day: Any) -> None:
    """One cell with its own type: a text cell is always a string, never a formula."""
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_boolean(line, column, value)
    elif isinstance(value, int | float):
        sheet.write_number(line, column, value)
    elif isinstance(value, dt.date):
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        sheet.write_datetime(line, column, moment.replace(tzinfo=None), day)
    else:
        sheet.write_string(line, column, str(value))
