"""People's names: the NER model's guesses, corrected and extended by what the text shows.

The small English model misses lower-case names ("lisa") and many names from outside its
training data (Polish, Turkish, Italian), and tags some people as organisations. These
rules add what a reader would see: a title (Mrs Nowak), a relationship cue (mother Kasia,
the child, lisa,), a known given name, a surname after a given name, and every later
mention of a name already found.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from candour.lib.deid.ner import Entity
from candour.lib.deid.spans import Kind, Span
from candour.lib.deid.wordlists import (
    first_names,
    is_common,
    is_english,
    name_words,
    places,
    stop_words,
    surnames,
    words,
)

_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*(?:-[^\W\d_]+)*\.?")
_POSSESSIVE = re.compile(r"(?:['\u2019]s|s['\u2019])\.?$|\.$", re.IGNORECASE)
_BREAKS = frozenset(".!?:;\n\r•*>")

_TITLES = re.compile(
    r"\b(?:(?i:mr|mrs|ms|mx|dr|prof|rev|revd)|Miss|Master|Sir|Dame|Lady|Lord|Sgt|Cllr"
    r"|PC|DC|DS|DI|DCI|Insp|Father|Sister)\.?\s+(?:[A-Z]\.\s*)*"
)
_CUE_WORDS = (
    r"mother|mum|mom|mummy|mam|father|dad|daddy|parent|stepfather|stepmother|stepdad|stepmum"
    r"|brother|sister|sibling|son|daughter|child|baby|infant|toddler|grandmother|grandfather"
    r"|grandma|grandad|granddad|grandparent|nan|nana|nanna|gran|granny|aunt|auntie|aunty"
    r"|uncle|cousin|niece|nephew|partner|boyfriend|girlfriend|husband|wife|fianc[eé]e?|carer"
    r"|guardian|friend|neighbour|neighbor|lodger|young person|yp|teacher|headteacher"
    r"|head teacher|dsl|senco|social worker|sw|health visitor|hv|midwife|nurse|officer"
    r"|pcso|iro|manager|worker|practitioner|consultant|paediatrician|doctor|gp|solicitor"
    r"|advocate|interpreter|student|pupil|victim|perpetrator|man|woman|boy|girl|client"
    r"|resident|tenant|landlord|children|kids|twins?|named|called|known as|aka|a\.k\.a\."
    r"|name|full name|first name|surname|signed"
)
_CUE = re.compile(
    rf"\b(?:(?:birth|biological|maternal|paternal|step|half|foster|adoptive|ex|former|older"
    rf"|younger|elder|eldest|youngest|little|big|twin)[\s-]?)?(?:{_CUE_WORDS})s?"
    r"(?:\s*,\s*|\s*\(\s*|\s*:\s*|\s+)(?:(?:mr|mrs|ms|mx|miss|dr)\.?\s+)?(?=[^\W\d_])",
    re.IGNORECASE,
)
_ACTS = re.compile(
    r"(?:['\u2019]s\b|\s+(?:said|says|told|tells|rang|rings|called|phoned|texted|stated|reported"
    r"|disclosed|explained|asked|was|is|has|had|attended|attends|went|goes|came|comes|wants"
    r"|wanted|did|does|didn['\u2019]t|doesn['\u2019]t|isn['\u2019]t|wasn['\u2019]t|lives|lived|and|needs|became)\b)"
)
_PARTICLES = words(
    "van de da di del della von bin binti al el le la ben ibn der den du dos ten ter op af zu y"
)
MONTHS_AND_DAYS = words(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday
    friday saturday sunday
    """
)
# Words an organisation's name has and a person's does not.
_ORG_WORDS = words(
    """
    council services service police trust nhs ltd limited team unit department board
    partnership agency court school academy college nursery hospital centre center group
    association society foundation charity church university clinic surgery office
    authority ministry home
    """
)
_STRUCTURAL = words(
    """
    road street avenue lane close drive way court place crescent terrace gardens grove
    school academy college nursery hospital centre infirmary surgery clinic primary
    """
)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int  # without a possessive "'s" or a full stop
    text: str
    lower: str
    sentence_start: bool
    capitalised: bool
    shouting: bool


def tokenise(text: str) -> list[Token]:
    found: list[Token] = []
    for match in _TOKEN.finditer(text):
        word = _POSSESSIVE.sub("", match.group())
        if not word:
            continue
        start = match.start()
        opening = _opens_sentence(text, start)
        found.append(
            Token(
                start,
                start + len(word),
                word,
                word.lower(),
                opening,
                word[0].isupper(),
                len(word) > 1 and word.isupper(),
            )
        )
    return found


def _opens_sentence(text: str, position: int) -> bool:
    """Whether a capital at ``position`` says nothing (it starts a sentence, line or quote)."""
    index = position - 1
    while index >= 0 and text[index] in " \t\"'\u201c\u2018([":
        index -= 1
    if index < 0:
        return True
    if text[index] == "-":
        return index == 0 or text[index - 1].isspace()
    return text[index] in _BREAKS


class NameContext:
    """One text's tokens and the allow-list, with the tests the rules share."""

    def __init__(self, text: str, allowed: list[tuple[int, int]]) -> None:
        self.text = text
        self.tokens = tokenise(text)
        self.allowed = allowed
        self._allowed_starts = [start for start, _ in allowed]
        self.at: dict[int, int] = {token.start: index for index, token in enumerate(self.tokens)}
        self.starts = [token.start for token in self.tokens]

    def within(self, start: int, end: int) -> list[Token]:
        index = bisect_left(self.starts, start)
        inside: list[Token] = []
        while index < len(self.tokens) and self.tokens[index].end <= end:
            inside.append(self.tokens[index])
            index += 1
        return inside

    def token_at(self, position: int) -> int | None:
        return self.at.get(position)

    def blocked(self, token: Token) -> bool:
        """Whether the token is part of an allowed term."""
        index = bisect_right(self._allowed_starts, token.start) - 1
        return index >= 0 and token.end <= self.allowed[index][1]

    def cued_name(self, token: Token) -> bool:
        """After a title or a cue word, is this token a name?"""
        if self.blocked(token) or token.lower in _STRUCTURAL or _is_title(token):
            return False
        if len(token.text) < 2:
            return False
        if token.capitalised:
            return token.lower not in MONTHS_AND_DAYS or not token.sentence_start
        # After "mum" or "the child," a known given name is a name even when it is also a
        # noun ("mum jade"), but not when it is a verb or function word ("nurse said").
        if token.lower in first_names():
            return not is_common(token.text) or token.lower in name_words()
        known = token.lower in surnames()
        return (known and not is_common(token.text)) or not is_english(token.text)

    def known_name(self, token: Token) -> bool:
        """Without a cue, is this a given name we know, used as one?"""
        if token.lower not in first_names() or self.blocked(token):
            return False
        if token.lower in MONTHS_AND_DAYS:
            return False
        if token.shouting:
            return len(token.text) > 2 and not is_english(token.text)
        if token.capitalised:
            if is_common(token.text):
                # A name that is also a word needs more than a capital: a noun-like name
                # mid-sentence ("told Grace"), a person's verb after it ("Poppy rang",
                # "Will said") or a surname ("Made Wirawan"); "Made me feel" is no name.
                if token.lower in name_words() and not token.sentence_start:
                    return True
                return self.acts(token) or self.surname_follows(token)
            return True
        return not is_common(token.text)

    def surname_follows(self, token: Token) -> bool:
        index = self.at.get(token.start)
        if index is None or index + 1 >= len(self.tokens):
            return False
        following = self.tokens[index + 1]
        return following.capitalised and self.surname_after(token, following)

    def acts(self, token: Token) -> bool:
        """Whether a person's verb ("said", "rang", "'s") follows the token."""
        return _ACTS.match(self.text, token.end) is not None

    def unknown_actor(self, token: Token) -> bool:
        """A capitalised word that is no English word, doing what people do: "Bartosz rang"."""
        return (
            len(token.text) > 1
            and token.capitalised
            and not token.shouting
            and not self.blocked(token)
            and token.lower not in MONTHS_AND_DAYS
            and not is_english(token.text)
            and self.acts(token)
        )

    def known_surname(self, token: Token) -> bool:
        return (
            token.capitalised
            and not token.shouting
            and not token.sentence_start
            and token.lower in surnames()
            and token.text not in places()
            and not self.blocked(token)
            and not is_english(token.text)
        )

    def surname_after(self, previous: Token, token: Token, gap_checked: bool = False) -> bool:
        if not gap_checked and self.text[previous.end : token.start] != " ":
            return False
        if self.blocked(token) or token.lower in _STRUCTURAL or token.lower in MONTHS_AND_DAYS:
            return False
        if token.capitalised:
            return not is_common(token.text) or token.lower in surnames()
        known = token.lower in surnames() or token.lower in first_names()
        return not is_english(token.text) or (known and not is_common(token.text))


def _extend(context: NameContext, index: int) -> Span:
    """A name starting at token ``index``, run on over surnames and particles."""
    tokens = context.tokens
    last = index
    for _ in range(3):
        following = last + 1
        if following >= len(tokens):
            break
        token = tokens[following]
        if _initial_then_surname(context, tokens[last], following):
            last = following + 1
            continue
        if token.lower in _PARTICLES and following + 1 < len(tokens):
            after = tokens[following + 1]
            if after.capitalised and context.surname_after(token, after):
                last = following + 1
                continue
        if context.surname_after(tokens[last], token):
            last = following
        else:
            break
    return Span(tokens[index].start, tokens[last].end, Kind.PERSON)


def _initial_then_surname(context: NameContext, previous: Token, index: int) -> bool:
    """ "Faina D. Yefremova": a middle initial and the surname after it."""
    tokens = context.tokens
    if index + 1 >= len(tokens):
        return False
    initial, surname = tokens[index], tokens[index + 1]
    if len(initial.text) != 1 or not initial.capitalised:
        return False
    if context.text[previous.end : initial.start] != " ":
        return False
    if context.text[initial.end : surname.start] not in {" ", ". ", "."}:
        return False
    return surname.capitalised and context.surname_after(surname, surname, gap_checked=True)


def _titled(context: NameContext) -> Iterable[Span]:
    for match in _TITLES.finditer(context.text):
        index = context.token_at(match.end())
        if index is not None and context.cued_name(context.tokens[index]):
            yield _extend(context, index)


def _cued(context: NameContext) -> Iterable[Span]:
    for match in _CUE.finditer(context.text):
        index = context.token_at(match.end())
        if index is None:
            continue
        if context.cued_name(context.tokens[index]):
            yield _extend(context, index)


def _gazetteer(context: NameContext) -> Iterable[Span]:
    for index, token in enumerate(context.tokens):
        if context.known_name(token) or context.unknown_actor(token):
            yield _extend(context, index)
        elif context.known_surname(token):
            yield Span(token.start, token.end, Kind.PERSON)


_AND = re.compile(r"(?:\s*,\s*|\s+(?:and|&|or)\s+)")


def _coordinated(context: NameContext, spans: Iterable[Span]) -> Iterable[Span]:
    """ "mum kasia and tomasz": a known given name listed with a name already found."""
    for span in spans:
        joint = _AND.match(context.text, span.end)
        index = context.token_at(joint.end()) if joint else None
        if index is None:
            continue
        token = context.tokens[index]
        if (
            token.lower in first_names()
            and not context.blocked(token)
            and token.lower not in stop_words()
            and token.lower not in MONTHS_AND_DAYS
        ):
            yield _extend(context, index)


def _from_entities(context: NameContext, entities: Iterable[Entity]) -> Iterable[Span]:
    for entity in entities:
        if entity.label not in {"PERSON", "ORG"}:
            continue
        inside = context.within(entity.start, entity.end)
        # The model runs names on over verbs ("Lisa attends St Mary's"): split there.
        for run in _runs(context, inside):
            if entity.label == "PERSON":
                # Everyday words the model took for a name ("I", "I've", "Clearer").
                if all(is_common(t.text) and not _could_be_name(t) for t in run):
                    continue
                # Acronyms ("ID", "CSE") are tagged as people now and then; names rarely are.
                if all(
                    t.shouting and len(t.text) <= 4 and t.lower not in first_names() for t in run
                ):
                    continue
                # Nor is a sentence's opening word ("Older sibling", "Referral received").
                if run[0].sentence_start and all(_word_not_name(t) for t in run):
                    continue
            elif not _person_like(context, inside, run):
                continue
            yield Span(run[0].start, run[-1].end, Kind.PERSON)


def _person_like(context: NameContext, entity: list[Token], run: list[Token]) -> bool:
    """Whether an "organisation" the model found reads as a person's name.

    The small model tags many people, above all those with names from outside its training
    data, as organisations. Agencies have generic words ("Council", "Trust") or acronyms.
    """
    if len(run) > 3 or any(t.lower in _ORG_WORDS for t in entity):
        return False
    if not all(t.capitalised and not t.shouting for t in run):
        return False
    return any(
        context.known_name(t) or t.lower in surnames() or not is_english(t.text) for t in run
    )


def _runs(context: NameContext, tokens: list[Token]) -> Iterable[list[Token]]:
    run: list[Token] = []
    for token in [*tokens, None]:
        if token is None or _plain_word(token) or context.blocked(token) or _is_title(token):
            if run:
                yield run
            run = []
        else:
            run.append(token)


def _is_title(token: Token) -> bool:
    return _TITLES.fullmatch(token.text + " ") is not None or token.lower in {"st", "saint"}


def _could_be_name(token: Token) -> bool:
    known = token.lower in first_names() or token.lower in surnames()
    return known and token.lower not in stop_words() and len(token.text) > 1


def _word_not_name(token: Token) -> bool:
    return (
        is_english(token.text)
        and token.lower not in first_names()
        and (token.lower not in surnames() or is_common(token.text))
    )


def _plain_word(token: Token) -> bool:
    return not token.capitalised and is_common(token.text)


def _propagate(context: NameContext, spans: Iterable[Span]) -> Iterable[Span]:
    """Every other mention of a word already found in a name."""
    seen: set[str] = set()
    for span in set(spans):
        for token in context.within(span.start, span.end):
            if len(token.text) < 2 or context.blocked(token) or token.lower in _PARTICLES:
                continue
            if _is_title(token) or _plain_word(token) or _word_not_name(token):
                continue
            seen.add(token.text if is_common(token.text) else token.lower)
    for token in context.tokens:
        if token.text in seen or (token.lower in seen and not is_common(token.text)):
            yield Span(token.start, token.end, Kind.PERSON)


def rule_names(context: NameContext) -> list[Span]:
    """Names the rules find without the model: titles, cues and known given names."""
    return [*_titled(context), *_cued(context), *_gazetteer(context)]


def find_names(
    context: NameContext, entities: Iterable[Entity], found: Iterable[Span] = ()
) -> list[Span]:
    """Names from the model's entities, plus every mention of any name found so far."""
    spans = [*found, *_from_entities(context, entities)]
    spans.extend(_coordinated(context, spans))
    spans.extend(_propagate(context, spans))
    return list(set(spans))
