"""The loaded DfE local authorities as one directory (candour.lib.dfe.areas): each
authority once, renamed codes joined to their successors, shared services marked."""

from __future__ import annotations

from collections import defaultdict

from candour.lib.dfe.areas import AreaDirectory, PublishedArea
from candour.lib.dfe.catalogue import CHILD_POPULATION
from candour.lib.dfe.records import GeographicLevel
from candour.workforce.models import DfeValue


def area_directory() -> AreaDirectory:
    """Every local authority code in the loaded figures, with its name and years (one query)."""
    rows = (
        DfeValue.objects.filter(level=GeographicLevel.LOCAL_AUTHORITY)
        # The ONS's population rows name areas in the ONS's words: the DfE's decide.
        .exclude(dataset=CHILD_POPULATION.key)
        .values_list("area_code", "area_name", "time_period")
        .distinct()
    )
    names: dict[str, str] = {}
    years: dict[str, set[str]] = defaultdict(set)
    for code, name, period in rows:
        names.setdefault(code, name)
        years[code].add(period[:4])
    return AreaDirectory(
        PublishedArea(code, name, frozenset(years[code])) for code, name in names.items()
    )
