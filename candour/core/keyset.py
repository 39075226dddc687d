"""Keyset pagination ("newer" and "older") for long, append-only lists.

Page numbers need a COUNT of the whole list, and an OFFSET that reads every row before
the page: at ten million audit events that is most of a second a page, and more the
further back one goes. A keyset page reads only its own rows, however deep it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class KeysetPage(Generic[M]):
    items: list[M]
    newer: int | str | None  # pass as ?after= for the page of newer items
    older: int | str | None  # pass as ?before= for the page of older items

    @property
    def has_other_pages(self) -> bool:
        return self.newer is not None or self.older is not None


def _plain_cursor(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def _cursor(params: Mapping[str, Any], name: str, read: Callable[[str], int | None]) -> int | None:
    value = params.get(name, "")
    return read(value) if isinstance(value, str) and value else None


def keyset_page(
    items: models.QuerySet[M],
    params: Mapping[str, Any],
    *,
    key: str,
    size: int,
    write_cursor: Callable[[int], int | str] = int,
    read_cursor: Callable[[str], int | None] = _plain_cursor,
) -> KeysetPage[M]:
    """Newest first by the unique, increasing integer field ``key``.

    ``write_cursor``/``read_cursor`` turn keys into the cursors put in links and back,
    for lists whose keys must not be shown (see ``candour.core.sealed_cursor``).
    """
    before, after = _cursor(params, "before", read_cursor), _cursor(params, "after", read_cursor)
    if after is not None:
        rows = list(items.filter(**{f"{key}__gt": after}).order_by(key)[: size + 1])
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        has_older = items.filter(**{f"{key}__lte": after}).exists()
        has_newer = more_newer
    else:
        chosen = items.filter(**{f"{key}__lt": before}) if before is not None else items
        rows = list(chosen.order_by(f"-{key}")[: size + 1])
        has_older = len(rows) > size
        rows = rows[:size]
        has_newer = before is not None and items.filter(**{f"{key}__gte": before}).exists()
    if not rows:
        return KeysetPage([], None, None)
    return KeysetPage(
        rows,
        newer=write_cursor(getattr(rows[0], key)) if has_newer else None,
        older=write_cursor(getattr(rows[-1], key)) if has_older else None,
    )
