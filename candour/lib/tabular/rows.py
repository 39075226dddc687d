"""A parsed row: its line in the file and its values, with typed accessors for callers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from candour.lib.tabular.columns import CellValue

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Row:
    """Blank optional cells (and optional columns absent from the file) hold ``None``."""

    line: int
    values: Mapping[str, CellValue | None]

    def get(self, name: str) -> CellValue | None:
        return self.values[name]

    def _typed(self, name: str, kind: type[_T]) -> _T | None:
        value = self.values[name]
        # bool is an int subclass: keep yes/no out of integer columns and back.
        if value is None or (isinstance(value, kind) and isinstance(value, bool) == (kind is bool)):
            return value
        raise TypeError(f"{name} holds {type(value).__name__}, not {kind.__name__}")

    def _required(self, name: str, kind: type[_T]) -> _T:
        value = self._typed(name, kind)
        if value is None:
            raise ValueError(f"{name} is blank on line {self.line}")
        return value

    def text(self, name: str) -> str:
        return self._required(name, str)

    def optional_text(self, name: str) -> str | None:
        return self._typed(name, str)

    def integer(self, name: str) -> int:
        return self._required(name, int)

    def optional_integer(self, name: str) -> int | None:
        return self._typed(name, int)

    def decimal(self, name: str) -> Decimal:
        return self._required(name, Decimal)

    def optional_decimal(self, name: str) -> Decimal | None:
        return self._typed(name, Decimal)

    def date(self, name: str) -> dt.date:
        return self._required(name, dt.date)

    def optional_date(self, name: str) -> dt.date | None:
        return self._typed(name, dt.date)

    def boolean(self, name: str) -> bool:
        return self._required(name, bool)

    def optional_boolean(self, name: str) -> bool | None:
        return self._typed(name, bool)
