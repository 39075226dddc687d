"""Load versions of the taxonomy from data files; codes are added, retired or merged,
never deleted, so old coding keeps its meaning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# The data files sit beside the learning app's models, not in this sub-package.
DATA_DIR = Path(__file__).resolve().parent.parent / "taxonomy_data"


def read_version(number: int) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((DATA_DIR / f"v{number}.json").read_text("utf-8"))
    return document


def apply_version(
    document: dict[str, Any], *, taxonomy_version_model: Any, code_model: Any
) -> None:
    """Create the version and its new codes; retire and merge as the document says.

    Takes the model classes so that migrations can pass their historical models.
    """
    version, _ = taxonomy_version_model.objects.get_or_create(
        number=document["version"],
        defaults={"name": document["name"], "notes": document.get("notes", "")},
    )
    for item in document["codes"]:
        code_model.objects.update_or_create(
            key=item["key"],
            defaults={
                "axis": item["axis"],
                "level": item.get("level", ""),
                "label": item["label"],
                "description": item.get("description", ""),
            },
            create_defaults={
                "axis": item["axis"],
                "level": item.get("level", ""),
                "label": item["label"],
                "description": item.get("description", ""),
                "introduced_in": version,
            },
        )
    for key in document.get("retired", []):
        code_model.objects.filter(key=key, retired_in__isnull=True).update(retired_in=version)
    for old, new in document.get("merged", {}).items():
        target = code_model.objects.get(key=new)
        code_model.objects.filter(key=old).update(merged_into=target, retired_in=version)
