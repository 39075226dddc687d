"""detect(text): the assessment of one piece of feedback."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from candour.safeguarding import patterns as data
from candour.safeguarding.matcher import Hit, Matcher, compile_pattern, words


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


class _Compiled:
    def __init__(self) -> None:
        concern = []
        for label, sources in data.PATTERNS.items():
            Category(label)  # an unknown category in the data fails here, at compile time
            for n, source in enumerate(sources):
                concern.append(compile_pattern(f"{label}/{n}", label, source, data.LEXICONS))
        self.concern = Matcher(concern)
        self.urgency = Matcher(
            [
                compile_pattern(f"now/{n}", "now", source, data.LEXICONS)
                for n, source in enumerate(data.URGENCY_NOW)
            ]
        )
        suppressors = []
        for n, (source, labels) in enumerate(data.SUPPRESSORS):
            for label in labels:
                Category(label)
            suppressors.append(compile_pattern(f"suppress/{n}", "|".join(labels), source, {}))
        self.suppress = Matcher(suppressors)


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
    """Assess one text: is there a safeguarding concern, of what kinds, where, how urgent."""
    engine = compiled()
    tokens = words(text)
    suppressed = [
        (hit.start, hit.end, set(hit.pattern.label.split("|")))
        for hit in engine.suppress.find(tokens)
    ]
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
    matched = tuple(
        sorted(
            (phrase for category, hits in found.items() for phrase in _merge(text, category, hits)),
            key=lambda p: (p.start, p.end, p.category or ""),
        )
    )
    if not matched:
        return Assessment(False, (), (), Urgency.NONE, ())
    order = list(Category)
    categories = tuple(sorted({p.category for p in matched if p.category}, key=order.index))
    cues = tuple(_phrase(text, hit, None) for hit in engine.urgency.find(tokens))
    urgency = Urgency.NOW if cues else Urgency.PROMPT
    return Assessment(True, categories, matched, urgency, cues)
