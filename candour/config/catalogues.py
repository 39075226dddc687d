"""Compiles the translation catalogues (locale/<code>/LC_MESSAGES/django.po) into the
.mo files Django reads, with polib: pure Python, so a machine without GNU gettext builds
them the same way (ADR 0030). The .mo files are built, never committed.

Run by `make assets` (and so by `make run`, `make test` and `make serve`), and by the
test suite's start when a catalogue is newer than its .mo. `python -m candour.config.catalogues`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def stale(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """The catalogues whose .mo is missing or older than the .po."""
    found = []
    for source in sorted(locale_dir.glob("*/LC_MESSAGES/django.po")):
        built = source.with_suffix(".mo")
        if not built.exists() or built.stat().st_mtime < source.stat().st_mtime:
            found.append(source)
    return found


def compile_catalogues(locale_dir: Path = LOCALE_DIR, *, only_stale: bool = False) -> list[Path]:
    """Writes each catalogue's .mo beside it; returns the catalogues compiled."""
    sources = (
        stale(locale_dir) if only_stale else sorted(locale_dir.glob("*/LC_MESSAGES/django.po"))
    )
    for source in sources:
        catalogue = polib.pofile(str(source))
        # A fuzzy entry is a guess awaiting review: like msgfmt, leave it out, so the
        # page shows the English rather than a wrong translation.
        for entry in catalogue.fuzzy_entries():
            catalogue.remove(entry)
        built = source.with_suffix(".mo")
        # Written aside and moved into place: parallel test workers may compile at once.
        partial = built.with_name(f"{built.name}.{os.getpid()}.tmp")
        catalogue.save_as_mofile(str(partial))
        partial.replace(built)
    return sources


if __name__ == "__main__":
    compiled = compile_catalogues(only_stale="--stale" in sys.argv)
    print(f"Compiled {len(compiled)} translation catalogue(s)")
