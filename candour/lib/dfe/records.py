"""What the DfE loader yields: one published figure for one area, year and measure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class GeographicLevel(StrEnum):
    NATIONAL = "National"
    REGIONAL = "Regional"
    LOCAL_AUTHORITY = "Local authority"


@dataclass(frozen=True, slots=True)
class Area:
    """England, a region, or a local authority as the file names it.

    ``code`` is the country code for England, the region code for a region (London also
    appears as Inner and Outer London, E13...), and the new (E06/E08/E09/E10) code for a
    local authority. A few workforce rows cover two councils that share a service, with
    both codes joined by " / " (e.g. "940 / 941"); :attr:`old_la_codes` splits them.
    """

    level: GeographicLevel
    code: str
    name: str
    region_code: str
    region_name: str
    old_la_code: str
    new_la_code: str

    @property
    def old_la_codes(self) -> tuple[str, ...]:
        return tuple(part.strip() for part in self.old_la_code.split("/") if part.strip())


@dataclass(frozen=True, slots=True)
class Observation:
    """``value`` is None where the DfE published a suppression code, named in ``suppression``."""

    dataset: str
    time_period: str
    year_ending: dt.date
    area: Area
    measure: str
    value: Decimal | None
    suppression: str | None
    source_column: str
    line: int
