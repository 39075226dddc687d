"""A tiny reader for the DfE CSV files: suppression codes are missing, never zero."""

from __future__ import annotations

import csv
from pathlib import Path

from candour.config.shared_data import shared_data_dir

DFE = shared_data_dir() / "dfe"
SUPPRESSION_CODES = frozenset({"c", "x", "z", "u", "low"})


def read_rows(path: Path) -> list[dict[str, str]]:
    """Every row, de-duplicated (the indicators file repeats some rows exactly)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    seen: set[tuple[str, ...]] = set()
    unique = []
    for row in rows:
        key = tuple(row.values())
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique


def number(cell: str) -> float | None:
    """A published figure, or None for a suppression code or an empty cell."""
    text = cell.strip()
    if not text or text in SUPPRESSION_CODES:
        return None
    return float(text)
