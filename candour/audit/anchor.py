"""The audit head, anchored outside the database.

A consistent chain proves nothing about rows deleted from its end. Each time verify-audit
passes it records the head (sequence and hash) in a file outside the database
(CANDOUR_AUDIT_ANCHOR_FILE, owner-only), one entry per database; the next run must reach
that head with the same hash, so truncation is caught without anyone typing
--expect-head. Operators also publish heads elsewhere (docs/deployment.md).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

from candour.lib.private_files import PRIVATE_FILE_MODE, private_dir


@dataclass(frozen=True)
class Head:
    sequence: int
    hash: str

    def __str__(self) -> str:
        return f"{self.sequence}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Head:
        sequence_text, _, hash_text = text.strip().partition(":")
        if not sequence_text.isdigit():
            raise ValueError("a head looks like 1234:abcdef...")
        return cls(int(sequence_text), hash_text)


def anchor_path() -> Path:
    return Path(settings.CANDOUR_AUDIT_ANCHOR_FILE)


def database_name() -> str:
    """Which database an anchor entry belongs to: its engine, host and name."""
    params = connection.settings_dict
    return f"{connection.vendor}:{params.get('HOST') or ''}:{params.get('NAME')}"


def _entries() -> dict[str, str]:
    path = anchor_path()
    if not path.exists():
        return {}
    loaded = json.loads(path.read_text(encoding="utf-8") or "{}")
    return {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}


def recorded_head() -> Head | None:
    """The head recorded for this database by the last passing run, if any."""
    entry = _entries().get(database_name())
    return Head.parse(entry) if entry else None


def record_head(head: Head) -> None:
    """Record ``head`` for this database, atomically, in an owner-only file."""
    path = anchor_path()
    if not path.parent.exists():
        private_dir(path.parent)
    entries = _entries()
    entries[database_name()] = str(head)
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(entries, handle, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(temporary, PRIVATE_FILE_MODE)
    os.replace(temporary, path)
