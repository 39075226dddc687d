"""Local authorities as one list: renamed codes joined up, shared services named as such.

The DfE files name a council by its current ONS code, but a council whose code changed
(a boundary change, or a county becoming a unitary authority) appears under the old
code for the older years, and sometimes under both in one year (Sheffield 2025). Two
pairs of councils that run one children's service (Kingston upon Thames and Richmond
upon Thames; North and West Northamptonshire) publish one workforce row under both
codes joined by " / " ("E09000021 / E09000027") and separate children in need rows.

The mapping is worked out from the files themselves, so its provenance is always a
published row: a code is an *earlier code* of another when both carry the same
authority name and the other was published in a later year (or first published later,
when both reach the same year). :class:`AreaDirectory` says where each authority's
figures can come from, nearest first: its own code, its earlier codes, then the
shared service it belongs to.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

COMBINED_SEPARATOR = "/"


class SourceKind(enum.StrEnum):
    OWN = "own"
    EARLIER_CODE = "earlier_code"
    COMBINED = "combined"


@dataclass(frozen=True, slots=True)
class AreaSource:
    """Where an authority's figures may be read from, and why (its provenance)."""

    code: str
    name: str
    kind: SourceKind
    provenance: str


@dataclass(frozen=True, slots=True)
class PublishedArea:
    """One local authority code as published: its name and the years it appears in."""

    code: str
    name: str
    years: frozenset[str]


def member_codes(code: str) -> tuple[str, ...]:
    """The councils' codes in a shared-service code; a plain code is its own member."""
    return tuple(part.strip() for part in code.split(COMBINED_SEPARATOR) if part.strip())


def is_combined(code: str) -> bool:
    return len(member_codes(code)) > 1


def audit_code(code: str) -> str:
    """A code as an audit row may hold it (no spaces): "E09000021/E09000027"."""
    return COMBINED_SEPARATOR.join(member_codes(code))


class AreaDirectory:
    """Every published local authority code, resolved to the list a person chooses from."""

    def __init__(self, published: Iterable[PublishedArea]) -> None:
        self._areas = {area.code: area for area in published}
        by_name: dict[str, list[PublishedArea]] = defaultdict(list)
        for area in self._areas.values():
            if not is_combined(area.code):
                by_name[area.name.casefold()].append(area)
        # earlier code -> the current code that replaced it
        self._successor: dict[str, str] = {}
        for same in by_name.values():
            if len(same) < 2:
                continue
            current = max(same, key=lambda a: (max(a.years), min(a.years), a.code))
            for area in same:
                if area.code != current.code:
                    self._successor[area.code] = current.code

    def current(self, code: str) -> str:
        """The code an authority is known by now (itself unless it was replaced)."""
        seen = set()
        while code in self._successor and code not in seen:
            seen.add(code)
            code = self._successor[code]
        return code

    def choices(self) -> dict[str, str]:
        """Code to name for each authority once (current codes, shared services marked)."""
        found = {}
        for code, area in self._areas.items():
            if code in self._successor:
                continue
            found[code] = f"{area.name} (shared service)" if is_combined(code) else area.name
        return dict(sorted(found.items(), key=lambda item: (item[1].casefold(), item[0])))

    def name(self, code: str) -> str:
        area = self._areas.get(code)
        return area.name if area else code

    def sources(self, code: str) -> list[AreaSource]:
        """Where the authority's figures come from, nearest first, with provenance."""
        code = self.current(code)
        sources = [AreaSource(code, self.name(code), SourceKind.OWN, "")]
        for earlier, successor in sorted(self._successor.items()):
            if self.current(successor) != code:
                continue
            area = self._areas[earlier]
            sources.append(
                AreaSource(
                    earlier,
                    area.name,
                    SourceKind.EARLIER_CODE,
                    f"published under the earlier code {earlier} "
                    f"({min(area.years)} to {max(area.years)})",
                )
            )
        if not is_combined(code):
            for other in sorted(self._areas):
                if is_combined(other) and code in member_codes(other):
                    sources.append(
                        AreaSource(
                            other,
                            self._areas[other].name,
                            SourceKind.COMBINED,
                            f"published for the shared service {self._areas[other].name} ({other})",
                        )
                    )
        return sources
