"""A problem found in an import file, located by line and column and said in plain English."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """``line`` counts the file's own lines, the header being line 1."""

    line: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"Line {self.line}"
        if self.column:
            where += f", column {self.column!r}"
        value = f"{self.value!r} " if self.value else ""
        return f"{where}: {value}{self.reason}"
