"""The survey's questions as versioned data (`item_data/vN.json`), loaded once per version.

Wording changes make a new version: a wave keeps the version it was opened with, so its
answers are always read against the questions people were actually asked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

ITEM_DATA = Path(__file__).parent / "item_data"
CURRENT_VERSION = 1
AGREE = "agree"
CBI = "cbi"
EXTRA_PREFIX = "extra_"


@dataclass(frozen=True)
class Scale:
    key: str
    options: tuple[tuple[int, str], ...]  # (stored value, label), in the order shown
    positive: frozenset[int]
    negative: frozenset[int]


@dataclass(frozen=True)
class Item:
    key: str
    text: str
    scale: str
    composite: str = ""
    reverse: bool = False
    reference: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    hint: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Composite:
    key: str
    title: str
    kind: str  # AGREE: percent positive and 0-100 mean; CBI: 0-100 per its manual
    items: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    key: str
    label: str
    low: int
    high: int

    @property
    def shown(self) -> str:
        if self.low == self.high:
            return _("about %(value)s%%") % {"value": self.low}
        return _("about %(low)s to %(high)s%%") % {"low": self.low, "high": self.high}


@dataclass(frozen=True)
class FreeText:
    key: str
    text: str


@dataclass(frozen=True)
class ItemSet:
    version: int
    scales: dict[str, Scale]
    sections: tuple[Section, ...]
    composites: tuple[Composite, ...]
    free_text: tuple[FreeText, ...]
    references: dict[str, Reference]
    attribution: str

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    def item(self, key: str) -> Item:
        return next(item for item in self.items if item.key == key)


@cache
def _raw(version: int) -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (ITEM_DATA / f"v{version}.json").read_text(encoding="utf-8")
    )
    return data


def item_set(version: int = CURRENT_VERSION) -> ItemSet:
    """The questions of a version, with their wording in the active language."""
    data = _raw(version)
    scales = {
        key: Scale(
            key,
            tuple((int(value), _(label)) for value, label in spec["options"]),
            frozenset(spec["positive"]),
            frozenset(spec["negative"]),
        )
        for key, spec in data["scales"].items()  # type: ignore[attr-defined]
    }
    sections = tuple(
        Section(
            section["key"],
            _(section["title"]),
            _(section["hint"]),
            tuple(
                Item(
                    item["key"],
                    _(item["text"]),
                    item["scale"],
                    item.get("composite", ""),
                    bool(item.get("reverse", False)),
                    item.get("reference", ""),
                )
                for item in section["items"]
            ),
        )
        for section in data["sections"]  # type: ignore[attr-defined]
    )
    members: dict[str, list[str]] = {}
    for section in sections:
        for item in section.items:
            members.setdefault(item.composite, []).append(item.key)
    composites = tuple(
        Composite(spec["key"], _(spec["title"]), spec["kind"], tuple(members[spec["key"]]))
        for spec in data["composites"]  # type: ignore[attr-defined]
    )
    return ItemSet(
        version=version,
        scales=scales,
        sections=sections,
        composites=composites,
        free_text=tuple(
            FreeText(spec["key"], _(spec["text"]))
            for spec in data["free_text"]  # type: ignore[attr-defined]
        ),
        references={
            key: Reference(key, _(spec["label"]), int(spec["low"]), int(spec["high"]))
            for key, spec in data["references"].items()  # type: ignore[attr-defined]
        },
        attribution=_(str(data["attribution"])),
    )


def extra_item(position: int, text: str) -> Item:
    """An organisation's own question for a wave: always on the agree scale."""
    return Item(f"{EXTRA_PREFIX}{position}", text, AGREE)
