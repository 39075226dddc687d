"""Read the DfE's published CSV files into normalised observations, one per figure."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from pathlib import Path

from candour.lib.dfe.catalogue import DATASETS, GEOGRAPHY_COLUMNS, Dataset, dataset_for
from candour.lib.dfe.records import Area, GeographicLevel, Observation
from candour.lib.dfe.values import UnreadableValueError, parse_value, suppression_code

# Called with (rows read so far, rows in all the files being read).
Progress = Callable[[int, int], None]

_REQUIRED = GEOGRAPHY_COLUMNS - {"category"}


class DfeFormatError(ValueError):
    """A file does not have the shape its dataset expects; the message names file and place."""


def read_text(path: Path) -> str:
    """Some DfE files start with a byte-order mark; none need more than UTF-8."""
    return path.read_text(encoding="utf-8-sig")


def read_dataset(
    path: Path,
    dataset: Dataset | None = None,
    *,
    on_progress: Progress | None = None,
    progress_every: int = 500,
) -> Iterator[Observation]:
    """Every figure in one DfE file; the dataset is known by file name unless given."""
    dataset = dataset or _known(path)
    rows = _rows(path, dataset)
    yield from _observations(path, dataset, rows, 0, len(rows), on_progress, progress_every)


def read_directory(
    directory: Path,
    *,
    on_progress: Progress | None = None,
    progress_every: int = 500,
) -> Iterator[Observation]:
    """Every figure in every DfE file Candour knows that is present in ``directory``."""
    found = [(directory / d.filename, d) for d in DATASETS if (directory / d.filename).exists()]
    if not found:
        raise DfeFormatError(f"{directory} holds none of the DfE files Candour reads")
    loaded = [(path, dataset, _rows(path, dataset)) for path, dataset in found]
    total = sum(len(rows) for _, _, rows in loaded)
    done = 0
    for path, dataset, rows in loaded:
        yield from _observations(path, dataset, rows, done, total, on_progress, progress_every)
        done += len(rows)


def _known(path: Path) -> Dataset:
    dataset = dataset_for(path)
    if dataset is None:
        raise DfeFormatError(f"{path.name} is not a DfE file Candour knows how to read")
    return dataset


def _rows(path: Path, dataset: Dataset) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    header = set(reader.fieldnames or ())
    missing = (_REQUIRED | set(dataset.measures)) - header
    unknown = header - GEOGRAPHY_COLUMNS - set(dataset.measures)
    if missing or unknown:
        raise DfeFormatError(
            f"{path.name} does not match {dataset.key}: "
            f"missing columns {sorted(missing)}, unexpected columns {sorted(unknown)}"
        )
    # DictReader's line_num is the physical line the record ended on; no cell spans lines here.
    return [(reader.line_num, row) for row in reader]


def _observations(
    path: Path,
    dataset: Dataset,
    rows: list[tuple[int, dict[str, str]]],
    done_before: int,
    total: int,
    on_progress: Progress | None,
    progress_every: int,
) -> Iterator[Observation]:
    areas: dict[tuple[str, ...], Area] = {}
    for done, (line, row) in enumerate(rows, start=done_before + 1):
        area = _area(path, line, row, areas)
        time_period = row["time_period"].strip()
        year_ending = _year_ending(path, line, time_period, dataset)
        for column, measure in dataset.measures.items():
            text = row[column]
            try:
                value = parse_value(text)
            except UnreadableValueError as error:
                raise DfeFormatError(f"{path.name} line {line}, {column}: {error}") from error
            yield Observation(
                dataset=dataset.key,
                time_period=time_period,
                year_ending=year_ending,
                area=area,
                measure=measure,
                value=value,
                suppression=None if value is not None else suppression_code(text),
                source_column=column,
                line=line,
            )
        if on_progress is not None and (done % progress_every == 0 or done == total):
            on_progress(done, total)


def _area(path: Path, line: int, row: dict[str, str], cache: dict[tuple[str, ...], Area]) -> Area:
    fields = tuple(
        row[column].strip()
        for column in (
            "geographic_level",
            "country_code",
            "country_name",
            "region_code",
            "region_name",
            "old_la_code",
            "new_la_code",
            "la_name",
        )
    )
    if (area := cache.get(fields)) is not None:
        return area
    level_text, country_code, country_name, region_code, region_name, old, new, la_name = fields
    try:
        level = GeographicLevel(level_text)
    except ValueError as error:
        raise DfeFormatError(f"{path.name} line {line}: unknown level {level_text!r}") from error
    code, name = {
        GeographicLevel.NATIONAL: (country_code, country_name),
        GeographicLevel.REGIONAL: (region_code, region_name),
        GeographicLevel.LOCAL_AUTHORITY: (new, la_name),
    }[level]
    if not code or not name:
        raise DfeFormatError(f"{path.name} line {line}: a {level} row with no code or name")
    area = Area(level, code, name, region_code, region_name, old, new)
    cache[fields] = area
    return area


def _year_ending(path: Path, line: int, time_period: str, dataset: Dataset) -> dt.date:
    """'2025' is the year ending in 2025; a financial or academic year '202425' too."""
    if len(time_period) == 4 and time_period.isdigit():
        year = int(time_period)
    elif len(time_period) == 6 and time_period.isdigit():
        year = int(time_period[:4]) + 1
    else:
        raise DfeFormatError(f"{path.name} line {line}: unknown time period {time_period!r}")
    return dt.date(year, dataset.year_end_month, dataset.year_end_day)
