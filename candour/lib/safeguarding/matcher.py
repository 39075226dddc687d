"""Word-sequence patterns compiled once and matched in time linear in the text.

No regular expression ever sees the text apart from the one that splits it into words
(`[^\\W_]+` runs, which cannot backtrack). A pattern is a short list of slots; from each
start word the matcher tries at most MAX_PATHS ways through it, a bound checked when the
pattern is compiled, so a text of n words costs at most n x patterns-starting-there x
MAX_PATHS slot tests, whatever the text holds.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

MAX_GAP = 4
MAX_PATHS = 64

_WORD = re.compile("[^\\W_]+(?:['\u2019`][^\\W_]+)*")
_APOSTROPHES = str.maketrans("", "", "'\u2019`")
_RUN_OF_THREE = re.compile(r"(.)\1{2,}")


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    forms: tuple[str, ...]


def words(text: str) -> list[Word]:
    """Split text into words with their offsets and normalised spellings.

    Each word is lower-cased without apostrophes ("I'm" -> "im"); a letter repeated three
    or more times is also tried as two and as one ("scaaared" -> "scaared", "scared").
    """
    found = []
    for match in _WORD.finditer(text):
        base = match.group().lower().translate(_APOSTROPHES)
        forms = [base]
        if _RUN_OF_THREE.search(base):
            forms.append(_RUN_OF_THREE.sub(r"\1\1", base))
            forms.append(_RUN_OF_THREE.sub(r"\1", base))
        found.append(Word(match.start(), match.end(), tuple(forms)))
    return found


class SlotKind(Enum):
    WORD = "word"
    GAP = "gap"
    NOT = "not"


@dataclass(frozen=True, slots=True)
class Slot:
    kind: SlotKind
    exact: frozenset[str] = frozenset()
    prefixes: tuple[tuple[int, frozenset[str]], ...] = ()
    optional: bool = False
    gap: int = 0

    def accepts(self, word: Word) -> bool:
        for form in word.forms:
            if form in self.exact:
                return True
            for length, heads in self.prefixes:
                if len(form) >= length and form[:length] in heads:
                    return True
        return False


@dataclass(frozen=True, slots=True)
class Pattern:
    rule: str  # "category/index", stable within a patterns VERSION
    label: str
    source: str
    slots: tuple[Slot, ...]


class PatternError(ValueError):
    """A pattern that would be ambiguous, unbounded or refer to an unknown lexicon."""


def _alternatives(spec: str, lexicons: Mapping[str, str], seen: tuple[str, ...] = ()) -> list[str]:
    out: list[str] = []
    for item in spec.split("|"):
        if item.startswith("@"):
            name = item[1:]
            if name not in lexicons:
                raise PatternError(f"unknown lexicon @{name}")
            if name in seen:
                raise PatternError(f"lexicon @{name} refers to itself")
            out.extend(_alternatives(lexicons[name], lexicons, (*seen, name)))
        elif item:
            out.append(item)
    return out


def _slot(token: str, lexicons: Mapping[str, str]) -> Slot:
    if token.startswith("~"):
        size = int(token[1:])
        if not 1 <= size <= MAX_GAP:
            raise PatternError(f"gap {token} outside 1..{MAX_GAP}")
        return Slot(SlotKind.GAP, gap=size)
    kind = SlotKind.WORD
    if token.startswith("!"):
        kind, token = SlotKind.NOT, token[1:]
    optional = token.endswith("?")
    token = token.rstrip("?")
    exact: set[str] = set()
    heads: dict[int, set[str]] = defaultdict(set)
    for alternative in _alternatives(token, lexicons):
        if alternative != alternative.lower() or not alternative.replace("*", "").isalnum():
            raise PatternError(f"{alternative!r}: write words lower case, letters and digits")
        if alternative.endswith("*"):
            head = alternative[:-1]
            if len(head) < 3:
                raise PatternError(f"prefix {alternative!r} is too short to be safe")
            heads[len(head)].add(head)
        else:
            exact.add(alternative)
    prefixes = tuple(sorted((n, frozenset(h)) for n, h in heads.items()))
    return Slot(kind, frozenset(exact), prefixes, optional)


def _paths(slots: Sequence[Slot]) -> int:
    total = 1
    for slot in slots:
        total *= slot.gap + 1 if slot.kind is SlotKind.GAP else 2 if slot.optional else 1
    return total


def compile_pattern(rule: str, label: str, source: str, lexicons: Mapping[str, str]) -> Pattern:
    """Compile one pattern string, refusing any that is unbounded or starts loosely."""
    slots = tuple(_slot(token, lexicons) for token in source.split())
    if not slots or slots[0].kind is not SlotKind.WORD or slots[0].optional:
        raise PatternError(f"{source!r}: must start with a required word")
    body = [slot for slot in slots if slot.kind is not SlotKind.NOT]
    if body[-1].kind is not SlotKind.WORD or body[-1].optional:
        # A trailing gap or optional word would stretch the span over words that matched nothing.
        raise PatternError(f"{source!r}: must end with a required word")
    if _paths(slots) > MAX_PATHS:
        raise PatternError(f"{source!r}: more than {MAX_PATHS} paths from one start")
    return Pattern(rule, label, source, slots)


def _walk(slots: tuple[Slot, ...], k: int, pos: int, text: Sequence[Word]) -> int | None:
    """The index after the last word consumed, or None; bounded by MAX_PATHS."""
    if k == len(slots):
        return pos
    slot = slots[k]
    if slot.kind is SlotKind.GAP:
        for skip in range(min(slot.gap, len(text) - pos) + 1):
            end = _walk(slots, k + 1, pos + skip, text)
            if end is not None:
                return end
        return None
    if slot.kind is SlotKind.NOT:
        if pos < len(text) and slot.accepts(text[pos]):
            return None
        return _walk(slots, k + 1, pos, text)
    if pos < len(text) and slot.accepts(text[pos]):
        end = _walk(slots, k + 1, pos + 1, text)
        if end is not None:
            return end
    return _walk(slots, k + 1, pos, text) if slot.optional else None


@dataclass(frozen=True, slots=True)
class Hit:
    pattern: Pattern
    start: int  # character offsets into the text
    end: int


class Matcher:
    """A set of patterns indexed by their first slot."""

    def __init__(self, patterns: Sequence[Pattern]) -> None:
        self.patterns = tuple(patterns)
        self._by_word: dict[str, list[Pattern]] = defaultdict(list)
        self._by_prefix: dict[int, dict[str, list[Pattern]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for pattern in self.patterns:
            first = pattern.slots[0]
            for word in first.exact:
                self._by_word[word].append(pattern)
            for length, heads in first.prefixes:
                for head in heads:
                    self._by_prefix[length][head].append(pattern)

    def _candidates(self, word: Word) -> list[Pattern]:
        found: dict[int, Pattern] = {}
        for form in word.forms:
            for pattern in self._by_word.get(form, ()):
                found[id(pattern)] = pattern
            for length, table in self._by_prefix.items():
                for pattern in table.get(form[:length], ()) if len(form) >= length else ():
                    found[id(pattern)] = pattern
        return list(found.values())

    def find(self, text: Sequence[Word]) -> list[Hit]:
        """Every pattern's match from every start word, in text order."""
        hits = []
        for i, word in enumerate(text):
            for pattern in self._candidates(word):
                end = _walk(pattern.slots, 1, i + 1, text)
                if end is not None:
                    hits.append(Hit(pattern, word.start, text[end - 1].end))
        return hits
