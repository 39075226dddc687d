"""Words and word pairs of a text, with where they sit in it, for features and evidence."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

# Letters only: numbers in reports are mostly dates, times and references, which carry
# no meaning for coding and would only grow the vocabulary.
RIGHT_QUOTE = "\u2019"  # typographic apostrophe, as word processors write "didn't"
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


class Gram(NamedTuple):
    key: str
    start: int
    end: int


def normalise(text: str) -> str:
    return text.lower().replace(RIGHT_QUOTE, "'")


def words(text: str) -> list[Gram]:
    lowered = normalise(text)
    if len(lowered) == len(text):
        return [
            Gram(match.group(), match.start(), match.end())
            for match in WORD.finditer(lowered)
            if match.end() - match.start() > 1
        ]
    # Lower-casing changed the length (a few letters such as "İ" do), so spans into the
    # lowered text would not fit the original: find words in the original instead.
    return [
        Gram(normalise(match.group()), match.start(), match.end())
        for match in WORD.finditer(text)
        if match.end() - match.start() > 1
    ]


def grams(text: str) -> list[Gram]:
    """Single words and adjacent pairs, each with the span of the text it covers."""
    singles = words(text)
    pairs = [
        Gram(f"{first.key} {second.key}", first.start, second.end)
        for first, second in pairwise(singles)
    ]
    return singles + pairs


def gram_keys(text: str) -> list[str]:
    """The keys of ``grams(text)``, built without spans: this runs on every training text."""
    singles = [word for word in WORD.findall(normalise(text)) if len(word) > 1]
    pairs = [f"{first} {second}" for first, second in pairwise(singles)]
    return singles + pairs
