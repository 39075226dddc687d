"""Finding what to redact: every detector, the allow-list, then one merged list of spans.

The rules run first. The NER model, most of the cost, then reads only a few words either
side of each word the rules could not account for (a capitalised word, or a lower-case one
that is no English word): much of a case note ("The IRO reviewed the plan.") has nothing
in it for the model to find.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import islice

from candour.lib.deid.addresses import find_addresses
from candour.lib.deid.names import MONTHS_AND_DAYS, NameContext, Token, find_names, rule_names
from candour.lib.deid.ner import Entity, entities
from candour.lib.deid.patterns import find_identifiers
from candour.lib.deid.placeholders import replacement_for
from candour.lib.deid.places import entity_places, known_places
from candour.lib.deid.policy import DEFAULT_POLICY, Policy
from candour.lib.deid.schools import find_settings
from candour.lib.deid.spans import Kind, Span, merge_spans
from candour.lib.deid.wordlists import first_names, is_common, is_english

_WORDS = re.compile(r"[^\s,;:()]+")
_APOSTROPHE = re.compile(r"['\u2019]")
_TITLE_WORDS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "master", "st"})
_WINDOW = 8
_GUESSED_KINDS = frozenset({Kind.PERSON, Kind.PLACE})


@dataclass
class _Draft:
    """One text part-way through detection."""

    text: str
    allowed: list[tuple[int, int]]
    context: NameContext
    structured: list[Span]
    names: list[Span]


def detect(text: str, policy: Policy = DEFAULT_POLICY) -> list[Span]:
    """Spans to redact in ``text``, sorted and merged, each with its replacement filled in."""
    return detect_many([text], policy)[0]


def detect_many(texts: Iterable[str], policy: Policy = DEFAULT_POLICY) -> list[list[Span]]:
    """:func:`detect` for many texts, with the NER model run over them in one batch."""
    drafts = [_draft(text, policy) for text in texts]
    found: list[list[Entity]] = [[] for _ in drafts]
    if policy.use_ner:
        found = _entities_where_needed(drafts)
    return [_finish(draft, ents) for draft, ents in zip(drafts, found, strict=True)]


def _draft(text: str, policy: Policy) -> _Draft:
    allowed = policy.allowed_ranges(text)
    context = NameContext(text, allowed)
    structured = [
        *find_identifiers(text, policy),
        *find_addresses(text),
        *find_settings(text),
        *known_places(text),
    ]
    return _Draft(text, allowed, context, structured, rule_names(context))


def _entities_where_needed(drafts: list[_Draft]) -> list[list[Entity]]:
    pieces = [
        (number, start, end)
        for number, draft in enumerate(drafts)
        for start, end in _model_windows(draft)
    ]
    texts = [drafts[number].text[start:end] for number, start, end in pieces]
    found: list[list[Entity]] = [[] for _ in drafts]
    for (number, offset, _), ents in zip(pieces, entities(texts), strict=True):
        found[number].extend(Entity(e.start + offset, e.end + offset, e.label) for e in ents)
    return found


def _model_windows(draft: _Draft) -> list[tuple[int, int]]:
    """Stretches of text around each word that may be a name and that no rule explained.

    The model decides from a few words either side, so a window of that many words (kept
    within the sentence) gives it what it needs at a fraction of the cost of the whole text.
    """
    tokens = draft.context.tokens
    claimed = _merged(
        [*((s.start, s.end) for s in [*draft.structured, *draft.names]), *draft.allowed]
    )
    starts = [s for s, _ in claimed]
    sentence: list[int] = []
    for token in tokens:
        sentence.append((sentence[-1] if sentence else 0) + (1 if token.sentence_start else 0))
    windows: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        if not _unexplained(token, claimed, starts):
            continue
        low = index
        while low > 0 and index - low < _WINDOW and sentence[low - 1] == sentence[index]:
            low -= 1
        high = index
        while (
            high < len(tokens) - 1
            and high - index < _WINDOW
            and sentence[high + 1] == sentence[index]
        ):
            high += 1
        start, end = tokens[low].start, min(len(draft.text), tokens[high].end + 1)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def _unexplained(token: Token, claimed: list[tuple[int, int]], starts: list[int]) -> bool:
    """A capitalised word, or a lower-case word that is no English word, that no rule claimed.

    Titles, months and days do not count, nor an everyday word opening a sentence.
    """
    if len(token.text) < 2 or token.lower in MONTHS_AND_DAYS or token.lower in _TITLE_WORDS:
        return False
    index = bisect_right(starts, token.start) - 1
    if index >= 0 and token.end <= claimed[index][1]:
        return False
    if not token.capitalised:
        return not is_english(_APOSTROPHE.split(token.text, maxsplit=1)[0])
    return not (token.sentence_start and is_common(token.text) and token.lower not in first_names())


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _finish(draft: _Draft, ents: list[Entity]) -> list[Span]:
    text = draft.text
    candidates = [
        *draft.structured,
        *entity_places(text, ents),
        *find_names(draft.context, ents, draft.names),
    ]
    kept = [s for s in (_allow(s, text, draft.allowed) for s in set(candidates)) if s]
    kept = _yield_to_structure(kept, text)
    return [
        span
        if span.replacement
        else replace(span, replacement=replacement_for(span.kind, text[span.start : span.end]))
        for span in merge_spans(kept, text)
    ]


def _yield_to_structure(spans: list[Span], text: str) -> list[Span]:
    """Cut a model's guess (name, place) back where it runs into an address, school or number.

    The model often runs a name on into the next proper noun ("Lisa attends St Mary's");
    the structured span is the better judge of where its own words start.
    """
    structured = sorted((s for s in spans if s.kind not in _GUESSED_KINDS), key=_by_start)
    starts = [s.start for s in structured]
    longest = max((s.end - s.start for s in structured), default=0)
    result: list[Span] = []
    for span in spans:
        trimmed: Span | None = span
        if span.kind in _GUESSED_KINDS:
            first = bisect_left(starts, span.start - longest)
            for other in structured[first : bisect_left(starts, span.end)]:
                if trimmed is None:
                    break
                if other.start < trimmed.end and trimmed.start < other.end:
                    trimmed = _cut(trimmed, other, text)
        if trimmed is not None:
            result.append(trimmed)
    return result


def _by_start(span: Span) -> int:
    return span.start


def _cut(span: Span, other: Span, text: str) -> Span | None:
    if other.covers(span.start, span.end):
        return span
    if span.start < other.start and span.end <= other.end:
        start, end = span.start, other.start
    elif other.start <= span.start and other.end < span.end:
        start, end = other.end, span.end
    else:
        return span
    words = list(_WORDS.finditer(text, start, end))
    while words and _loose(words[-1].group()):
        words.pop()
    while words and _loose(words[0].group()):
        words.pop(0)
    if not words:
        return None
    return Span(words[0].start(), words[-1].end(), span.kind, span.replacement)


def _loose(word: str) -> bool:
    return word[:1].islower() and is_common(word.strip(".,'\u2019"))


def _inside(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def _allow(span: Span, text: str, allowed: list[tuple[int, int]]) -> Span | None:
    """Drop a span inside an allowed term; trim allowed terms off the ends of a name."""
    # The allowed ranges come sorted and do not overlap: look only at those near the span.
    near: list[tuple[int, int]] = []
    for start, end in islice(allowed, max(0, bisect_right(allowed, (span.start, 0)) - 1), None):
        if start >= span.end:
            break
        if span.start < end:
            near.append((start, end))
    if not near:
        return span
    words = list(_WORDS.finditer(text, span.start, span.end))
    if all(_inside(w.start(), w.end(), near) for w in words):
        return None
    if span.kind not in _GUESSED_KINDS:
        return span
    while words and _inside(words[0].start(), words[0].end(), near):
        words.pop(0)
    while words and _inside(words[-1].start(), words[-1].end(), near):
        words.pop()
    if words[0].start() == span.start and words[-1].end() == span.end:
        return span
    return Span(words[0].start(), words[-1].end(), span.kind, span.replacement)
