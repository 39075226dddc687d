"""UK street addresses: a house number and a street, then any town and postcode after it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from candour.lib.deid.patterns import POSTCODE
from candour.lib.deid.spans import Kind, Span
from candour.lib.deid.wordlists import places, words

# Street types that are also everyday words ("close", "way", "park") count only with a capital.
_PLAIN_TYPES = "road|rd|street|avenue|ave|lane|crescent|cres|terrace|gardens|gdns|grove|mews|drive"
_CAPITAL_TYPES = (
    "Close|Way|Court|Ct|Place|Pl|Walk|Hill|Park|Square|Sq|Row|View|Rise|Green|Parade|Vale"
    "|Wharf|Boulevard|Croft|Fold|Mount|Gate|Yard|Bank|Chase|Meadow|Meadows|Hollow|Approach"
    "|Circus|Embankment|Esplanade|Glade|Heights|Lea|End|Side|Wynd|Passage|Broadway|Promenade"
    "|Quay|Grange|Villas|Cottages|Estate|Garth|Brow|Dale|Field|Fields|Common|Wood|Street|St"
    "|Road|Rd|Avenue|Ave|Lane|Ln|Crescent|Cres|Terrace|Gardens|Gdns|Grove|Mews|Drive|Dr"
)
_LOOSE_TYPES = (
    "close|way|court|place|walk|hill|park|square|row|view|rise|green|parade|vale|croft|fold"
    "|mount|gate|yard|bank|chase|meadows?|approach|heights|grange|villas|cottages|estate"
)
_WORD = r"[^\W\d_][\w'\u2019.\-]*"

_STREET = re.compile(
    r"\b(?:(?i:flat|apartment|apt|unit)\.?\s*\d+[a-z]?,?\s+)?"
    r"(?P<number>\d{1,4}[a-z]?(?:\s?-\s?\d{1,4}[a-z]?)?),?\s+"
    rf"(?P<words>(?:{_WORD}\s+){{1,3}}?)"
    rf"(?P<type>(?i:{_PLAIN_TYPES})|{_CAPITAL_TYPES}|(?P<loose>(?i:{_LOOSE_TYPES})))\b\.?"
)
# "at 45b mill court": a loose street type in lower case counts after "at", "to" and the like.
_ADDRESS_CUE = re.compile(
    r"\b(?:at|to|from|address|addresses|lives|living|staying|moved|of|on)\s+$", re.IGNORECASE
)
# A named street without a number ("lives on Elm Close") needs a capitalised name.
_NAMED_STREET = re.compile(
    r"\b(?P<words>(?:[A-Z][\w'\u2019\-]+\s+){1,3})"
    r"(?P<type>Road|Street|Avenue|Lane|Close|Drive|Crescent|Terrace|Gardens|Grove|Mews|Rd|Ave)\b"
)
_FLAT = re.compile(
    r"\b(?:flat|apartment|apt|unit)\.?\s*\d+[a-z]?\b"
    r"(?:,?\s+(?:[A-Z][\w'\u2019\-]+\s+){1,3}"
    r"(?:House|Court|Lodge|Mansions|Tower|Heights|Point|Building|Block|Hall|Flats))?",
    re.IGNORECASE,
)
_LOCALITY = re.compile(
    r",?[ \t]*(?P<town>[A-Z][a-z'\u2019\-]+"
    r"(?:[ \-](?:upon|on|under|in|le|by|the|[A-Z][a-z'\u2019\-]+)){0,3})"
)
# "at 77a Ash Road, Birkenhead." - a capitalised word closing the clause after a street.
_CLAUSE_END = re.compile(r"\s*(?:[.;!?)]|\n|$)")
_POSTCODE_NEXT = re.compile(rf",?\s*(?:{POSTCODE.pattern})", re.IGNORECASE)

# Whatever follows "address:" or "lives at" and starts with a house number, to the end of
# the clause: catches streets with no street type ("5 The Moorings") and foreign forms.
_CUED_ADDRESS = re.compile(
    r"\b(?i:address(?:\s+is)?\s*:?|addr\.?:?|(?:lives|living|staying|resides|residing)\s+at)"
    r"[ \t]*(?P<address>\d[^\n.;!?]{2,80}?)(?=\s*(?:[\n.;!?]|$| (?i:with|and|since|for|from)\b))"
)
_UNIT = re.compile(r"\b(?i:suite|apt\.?|apartment|unit|p\.?o\.? box|box)\s*\d{1,5}[a-z]?\b")
# Words that cannot be part of a street name: "3 times on the road".
_NOT_STREET_WORDS = words(
    """
    a an the on in at to of for from by with and or but is was were be been has had have
    my his her their our your its this that these those into onto up down along across
    near off past round around over under through towards
    """
)
_NOT_STREET_NAMES = frozenset({"family", "crown", "county", "magistrates", "youth", "high court"})


def _street_words_ok(words: str) -> bool:
    names = words.split()
    return bool(names) and not any(
        name.lower() in _NOT_STREET_WORDS and not (index == 0 and name == "The")
        for index, name in enumerate(names)
    )


def _town_end(text: str, position: int, depth: int = 0) -> int | None:
    """The end of a town name at ``position`` that is known, or that a postcode follows."""
    match = _LOCALITY.match(text, position)
    if not match:
        return None
    words = match["town"].split(" ")
    for count in range(len(words), 0, -1):
        town = " ".join(words[:count])
        end = match.start("town") + len(town)
        if town in places() or _POSTCODE_NEXT.match(text, end) or _CLAUSE_END.match(text, end):
            return end
        if depth == 0 and count == len(words) and _town_end(text, end, 1) is not None:
            return end
    return None


def _extend(text: str, end: int) -> int:
    """Run on over up to two towns and a postcode that follow a street."""
    position = end
    for _ in range(2):
        town_end = _town_end(text, position)
        if town_end is None:
            break
        position = town_end
    postcode = _POSTCODE_NEXT.match(text, position)
    if postcode:
        position = postcode.end()
    return position


def _cued(text: str) -> Iterable[Span]:
    for match in _CUED_ADDRESS.finditer(text):
        yield Span(match.start("address"), match.end("address"), Kind.ADDRESS)


def find_addresses(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in _STREET.finditer(text):
        if not _street_words_ok(match["words"]):
            continue
        loose = match["loose"] and not match["loose"][0].isupper()
        if loose and not _ADDRESS_CUE.search(text, max(0, match.start() - 12), match.start()):
            continue
        end = match.end() - (1 if match.group().endswith(".") else 0)
        spans.append(Span(match.start(), _extend(text, end), Kind.ADDRESS))
    spans.extend(_units(text))
    for match in _NAMED_STREET.finditer(text):
        first = match["words"].split()[0].lower()
        if first in _NOT_STREET_WORDS or first in _NOT_STREET_NAMES:
            continue
        span = Span(match.start(), _extend(text, match.end()), Kind.ADDRESS)
        if not any(span.overlaps(other) for other in spans):
            spans.append(span)
    spans.extend(_flats(text, spans))
    # A cued address is the fallback for streets the patterns above do not recognise.
    spans.extend(span for span in _cued(text) if not any(span.overlaps(o) for o in spans))
    return spans


def _units(text: str) -> Iterator[Span]:
    for match in _UNIT.finditer(text):
        yield Span(match.start(), match.end(), Kind.ADDRESS)


def _flats(text: str, streets: list[Span]) -> Iterator[Span]:
    for match in _FLAT.finditer(text):
        span = Span(match.start(), match.end(), Kind.ADDRESS)
        if not any(span.overlaps(other) for other in streets):
            yield span
