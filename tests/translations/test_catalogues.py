"""The catalogues themselves: every translation keeps its message's placeholders (a
missing or misspelt one would be a server error on the page), every catalogue says it
needs professional review, and the built .mo files are never committed (ADR 0030)."""

from __future__ import annotations

import re
import subprocess

import polib
import pytest

from candour.config.catalogues import LOCALE_DIR, compile_catalogues

LANGUAGES = ("cy", "pl", "ur", "ro", "ar")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%\(\w+\)\.\d+f|%[sd%]")


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_translation_keeps_its_placeholders(code: str) -> None:
    catalogue = polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))
    wrong = []
    for entry in catalogue.translated_entries():
        wanted = set(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            # A plural form may leave the number out ("one question"), never add a name.
            wanted_plural = wanted | set(PLACEHOLDER.findall(entry.msgid_plural))
            for text in entry.msgstr_plural.values():
                if not set(PLACEHOLDER.findall(text)) <= wanted_plural:
                    wrong.append(entry.msgid)
        elif set(PLACEHOLDER.findall(entry.msgstr)) != wanted:
            wrong.append(entry.msgid)
    assert not wrong, f"{code}: placeholders differ in {wrong}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_catalogue_says_it_needs_professional_review(code: str) -> None:
    catalogue = polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))
    assert "NEEDS PROFESSIONAL REVIEW BEFORE PRODUCTION" in catalogue.header
    assert catalogue.metadata["Language"] == code


def test_the_catalogues_compile_and_the_built_files_are_not_committed() -> None:
    compiled = compile_catalogues()
    assert {path.parent.parent.name for path in compiled} == set(LANGUAGES)
    tracked = subprocess.run(
        ["git", "ls-files", str(LOCALE_DIR)],  # noqa: S607 - git from PATH, fixed arguments
        capture_output=True,
        text=True,
        check=True,
        cwd=LOCALE_DIR,
    ).stdout.split()
    assert tracked, "the catalogues are committed"
    assert not [name for name in tracked if name.endswith(".mo")]
