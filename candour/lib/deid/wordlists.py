"""The word lists shipped in ``data/`` (see data/PROVENANCE.md), loaded once on first use."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: keeps word lists in code readable."""
    return frozenset(text.split())


def _read(name: str) -> list[str]:
    source = resources.files("candour.lib.deid").joinpath("data").joinpath(name)
    raw = source.read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return [
        line.strip()
        for line in raw.decode("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


@cache
def first_names() -> frozenset[str]:
    """Given names from many languages, lower case."""
    return frozenset(_read("first_names.txt"))


@cache
def surnames() -> frozenset[str]:
    """Family names from many languages, lower case, without those also given names."""
    return frozenset(_read("surnames.txt"))


@cache
def common_words() -> frozenset[str]:
    """Function words, everyday words and every English verb, adjective and adverb.

    A word here is taken for a name only with stronger evidence (a capital mid-sentence,
    a title, a cue such as "mother").
    """
    return frozenset(_read("common_words.txt"))


@cache
def stop_words() -> frozenset[str]:
    """Function words ("will", "was", "her"): never a name after a cue."""
    return frozenset(_read("stop_words.txt"))


@cache
def name_words() -> frozenset[str]:
    """Given names that are also everyday words ("jade", "grace"), months and "will" aside."""
    return frozenset(_read("name_words.txt"))


@cache
def english_nouns() -> frozenset[str]:
    """English nouns not already in :func:`common_words` (WordNet), lower case."""
    return frozenset(_read("english_nouns.txt.gz"))


@cache
def places() -> frozenset[str]:
    """English local authority areas and the towns their names are made of."""
    return frozenset(_read("places.txt"))


_CONTRACTIONS = ("n't", "'ve", "'m", "'d", "'ll", "'re", "'s")


def _forms(word: str) -> Iterable[str]:
    """The word and the stems it may be an inflection of ("died" -> "die", "in-law" -> "in")."""
    word = word.replace("\u2019", "'")
    if word.endswith(_CONTRACTIONS) or word == "i":
        yield "i"  # a pronoun or a contraction ("I've", "didn't"): never a name
        return
    if "-" in word:
        yield from (part for piece in word.split("-") if piece for part in _forms(piece))
        return
    yield word
    for suffix, stem in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
        ("ly", ""),
    ):
        base = word[: -len(suffix)] + stem
        if word.endswith(suffix) and len(base) >= 3:
            yield base
            if len(base) > 3 and base[-1] == base[-2]:
                yield base[:-1]


@lru_cache(maxsize=65536)
def is_common(word: str) -> bool:
    lexicon = common_words()
    return any(form in lexicon for form in _forms(word.lower()))


@lru_cache(maxsize=65536)
def is_english(word: str) -> bool:
    nouns = english_nouns()
    return is_common(word) or any(form in nouns for form in _forms(word.lower()))
