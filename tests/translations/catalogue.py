"""Reading the translation catalogues, recording which messages a page asked for, and
finding English left on a page rendered in another language (ADR 0030)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser

import polib
from django.utils.translation import trans_real

from candour.config.catalogues import LOCALE_DIR

# Messages a language writes the same as English: not a sign of a missing translation.
# Keep this list short, each with a reason.
SAME_IN_EVERY_LANGUAGE = frozenset(
    {
        "999",  # the emergency number
        "0800 1111",  # Childline's number
        "Candour",  # the service's name
    }
)
# Visible words that name things rather than say something: never a leftover.
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%\((\w+)\)\.\d+f|%[sd]|\{\{ *\w+ *\}\}")


@cache
def plural_forms(code: str) -> int:
    """How many plural forms the language's catalogue declares."""
    header = polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po")).metadata
    found = re.search(r"nplurals=(\d+)", header.get("Plural-Forms", ""))
    return int(found.group(1)) if found else 2


@cache
def catalogue(code: str) -> dict[str, str]:
    """msgid -> msgstr (the first plural form for plurals) of our own catalogue."""
    entries = polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))
    found: dict[str, str] = {}
    for entry in entries:
        if entry.obsolete:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        text = entry.msgstr if not entry.msgid_plural else entry.msgstr_plural.get(0, "")
        if entry.msgid_plural:
            # Every plural form the language has must be there: a missing one shows the
            # English for the numbers that need it.
            forms = plural_forms(code)
            if any(not entry.msgstr_plural.get(index) for index in range(forms)):
                text = ""
            # The English plural must not show either ("82 questions still need...").
            found.setdefault(entry.msgid_plural, "" if "fuzzy" in entry.flags else text)
        found[key] = "" if "fuzzy" in entry.flags else text
    return found


@dataclass
class Asked:
    """The messages pages asked gettext for while recording, by language."""

    messages: set[tuple[str, str]] = field(default_factory=set)


@contextmanager
def recording() -> Iterator[Asked]:
    """Records every message gettext is asked for (templates and Python alike)."""
    asked = Asked()
    translation_class = trans_real.DjangoTranslation
    original_gettext = translation_class.gettext
    original_ngettext = translation_class.ngettext

    def gettext(self: trans_real.DjangoTranslation, message: str) -> str:
        asked.messages.add((self.language(), message))
        return original_gettext(self, message)

    def ngettext(
        self: trans_real.DjangoTranslation, singular: str, plural: str, number: int
    ) -> str:
        asked.messages.add((self.language(), singular))
        return original_ngettext(self, singular, plural, number)

    translation_class.gettext = gettext  # type: ignore[method-assign,assignment]
    translation_class.ngettext = ngettext  # type: ignore[method-assign,assignment]
    try:
        yield asked
    finally:
        translation_class.gettext = original_gettext  # type: ignore[method-assign]
        translation_class.ngettext = original_ngettext  # type: ignore[method-assign]


def untranslated(asked: Asked, code: str) -> list[str]:
    """Our own messages a page asked for in `code` that its catalogue does not translate
    (messages for staff, such as the duty team's email, are asked for in theirs)."""
    ours = catalogue(code)
    return sorted(
        message
        for language, message in asked.messages
        if language == code
        and message in ours
        and not ours[message]
        and message not in SAME_IN_EVERY_LANGUAGE
    )


class _VisibleText(HTMLParser):
    """Text a person sees or hears: text nodes outside scripts and styles, and the alt,
    aria-label, title and placeholder attributes."""

    HIDDEN = frozenset({"script", "style", "template"})
    SPOKEN = ("alt", "aria-label", "title", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._hidden = 0
        self._title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        for name, value in attrs:
            if name in self.SPOKEN and value and value.strip():
                self.texts.append(" ".join(value.split()))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._hidden:
            self.texts.append(text)


def visible_texts(page: str) -> list[str]:
    parser = _VisibleText()
    parser.feed(page)
    return parser.texts


@cache
def _english_patterns(code: str) -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    """The English a page in `code` must not show, as patterns a whole text node must
    match: each message (its placeholders matching anything), or for a message with HTML
    in it each piece between the tags, where the piece says something on its own."""
    exact: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    for message, translated in catalogue(code).items():
        if "\x04" in message or not translated or translated == message:
            continue
        if message in SAME_IN_EVERY_LANGUAGE:
            continue
        pieces = [" ".join(piece.split()) for piece in re.split(r"<[^>]+>", message)]
        for piece in pieces:
            literal = _PLACEHOLDER.sub(" ", piece)
            words = re.findall(r"[A-Za-z]{3,}", literal)
            # A lone word between two tags ("on", "now") says too little to be English.
            if not words or (len(pieces) > 1 and len(literal.split()) < 2):
                continue
            if not _PLACEHOLDER.search(piece):
                exact[piece] = message
                continue
            parts = [re.escape(part) for part in _PLACEHOLDER.split(piece)[::3]]
            pattern = ".+?".join(part.replace(r"\ ", r"\s*") for part in parts)
            patterns.append((re.compile(pattern), message))
    return exact, patterns


def english_left(page: str, code: str, *, data: frozenset[str] = frozenset()) -> list[str]:
    """Visible text on a page rendered in `code` that is one of our English messages
    (`data`: what people typed that happens to be a message, like a person named Manager)."""
    exact, patterns = _english_patterns(code)
    found = []
    for text in dict.fromkeys(visible_texts(page)):
        if text in data:
            continue
        if text in exact:
            found.append(text if text == exact[text] else f"{text} (from {exact[text]!r})")
            continue
        for pattern, message in patterns:
            if pattern.fullmatch(text):
                found.append(text if text == message else f"{text} (from {message!r})")
                break
    return found


def assert_translated(page: str, name: str, code: str, asked: Asked) -> None:
    left = english_left(page, code)
    assert not left, f"{name} in {code} still shows English: {left}"
