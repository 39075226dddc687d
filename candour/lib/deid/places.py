"""Towns and other places: the NER model's GPE, LOC and FAC entities and known towns."""

from __future__ import annotations

import re
from collections.abc import Iterable

from candour.lib.deid.names import MONTHS_AND_DAYS
from candour.lib.deid.ner import Entity
from candour.lib.deid.spans import Kind, Span
from candour.lib.deid.wordlists import is_common, is_english, places

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_CAPITALISED_RUN = re.compile(
    r"\b[A-Z][a-z'\u2019]+(?:-[A-Za-z'\u2019]+)*"
    r"(?:[ \-](?:upon|on|under|in|le|by|and|of|the|[A-Z][a-z'\u2019]+(?:-[A-Za-z'\u2019]+)*)){0,4}"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n])\s*$")


def _known_places(text: str) -> Iterable[Span]:
    known = places()
    for match in _CAPITALISED_RUN.finditer(text):
        words = match.group().split(" ")
        start = match.start()
        # The longest run of words, from each starting word, that names a known place.
        index = 0
        while index < len(words):
            for count in range(len(words) - index, 0, -1):
                candidate = " ".join(words[index : index + count])
                if candidate in known:
                    offset = start + len(" ".join(words[:index])) + (1 if index else 0)
                    opening = _SENTENCE_START.search(text, max(0, offset - 3), offset)
                    if not (opening and count == 1 and is_common(candidate)):
                        yield Span(offset, offset + len(candidate), Kind.PLACE)
                    index += count - 1
                    break
            index += 1


# A capital, in any alphabet (Python's re has no class for it; the code checks isupper).
_CAPITAL = r"[^\W\d_a-z]"
_PLACE_WORDS = (
    rf"{_CAPITAL}[^\W\d_'\u2019]*(?:-[^\W\d_'\u2019]+)*"
    rf"(?:[ \-](?:upon|on|under|le|by|{_CAPITAL}[^\W\d_'\u2019]*)){{0,3}}"
)
# Where people live and move: "lives with an aunt in Scunthorpe", "moved from Halifax to Hull".
_MOVES = re.compile(
    r"\b(?:move[sd]?|moving|lives?|lived|living|born|grew\s+up|originally|relocated|returned"
    r"|flew|fly|flies|flying|drove|driving|travels?|travelling|traveling|emigrated|fled"
    r"|travell?ed|went|came|visit(?:s|ed|ing)?|stay(?:s|ed|ing)?|resides?|resided|housed|placed"
    r"|based|holiday(?:s|ed|ing)?)\b(?:\s+[a-z]+){0,4}?\s+(?:from|to|in|at|near|into|around)\s+"
    rf"(?P<first>{_PLACE_WORDS})(?:\s+(?:to|and|or)\s+(?P<second>{_PLACE_WORDS}))?"
)


_CONNECTORS = frozenset({"upon", "on", "under", "le", "by"})


def _capitalised_run(words: list[str]) -> list[str]:
    """The place name at the start of ``words``: "Stoke on Trent", not "Leeds on Tuesday"."""

    def proper(word: str) -> bool:
        return word[0].isupper() and word.lower() not in MONTHS_AND_DAYS

    if not words or not proper(words[0]):
        return []
    run = [words[0]]
    index = 1
    while index < len(words):
        word = words[index]
        if proper(word):
            run.append(word)
        elif word in _CONNECTORS and index + 1 < len(words) and proper(words[index + 1]):
            run.extend(words[index : index + 2])
            index += 1
        else:
            break
        index += 1
    return run


def _named_in_moves(text: str) -> Iterable[Span]:
    for match in _MOVES.finditer(text):
        for group in ("first", "second"):
            if match[group] is None:
                continue
            words = _capitalised_run(match[group].split())
            if not words:
                continue
            if len(words) == 1 and (is_common(words[0]) or words[0].lower() in MONTHS_AND_DAYS):
                continue
            start = match.start(group)
            yield Span(start, start + len(" ".join(words)), Kind.PLACE)


def known_places(text: str) -> list[Span]:
    """Known towns, and places named where people live or move, found without the model."""
    return [*_known_places(text), *_named_in_moves(text)]


# The small model calls many capitalised nouns places ("Ambulance", "Pneumonia"); a single
# English word counts only where a place would stand: "in Halifax", "from Durham".
_PLACE_PREPOSITION = re.compile(
    r"\b(?:in|at|from|to|near|around|outside|of|via|visiting|towards)\s+$", re.IGNORECASE
)


def entity_places(text: str, entities: Iterable[Entity]) -> list[Span]:
    spans: list[Span] = []
    for entity in entities:
        if entity.label not in _PLACE_LABELS:
            continue
        name = text[entity.start : entity.end]
        if " " not in name and name not in places():
            if name.isupper() and len(name) <= 3:
                continue
            before = _PLACE_PREPOSITION.search(text, max(0, entity.start - 12), entity.start)
            if is_english(name) and not before:
                continue
        spans.append(Span(entity.start, entity.end, Kind.PLACE))
    return spans
