"""The DfE statistical neighbours model: for each local authority, its ten most similar."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from candour.lib.dfe.loader import DfeFormatError, read_text

NEIGHBOURS_FILENAME = "sn_model_2025_wide.csv"
NEIGHBOUR_COUNT = 10

# ONS codes for the English regions, so the model's region names join the regional rows.
REGION_CODES: dict[str, str] = {
    "North East": "E12000001",
    "North West": "E12000002",
    "Yorkshire and The Humber": "E12000003",
    "East Midlands": "E12000004",
    "West Midlands": "E12000005",
    "East of England": "E12000006",
    "London": "E12000007",
    "South East": "E12000008",
    "South West": "E12000009",
}


class Closeness(StrEnum):
    EXTREMELY_CLOSE = "Extremely close"
    VERY_CLOSE = "Very close"
    CLOSE = "Close"
    SOMEWHAT_CLOSE = "Somewhat close"
    NOT_CLOSE = "Not close"


@dataclass(frozen=True, slots=True)
class Neighbour:
    rank: int
    old_la_code: str
    closeness: Closeness


@dataclass(frozen=True, slots=True)
class NeighbourSet:
    """One local authority (by its old three-digit code) and its neighbours, closest first."""

    old_la_code: str
    la_name: str
    region_name: str
    region_code: str
    neighbours: tuple[Neighbour, ...]

    @property
    def neighbour_codes(self) -> tuple[str, ...]:
        return tuple(neighbour.old_la_code for neighbour in self.neighbours)


def read_statistical_neighbours(path: Path) -> dict[str, NeighbourSet]:
    """Each local authority's neighbour set, by old LA code; checks every neighbour is known."""
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""))
    sets: dict[str, NeighbourSet] = {}
    for row in reader:
        where = f"{path.name} line {reader.line_num}"
        code = row["old_la_code"].strip()
        region_name = row["region_name"].strip()
        if region_name not in REGION_CODES:
            raise DfeFormatError(f"{where}: unknown region {region_name!r}")
        sets[code] = NeighbourSet(
            old_la_code=code,
            la_name=row["la_name"].strip(),
            region_name=region_name,
            region_code=REGION_CODES[region_name],
            neighbours=tuple(_neighbour(row, rank, where) for rank in range(1, 11)),
        )
    for neighbour_set in sets.values():
        unknown = set(neighbour_set.neighbour_codes) - set(sets)
        if unknown or neighbour_set.old_la_code in neighbour_set.neighbour_codes:
            raise DfeFormatError(
                f"{path.name}: {neighbour_set.la_name} has unknown or self neighbours {unknown}"
            )
    return sets


def _neighbour(row: dict[str, str], rank: int, where: str) -> Neighbour:
    code = (row.get(f"SN_{rank}") or "").strip()
    closeness = (row.get(f"SN_{rank}P") or "").strip()
    if not code:
        raise DfeFormatError(f"{where}: neighbour {rank} is missing")
    try:
        return Neighbour(rank, code, Closeness(closeness))
    except ValueError as error:
        raise DfeFormatError(f"{where}: unknown closeness {closeness!r}") from error
