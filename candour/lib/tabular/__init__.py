"""Typed CSV imports: check every row against a schema, then return all rows or every problem.

    >>> from candour.lib.tabular import read_csv
    >>> from candour.lib.tabular.workforce_schemas import CASELOADS
    >>> data = b"Staff ID,Team,Date,Cases\\nSW0142,Assessment,30/09/2024,17\\n"
    >>> result = read_csv(data, CASELOADS)
    >>> result.ok, result.rows[0].integer("cases_held")
    (True, 17)

Pure Python: no Django, so the import services and management commands stay thin.
"""

from candour.lib.tabular.columns import (
    Boolean,
    CellError,
    CellValue,
    Choice,
    Date,
    DecimalNumber,
    Integer,
    Text,
)
from candour.lib.tabular.problems import Problem
from candour.lib.tabular.reader import ImportResult, Progress, read_csv, read_csv_file
from candour.lib.tabular.rows import Row
from candour.lib.tabular.schema import Column, RowCheck, Schema

__all__ = [
    "Boolean",
    "CellError",
    "CellValue",
    "Choice",
    "Column",
    "Date",
    "DecimalNumber",
    "ImportResult",
    "Integer",
    "Problem",
    "Progress",
    "Row",
    "RowCheck",
    "Schema",
    "Text",
    "read_csv",
    "read_csv_file",
]
