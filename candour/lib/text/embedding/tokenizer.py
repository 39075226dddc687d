"""BERT's uncased WordPiece tokenizer in pure Python, as all-MiniLM-L6-v2 uses it.

Matches Hugging Face's `BertNormalizer(lowercase=True)` + `BertPreTokenizer` + `WordPiece`
on ordinary text, so the static model distilled from MiniLM sees the token ids it was
distilled with, without the `tokenizers` package at run time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

UNKNOWN = -1
_MAX_WORD_CHARS = 100
_PREFIX = "##"
_CACHE_LIMIT = 500_000


@lru_cache(maxsize=4096)
def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B73F
        or 0x2B740 <= code <= 0x2B81F
        or 0x2B820 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


def _clean_char(char: str) -> str:
    if char in "\t\n\r":
        return " "
    code = ord(char)
    if code == 0 or code == 0xFFFD:
        return ""
    category = unicodedata.category(char)
    if category == "Zs":
        return " "
    if category in ("Cc", "Cf"):
        return ""
    if _is_cjk(code):
        return f" {char} "
    return char


_ASCII_CLEAN = {code: None for code in [*range(32), 127]} | {9: " ", 10: " ", 13: " "}


def normalise(text: str) -> str:
    """Clean, lower-case and strip accents the way BERT's uncased normaliser does."""
    if text.isascii():
        return text.translate(_ASCII_CLEAN).lower()
    cleaned = "".join(_clean_char(c) for c in text)
    decomposed = unicodedata.normalize("NFD", cleaned)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


# In printable ASCII every character that is not a letter, digit or space is punctuation
# to BERT, so one regular expression splits it as the loop below does, several times faster.
_ASCII_WORDS = re.compile(r"[A-Za-z0-9]+|[^A-Za-z0-9 ]")


def pre_tokenise(text: str) -> list[str]:
    """Split normalised text on white space, with every punctuation mark a word of its own."""
    if text.isascii() and text.isprintable():
        return _ASCII_WORDS.findall(text)
    words: list[str] = []
    for chunk in text.split():
        if chunk.isalnum():
            words.append(chunk)
            continue
        start = 0
        for position, char in enumerate(chunk):
            if _is_punctuation(char):
                if start < position:
                    words.append(chunk[start:position])
                words.append(char)
                start = position + 1
        if start < len(chunk):
            words.append(chunk[start:])
    return words


class WordPieceTokenizer:
    """Text to vocabulary ids; a word with no WordPiece segmentation is dropped."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self._ids = {token: index for index, token in enumerate(vocabulary)}
        self._longest = max((len(token) for token in vocabulary), default=1)
        self._words: dict[str, tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def token_id(self, token: str) -> int:
        return self._ids.get(token, UNKNOWN)

    def ids(self, text: str) -> list[int]:
        return self.ids_of_words(pre_tokenise(normalise(text)))

    def ids_of_words(self, words: Sequence[str]) -> list[int]:
        """The ids of already pre-tokenised words (`pre_tokenise(normalise(text))`)."""
        cache = self._words
        found = list(map(cache.get, words))
        if None in found:
            for position, pieces in enumerate(found):
                if pieces is None:
                    word = words[position]
                    found[position] = pieces = self._word_pieces(word)
                    if len(cache) >= _CACHE_LIMIT:
                        cache.clear()
                    cache[word] = pieces
        return list(chain.from_iterable(found))  # type: ignore[arg-type]

    def _word_pieces(self, word: str) -> tuple[int, ...]:
        if len(word) > _MAX_WORD_CHARS:
            return ()
        whole = self._ids.get(word)
        if whole is not None:
            return (whole,)
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = min(len(word), start + self._longest)
            found = UNKNOWN
            while end > start:
                piece = word[start:end] if start == 0 else _PREFIX + word[start:end]
                found = self._ids.get(piece, UNKNOWN)
                if found != UNKNOWN:
                    break
                end -= 1
            if found == UNKNOWN:
                return ()
            pieces.append(found)
            start = end
        return tuple(pieces)
