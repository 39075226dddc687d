"""Can the detector read this? It reads English only (ADR 0012), so writing in any other
language must reach a person instead of passing as "nothing found" (ADR 0030).

    >>> written_in("my stepdad hits me", page_language="en-gb") is None
    True
    >>> written_in("زوج أمي يضربني", page_language="ar")
    'ar'
    >>> written_in("Mae fy nhad yn fy nharo i", page_language="cy")
    'cy'
    >>> written_in("ojczym mnie bije, boję się", page_language="en-gb")
    'pl'

Cheap on purpose, with no language model to install: the page's language, which script
the letters are in, a few letters only other languages use, and whether common English
words are there at all. Recall first, as the detector is: when in doubt the answer is
"a person reads it", never "readable".
"""

from __future__ import annotations

import re
import unicodedata

ENGLISH_PAGES = frozenset({"en", "en-gb"})
# A script's name, as Unicode names its letters, to what the duty team is told.
SCRIPTS = {
    "ARABIC": "arabic_script",
    "CYRILLIC": "cyrillic_script",
    "GREEK": "greek_script",
    "HEBREW": "hebrew_script",
    "DEVANAGARI": "devanagari_script",
    "BENGALI": "bengali_script",
    "GURMUKHI": "gurmukhi_script",
    "GUJARATI": "gujarati_script",
    "TAMIL": "tamil_script",
    "CJK": "chinese_script",
    "HIRAGANA": "japanese_script",
    "KATAKANA": "japanese_script",
    "HANGUL": "korean_script",
    "THAI": "thai_script",
    "ETHIOPIC": "ethiopic_script",
}
# Pages in a language written in that script: the page names the language.
PAGE_SCRIPTS = {"ar": "arabic_script", "ur": "arabic_script"}
# Letters Urdu has and Arabic does not (tteh, ddal, rreh, noon ghunna, bari yeh).
URDU_LETTERS = frozenset("ٹڈڑںے")
# Latin letters English never uses, each telling one of the languages families write in.
LATIN_HINTS = {
    "pl": frozenset("ąćęłńśźżĄĆĘŁŃŚŹŻ"),
    "ro": frozenset("ășțĂȘȚşţ"),
    "cy": frozenset("ŵŷŴŶ"),
}
# Words nearly every English sentence has. Welsh "a" and "i", Polish "i" and "a" are
# here too, so a text is English only when enough of its words are.
# (Packed: a word list reads better than one word a line.)
# fmt: off
ENGLISH_WORDS = frozenset(
    {
        "a", "about", "after", "all", "am", "an", "and", "are", "as", "at", "be", "because",
        "been", "but", "by", "can", "cant", "could", "did", "didnt", "do", "does", "dont",
        "for", "from", "get", "go", "going", "got", "had", "has", "have", "he", "her", "here",
        "him", "his", "how", "i", "if", "im", "in", "is", "isnt", "it", "its", "just", "like",
        "me", "mum", "my", "no", "not", "now", "of", "on", "or", "our", "out", "said", "she",
        "so", "some", "that", "the", "them", "then", "there", "they", "this", "to", "too",
        "told", "up", "us", "very", "was", "wasnt", "we", "were", "what", "when", "where",
        "who", "why", "will", "with", "wont", "would", "you", "your",
    }
)
# fmt: on
# Short answers that read the same to the detector in any language ("ok", "no").
UNIVERSAL = frozenset({"ok", "okay", "good", "fine", "yes", "no", "nothing", "none", "na"})
ENGLISH_SHARE = 0.25


def _script(letter: str) -> str:
    name = unicodedata.name(letter, "")
    first = name.split(" ", 1)[0]
    return "latin" if first == "LATIN" else SCRIPTS.get(first, "other_script")


def written_in(text: str, *, page_language: str) -> str | None:
    """The language (a code) or script the detector cannot read `text` in, or None when
    it reads as English (or holds no letters at all)."""
    letters = [character for character in text if character.isalpha()]
    if not letters:
        return None
    counts: dict[str, int] = {}
    for letter in letters:
        script = _script(letter)
        counts[script] = counts.get(script, 0) + 1
    others = {script: count for script, count in counts.items() if script != "latin"}
    # A few letters of another script are enough: a disclosure can be one short phrase.
    if sum(others.values()) >= 2:
        script = max(others, key=lambda name: others[name])
        if PAGE_SCRIPTS.get(page_language) == script:
            return page_language
        if script == "arabic_script" and URDU_LETTERS & set(letters):
            return "ur"
        return script
    for code, hints in LATIN_HINTS.items():
        if hints & set(letters):
            return code
    words = re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))
    words = [word.replace("'", "") for word in words]
    if not words or all(word in UNIVERSAL for word in words):
        return None
    english = sum(word in ENGLISH_WORDS for word in words) / len(words)
    if page_language in ENGLISH_PAGES:
        # On an English page, only a sentence's length of writing with no English word
        # at all is taken for another language: terse English ("kind, helpful, listens")
        # must not flood the duty team.
        return "other_language" if len(words) >= 6 and english == 0 else None
    # On a page in another language, writing is in that language unless it reads as
    # English (romanised Urdu on the Urdu page is Urdu too).
    return None if english >= ENGLISH_SHARE else page_language
