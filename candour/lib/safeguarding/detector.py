"""detect(text): the assessment of one piece of feedback."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Protocol

from candour.lib.safeguarding import exemplars, learned
from candour.lib.safeguarding import patterns as data
from candour.lib.safeguarding.matcher import Hit, Matcher, Word, compile_pattern, words
from candour.lib.safeguarding.semantic import Nearest


class Category(StrEnum):
    ABUSE_PHYSICAL = "abuse_physical"
    ABUSE_SEXUAL = "abuse_sexual"
    NEGLECT = "neglect"
    SELF_HARM_SUICIDE = "self_harm_suicide"
    FEELING_UNSAFE_AT_HOME = "feeling_unsafe_at_home"
    RUNNING_AWAY_MISSING = "running_away_missing"
    EXPLOITATION_GROOMING = "exploitation_grooming"
    BULLYING_THREATS = "bullying_threats"
    DOMESTIC_ABUSE = "domestic_abuse"
    OTHER_HARM = "other_harm"
    # Added in issue 15, from the guidance the exemplar bank cites (exemplars.py).
    EMOTIONAL_ABUSE = "emotional_abuse"
    FORCED_MARRIAGE_HONOUR = "forced_marriage_honour"  # also FGM and honour-based abuse
    IMAGE_BASED_ABUSE = "image_based_abuse"
    SILENCED_COACHED = "silenced_coached"  # told to keep quiet, or what to say


class Layer(StrEnum):
    """Which of the two independent ways of finding a concern raised it."""

    PATTERNS = "patterns"  # the words matched a phrase pattern (patterns.py)
    SIMILARITY = "similarity"  # the text is near a known disclosure (exemplars.py)


class SecondLayer(Protocol):
    """A way of finding concern that does not depend on exact words (learned.py; the
    nearest-neighbour layer in semantic.py fits too, for comparison)."""

    def flag(self, text: str) -> Nearest | None: ...


class Urgency(StrEnum):
    NOW = "now"  # words suggest danger now or within the last day: telephone, do not wait
    PROMPT = "prompt"  # a concern: the duty team acts today
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Phrase:
    """A span of the original text that triggered a concern (or an urgency cue)."""

    start: int
    end: int
    text: str
    rules: tuple[str, ...]  # the patterns that matched here ("category/index")
    category: Category | None  # None for an urgency cue


@dataclass(frozen=True, slots=True)
class Assessment:
    concern: bool
    categories: tuple[Category, ...]
    matched: tuple[Phrase, ...]
    urgency: Urgency
    urgency_cues: tuple[Phrase, ...]
    patterns_version: str = data.VERSION
    # The similarity layer's reason, when it flagged the text (whether or not patterns did).
    similar: Nearest | None = None
    exemplars_version: str = exemplars.VERSION

    @property
    def layers(self) -> tuple[Layer, ...]:
        """The layers that raised the concern: patterns, similarity or both."""
        raised = []
        if self.matched:
            raised.append(Layer.PATTERNS)
        if self.similar is not None:
            raised.append(Layer.SIMILARITY)
        return tuple(raised)


class _Compiled:
    def __init__(self) -> None:
        concern = []
        for label, sources in data.PATTERNS.items():
            Category(label)  # an unknown category in the data fails here, at compile time
            for n, source in enumerate(sources):
                concern.append(compile_pattern(f"{label}/{n}", label, source, data.LEXICONS))
        self.concern = Matcher(concern)
        self.urgency = _matcher("now", data.URGENCY_NOW)
        self.urgency_state = _matcher("state", data.URGENCY_STATE)
        self.past = _matcher("past", data.PAST)
        suppressors = []
        for n, (source, labels) in enumerate(data.SUPPRESSORS):
            for label in labels:
                Category(label)
            suppressors.append(compile_pattern(f"suppress/{n}", "|".join(labels), source, {}))
        self.suppress = Matcher(suppressors)


def _matcher(label: str, sources: tuple[str, ...]) -> Matcher:
    return Matcher(
        [
            compile_pattern(f"{label}/{n}", label, source, data.LEXICONS)
            for n, source in enumerate(sources)
        ]
    )


@cache
def compiled() -> _Compiled:
    """The patterns, compiled once per process."""
    return _Compiled()


def _phrase(text: str, hit: Hit, category: Category | None) -> Phrase:
    return Phrase(hit.start, hit.end, text[hit.start : hit.end], (hit.pattern.rule,), category)


def _merge(text: str, category: Category, hits: list[tuple[int, int, str]]) -> list[Phrase]:
    """One phrase per run of overlapping hits of a category, so each region is shown once."""
    merged: list[Phrase] = []
    start, end, rules = -1, -1, []
    for hit_start, hit_end, rule in sorted(hits):
        if hit_start < end:
            end = max(end, hit_end)
            rules.append(rule)
            continue
        if rules:
            merged.append(Phrase(start, end, text[start:end], tuple(sorted(set(rules))), category))
        start, end, rules = hit_start, hit_end, [rule]
    merged.append(Phrase(start, end, text[start:end], tuple(sorted(set(rules))), category))
    return merged


def detect(text: str) -> Assessment:
    """Assess one text: is there a safeguarding concern, of what kinds, where, how urgent.

    A concern if either layer flags it: the phrase patterns or the similarity layer.
    """
    return assess(text, learned.default_layer())


def assess(text: str, layer: SecondLayer | None) -> Assessment:
    """As detect, with a given similarity layer, or the patterns alone (layer None)."""
    engine = compiled()
    tokens = words(text)
    suppressed = [
        (hit.start, hit.end, set(hit.pattern.label.split("|")))
        for hit in engine.suppress.find(tokens)
    ]
    matched = _pattern_phrases(engine, text, tokens, suppressed)
    similar = layer.flag(text) if layer is not None else None
    if similar is not None and any(
        start < similar.end and similar.start < end for start, end, _labels in suppressed
    ):
        # A listed idiom or reassurance ("killed myself laughing") in the very part the
        # learned layer flagged cancels it too: the list is a deliberate, reviewed trade.
        similar = None
    if not matched and similar is None:
        return Assessment(False, (), (), Urgency.NONE, ())
    found = {p.category for p in matched if p.category}
    if similar is not None and not found:
        # The learned layer's category is its nearest example's: a hint, used only when no
        # pattern named the harm in the text's own words.
        found.add(Category(similar.category))
    order = list(Category)
    categories = tuple(sorted(found, key=order.index))
    cues = [_phrase(text, hit, None) for hit in engine.urgency.find(tokens)]
    if cues or not engine.past.find(tokens):
        # A state cue ("bleeding", "took pills") is now unless the text puts it in the past.
        cues += [_phrase(text, hit, None) for hit in engine.urgency_state.find(tokens)]
    ordered = tuple(sorted(cues, key=lambda p: (p.start, p.end)))
    urgency = Urgency.NOW if ordered else Urgency.PROMPT
    return Assessment(True, categories, matched, urgency, ordered, similar=similar)


def _pattern_phrases(
    engine: _Compiled,
    text: str,
    tokens: list[Word],
    suppressed: list[tuple[int, int, set[str]]],
) -> tuple[Phrase, ...]:
    found: dict[Category, list[tuple[int, int, str]]] = {}
    for hit in engine.concern.find(tokens):
        if any(
            hit.pattern.label in labels and hit.start < end and start < hit.end
            for start, end, labels in suppressed
        ):
            continue
        found.setdefault(Category(hit.pattern.label), []).append(
            (hit.start, hit.end, hit.pattern.rule)
        )
    return tuple(
        sorted(
            (phrase for category, hits in found.items() for phrase in _merge(text, category, hits)),
            key=lambda p: (p.start, p.end, p.category or ""),
        )
    )
