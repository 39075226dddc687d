"""Read a CSV file against a schema: check every row, then return all rows or every problem."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from candour.lib.tabular.columns import CellError, CellValue, normalise_token
from candour.lib.tabular.decoding import UndecodableFileError, decode
from candour.lib.tabular.problems import Problem
from candour.lib.tabular.rows import Row
from candour.lib.tabular.schema import NAME_HEADERS, Column, Schema

# Called with (rows checked so far, rows in the file) every ``progress_every`` rows and at the end.
Progress = Callable[[int, int], None]

_MAX_SHOWN_VALUE = 80


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Either ``rows`` (every row parsed, no problems) or ``problems`` (and no rows)."""

    schema: str
    rows: tuple[Row, ...]
    problems: tuple[Problem, ...]
    encoding: str
    # The file's heading for each schema column found, e.g. {"fte": "Full-time equivalent"}.
    headings: Mapping[str, str]
    ignored_headings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def read_csv_file(
    path: Path,
    schema: Schema,
    *,
    on_progress: Progress | None = None,
    progress_every: int = 500,
) -> ImportResult:
    """Read a CSV file from disk against ``schema``."""
    return read_csv(
        path.read_bytes(), schema, on_progress=on_progress, progress_every=progress_every
    )


def read_csv(
    source: bytes | str,
    schema: Schema,
    *,
    on_progress: Progress | None = None,
    progress_every: int = 500,
) -> ImportResult:
    """Validate every row of ``source`` against ``schema``; nothing is returned half-checked."""
    if isinstance(source, str):
        text, encoding = source.removeprefix("\ufeff"), "text"
    else:
        try:
            decoded = decode(source)
        except UndecodableFileError as error:
            return _rejected(schema, [Problem(1, "", "", str(error))], "unknown")
        text, encoding = decoded.text, decoded.describe()
    try:
        records = list(_records(text))
    except csv.Error as error:
        return _rejected(schema, [Problem(error.args[1], "", "", error.args[0])], encoding)
    if not records:
        return _rejected(schema, [Problem(1, "", "", "the file is empty")], encoding)
    (_, header), *body = records
    if not any(cell.strip() for cell in header):
        reason = "the first line should be the column headings, but it is blank"
        return _rejected(schema, [Problem(1, "", "", reason)], encoding)

    mapping = _HeaderMapping.build(header, schema)
    problems = list(mapping.problems)
    rows: list[Row] = []
    total = len(body)
    unlabelled_reported = False
    for done, (line, cells) in enumerate(body, start=1):
        if any(cell.strip() for cell in cells):
            row, row_problems = _parse_row(line, cells, mapping, schema)
            problems.extend(row_problems)
            if not unlabelled_reported and (unlabelled := mapping.unlabelled_value(line, cells)):
                problems.append(unlabelled)
                unlabelled_reported = True
            if row is not None:
                rows.append(row)
        if on_progress is not None and (done % progress_every == 0 or done == total):
            on_progress(done, total)
    if not body or not any(any(cell.strip() for cell in cells) for _, cells in body):
        problems.append(Problem(1, "", "", "the file has headings but no rows of data"))

    for check in schema.checks:
        problems.extend(_as_headed(problem, mapping.headings) for problem in check(rows))
    if problems:
        return _rejected(schema, problems, encoding, mapping)
    return ImportResult(
        schema=schema.name,
        rows=tuple(rows),
        problems=(),
        encoding=encoding,
        headings=mapping.headings,
        ignored_headings=mapping.ignored,
    )


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the file line it starts on (quoted cells may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise csv.Error(f"the file is not valid CSV here ({error})", reader.line_num) from error
        yield start, cells
        start = reader.line_num + 1


@dataclass(frozen=True, slots=True)
class _HeaderMapping:
    columns: tuple[tuple[int, Column, str], ...]  # (cell index, column, file heading)
    headings: Mapping[str, str]
    ignored: tuple[str, ...]
    unlabelled: tuple[int, ...]
    width: int
    missing: tuple[Column, ...]
    problems: tuple[Problem, ...]

    @classmethod
    def build(cls, header: list[str], schema: Schema) -> _HeaderMapping:
        found: list[tuple[int, Column, str]] = []
        headings: dict[str, str] = {}
        ignored: list[str] = []
        unlabelled: list[int] = []
        problems: list[Problem] = []
        for index, raw in enumerate(header):
            heading = raw.strip()
            column = schema.column_for(heading) if heading else None
            if not heading:
                unlabelled.append(index)
            elif column is None and normalise_token(heading) in NAME_HEADERS:
                reason = (
                    "holds people's names, which Candour never imports: remove the column "
                    "and identify people by their staff reference"
                )
                problems.append(Problem(1, heading, "", reason))
            elif column is None and schema.ignore_unknown_columns:
                ignored.append(heading)
            elif column is None:
                expected = ", ".join(column.name for column in schema.columns)
                reason = f"is not a column this import knows (expected: {expected})"
                problems.append(Problem(1, heading, "", reason))
            elif column.name in headings:
                reason = (
                    f"is a second heading for {column.name} "
                    f"(already given as {headings[column.name]!r})"
                )
                problems.append(Problem(1, heading, "", reason))
            else:
                found.append((index, column, heading))
                headings[column.name] = heading
        missing = tuple(column for column in schema.columns if column.name not in headings)
        for column in missing:
            if column.required:
                accepted = ", ".join(repr(spelling) for spelling in column.spellings())
                reason = f"is required but no heading names it (accepted: {accepted})"
                problems.append(Problem(1, column.name, "", reason))
        return cls(
            columns=tuple(found),
            headings=headings,
            ignored=tuple(ignored),
            unlabelled=tuple(unlabelled),
            width=len(header),
            missing=missing,
            problems=tuple(problems),
        )

    def unlabelled_value(self, line: int, cells: list[str]) -> Problem | None:
        """A value under a blank heading; the caller reports only the first in the file."""
        for index in self.unlabelled:
            if index < len(cells) and cells[index].strip():
                reason = f"column {index + 1} has no heading but holds values (first on this line)"
                return Problem(line, "", _shown(cells[index]), reason)
        return None


def _parse_row(
    line: int, cells: list[str], mapping: _HeaderMapping, schema: Schema
) -> tuple[Row | None, list[Problem]]:
    problems: list[Problem] = []
    if len(cells) > mapping.width and any(cell.strip() for cell in cells[mapping.width :]):
        reason = f"has values beyond the last of the {mapping.width} headed columns"
        problems.append(Problem(line, "", "", reason))
    values: dict[str, CellValue | None] = {column.name: None for column in mapping.missing}
    for index, column, heading in mapping.columns:
        text = cells[index].strip() if index < len(cells) else ""
        if not text:
            if column.required:
                problems.append(Problem(line, heading, "", "is required but blank"))
            values[column.name] = None
            continue
        try:
            values[column.name] = column.kind.parse(text)
        except CellError as error:
            shown = "" if column.withhold_value else _shown(text)
            problems.append(Problem(line, heading, shown, str(error)))
    if problems:
        return None, problems
    return Row(line=line, values=values), problems


def _shown(text: str) -> str:
    return text if len(text) <= _MAX_SHOWN_VALUE else text[: _MAX_SHOWN_VALUE - 1] + "…"


def _as_headed(problem: Problem, headings: Mapping[str, str]) -> Problem:
    """Name a check's column by the file's own heading, so people recognise it."""
    heading = headings.get(problem.column)
    if heading is None:
        return problem
    return Problem(problem.line, heading, problem.value, problem.reason)


def _rejected(
    schema: Schema,
    problems: list[Problem],
    encoding: str,
    mapping: _HeaderMapping | None = None,
) -> ImportResult:
    return ImportResult(
        schema=schema.name,
        rows=(),
        problems=tuple(sorted(problems, key=lambda problem: problem.line)),
        encoding=encoding,
        headings={} if mapping is None else mapping.headings,
        ignored_headings=() if mapping is None else mapping.ignored,
    )
