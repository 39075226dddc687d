"""A theme set as data: ids, names and keyword rules, versioned like the taxonomy (ADR 0006)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from candour.lib.text.classifier.rules import compile_pattern

DATA = Path(__file__).resolve().parent / "data"
DEFAULT = DATA / "children_and_families_v1.json"


@dataclass(frozen=True, slots=True)
class ThemeDefinition:
    id: str
    name: str
    description: str
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ThemeSet:
    name: str
    version: int
    themes: tuple[ThemeDefinition, ...]

    @classmethod
    def from_dict(cls, document: Mapping[str, Any]) -> ThemeSet:
        """A theme set from its JSON document; raises ``ValueError`` on a malformed one."""
        try:
            themes = tuple(
                ThemeDefinition(
                    id=check_label(str(theme["id"])),
                    name=str(theme["name"]),
                    description=str(theme.get("description", "")),
                    keywords=tuple(str(keyword) for keyword in theme.get("keywords", ())),
                )
                for theme in document["themes"]
            )
            theme_set = cls(str(document["name"]), int(document["version"]), themes)
        except (KeyError, TypeError) as error:
            raise ValueError(f"not a theme set: {error}") from error
        ids = [theme.id for theme in themes]
        if len(set(ids)) != len(ids):
            raise ValueError("theme ids must be unique")
        for theme in themes:
            for keyword in theme.keywords:
                compile_pattern(keyword)  # raises ValueError on a malformed pattern
        return theme_set

    @classmethod
    def load(cls, path: Path = DEFAULT) -> ThemeSet:
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))

    @property
    def rules(self) -> dict[str, list[str]]:
        """Keyword rules per theme id, as ``ThemeModel.train`` takes them."""
        return {theme.id: list(theme.keywords) for theme in self.themes if theme.keywords}

    def name_of(self, theme_id: str) -> str:
        """The display name of a theme, or the id itself for a theme not in this set."""
        return next((theme.name for theme in self.themes if theme.id == theme_id), theme_id)


def default_theme_set() -> ThemeSet:
    """The shipped themes for children's and families' feedback, with keyword rules."""
    return ThemeSet.load()


MAX_LABEL_LENGTH = 200


def check_label(label: str) -> str:
    """A theme label as given, if usable: any scheme, but not blank and not huge."""
    if not label.strip() or len(label) > MAX_LABEL_LENGTH or label != label.strip():
        raise ValueError(f"a theme label must be 1 to {MAX_LABEL_LENGTH} characters, trimmed")
    return label
