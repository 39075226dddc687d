"""A schema: the columns an import expects, the header spellings each accepts, and its checks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from candour.lib.tabular.columns import ColumnKind, normalise_token

if TYPE_CHECKING:
    from candour.lib.tabular.problems import Problem
    from candour.lib.tabular.rows import Row

# A cross-row check sees every row that parsed and returns the problems it finds.
RowCheck = Callable[[Sequence["Row"]], Iterable["Problem"]]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: ColumnKind
    required: bool = True
    aliases: tuple[str, ...] = ()
    description: str = ""
    example: str = ""
    # Problems with this column never repeat its value (a name typed where an ID belongs).
    withhold_value: bool = False

    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


# Headers that carry people's names. Candour never takes names into workforce data, so these
# are refused even when other unknown columns are ignored.
NAME_HEADERS = frozenset(
    normalise_token(header)
    for header in (
        "name",
        "full name",
        "first name",
        "firstname",
        "forename",
        "forenames",
        "given name",
        "surname",
        "last name",
        "lastname",
        "family name",
        "employee name",
        "staff name",
        "worker name",
    )
)


@dataclass(frozen=True, slots=True)
class Schema:
    name: str
    columns: tuple[Column, ...]
    checks: tuple[RowCheck, ...] = ()
    description: str = ""
    ignore_unknown_columns: bool = False
    _by_header: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_header: dict[str, Column] = {}
        for column in self.columns:
            for spelling in column.spellings():
                key = normalise_token(spelling)
                if by_header.setdefault(key, column) is not column:
                    raise ValueError(f"header {spelling!r} would match two columns")
        object.__setattr__(self, "_by_header", by_header)

    def column_for(self, header: str) -> Column | None:
        """The column a file's header names, matching names and aliases loosely."""
        return self._by_header.get(normalise_token(header))

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)
