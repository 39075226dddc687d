"""Every wording of the survey's item data is where `make messages` finds it."""

from __future__ import annotations

import json

from candour.surveys.item_strings import ITEM_STRINGS
from candour.surveys.items import ITEM_DATA


def _wordings(value: object) -> set[str]:
    if isinstance(value, dict):
        keys = {"title", "hint", "text", "label", "attribution"}
        found = {text for key, text in value.items() if key in keys and isinstance(text, str)}
        for key, inner in value.items():
            if key == "options":
                found |= {label for _value, label in inner}
            else:
                found |= _wordings(inner)
        return found
    if isinstance(value, list):
        return set().union(*(_wordings(inner) for inner in value)) if value else set()
    return set()


def test_every_wording_in_the_item_data_is_in_item_strings() -> None:
    for data in sorted(ITEM_DATA.glob("v*.json")):
        missing = _wordings(json.loads(data.read_text(encoding="utf-8"))) - set(ITEM_STRINGS)
        assert not missing, f"add to candour/surveys/item_strings.py: {sorted(missing)}"
