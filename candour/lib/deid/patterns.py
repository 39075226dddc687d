"""Regular-expression detectors for identifiers with a shape: numbers, codes, contacts, ages.

Detectors run in a fixed order and a later one never takes characters an earlier one has
claimed, so "17.06.2015" stays a date and never becomes a phone number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from candour.lib import nhs_number
from candour.lib.deid.dates import find_dates, find_times
from candour.lib.deid.policy import Policy
from candour.lib.deid.safe_patterns import is_safe
from candour.lib.deid.spans import Kind, Span

EMAIL = re.compile(
    r"(?<![\w.+'-])[A-Za-z0-9](?:[A-Za-z0-9._%+'-]*[A-Za-z0-9_])?"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,24}\b"
)
POSTCODE = re.compile(
    r"\b(?:GIR|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\s?(?P<inward>\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)
_ORDINAL_INWARD = re.compile(r"\d(?:st|nd|rd|th)")

_NHS_SHAPE = re.compile(r"(?<![\w\-/.])\d{3}(?P<sep>[ \-]?)\d{3}(?P=sep)\d{4}(?![\w\-/]|\.\d)")
_NHS_CUE = re.compile(r"\bNHS\b[^.\n\d]{0,25}$", re.IGNORECASE)

# Prefixes the DWP never issues are excluded; the suffix letter is optional after a cue.
_NI_SHAPE = re.compile(
    r"\b(?!(?:BG|GB|NK|KN|TN|NT|ZZ))[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"[ \-]?\d{2}[ \-]?\d{2}[ \-]?\d{2}(?:[ \-]?(?P<suffix>[A-D]))?\b",
    re.IGNORECASE,
)
_NI_CUED = re.compile(
    r"\b(?:NI|NINO|N\.I\.|national\s+insurance)\b[^.\n\d]{0,25}?"
    r"(?P<number>\b[A-Z]{2}[ \-]?\d{2}[ \-]?\d{2}[ \-]?\d{2}(?:[ \-]?[A-D])?\b)",
    re.IGNORECASE,
)

_PHONE = re.compile(
    r"(?<![\w/+.\-])(?P<intl>(?:\+|00)\s?\d{1,3}[\s.\-]?(?:\(0\)\s?)?)?"
    r"(?:\(\d{2,6}\)[\s.\-]?)?\d{1,11}(?:[ .\-]\d{1,8}){0,5}(?:\s?(?:x|ext\.?)\s?\d{1,5})?"
    r"(?![\w/]|-\d|\.\d)",
    re.IGNORECASE,
)
_US_PHONE = re.compile(r"\(?\d{3}\)?[\s.\-]?\d{3}[\s.\-]?\d{4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?")
_PHONE_TAIL = re.compile(r"[ .\-]\d{1,8}$")

_CASE_CUE = re.compile(
    r"\b(?:case|ref|reference|referral|client|person|file|record|mosaic|lcs|eclipse"
    r"|liquidlogic|carefirst|ehm|crime|incident|occurrence|log|upn|uln|crn|urn|id)"
    r"(?:\s+(?:ref(?:erence)?|id|no|number|num|record|log))?\.?"
    r"(?:\s*[:#]\s*|\s+(?:(?:no\b\.?|number|id|is)\s*[:#]?\s*)?)"
    r"(?P<ref>[A-Z]{0,6}[\-/]?\d[\dA-Z]*(?:[\-/][\dA-Z]+)*)",
    re.IGNORECASE,
)
_CASE_SHAPES = (
    re.compile(r"\b[A-Z]{2,6}[\-/](?:[A-Z]{1,6}[\-/])?\d{2,}(?:[\-/][A-Z\d]+)*\b"),
    re.compile(r"\b[A-Z]{1,4}\d{5,13}\b"),
    re.compile(r"(?<![\d/.\-])\d{2,6}/\d{2,7}(?:/\d{2,4})?(?![\d/]|\.\d)"),
)
_BARE_DIGITS = re.compile(r"(?<![\w£$€.,/:\-])\d{6,13}(?![\w/:\-]|[.,]\d)")
_YEAR_ONLY = re.compile(r"(?:19|20)\d{2}")

_NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety)(?:[\s\-](?:one|two|three|four|five|six|seven|eight|nine))?"
)
_AGE_NUMBER = rf"(?:\d{{1,3}}|{_NUMBER_WORDS})(?:\s+and\s+a\s+half|\u00bd)?"
_AGE_UNIT = r"(?:years?|yrs?|months?|mths?|weeks?|wks?|days?)"
_AGES = (
    re.compile(
        rf"\b(?:aged|age|ages)\s*(?:[:\-]\s*)?(?:about\s+|around\s+|approximately\s+)?"
        rf"{_AGE_NUMBER}(?:\s*{_AGE_UNIT})?(?:\s*old)?\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\b{_AGE_NUMBER}[\s\-]*{_AGE_UNIT}[\s\-]*old\b", re.IGNORECASE),
    re.compile(r"\b\d{1,3}\s?(?:yo|y/o|y\.o\.?)(?!\w)", re.IGNORECASE),
    re.compile(
        rf"\b(?:turned|turns|turn|turning|will\s+be|is\s+now)\s+{_AGE_NUMBER}"
        rf"(?:\s*{_AGE_UNIT}(?:\s*old)?)?(?=\s*(?:[.,;!?)]|years|yrs|and|next|in|on|$))",
        re.IGNORECASE,
    ),
    # "Lisa (7)" - an age in brackets right after a word
    re.compile(
        r"(?:(?<=[^\W\d_] )|(?<=[^\W\d_], ))\(\d{1,2}(?:\s?(?:yrs?|years?|y|m|months?))?\)",
        re.IGNORECASE,
    ),
)


def _nhs_numbers(text: str) -> Iterator[Span]:
    for match in _NHS_SHAPE.finditer(text):
        cue = _NHS_CUE.search(text, max(0, match.start() - 30), match.start())
        if nhs_number.is_valid(match.group()) or cue:
            yield Span(match.start(), match.end(), Kind.NHS_NUMBER)


def _ni_numbers(text: str) -> Iterator[Span]:
    for match in _NI_SHAPE.finditer(text):
        if match["suffix"]:
            yield Span(match.start(), match.end(), Kind.NI_NUMBER)
    # After a cue, any two letters will do: a mistyped or made-up number still identifies.
    for match in _NI_CUED.finditer(text):
        yield Span(match.start("number"), match.end("number"), Kind.NI_NUMBER)


def _postcodes(text: str) -> Iterator[Span]:
    for match in POSTCODE.finditer(text):
        if _ORDINAL_INWARD.fullmatch(match["inward"]):
            continue
        yield Span(match.start(), match.end(), Kind.POSTCODE)


def _is_phone(candidate: str, international: bool) -> bool:
    digits = sum(char.isdigit() for char in candidate)
    core = re.sub(r"\s?(?:x|ext\.?)\s?\d{1,5}$", "", candidate, flags=re.IGNORECASE)
    core_digits = sum(char.isdigit() for char in core)
    if international:
        return 8 <= digits <= 16
    if core.startswith(("0", "(0")):
        return 10 <= core_digits <= 11
    if _US_PHONE.fullmatch(candidate):
        return True
    groups = re.split(r"[\s.\-()]+", core.strip("()"))
    separated = len(groups) >= 2 and all(len(group) >= 2 for group in groups)
    if separated and _YEAR_ONLY.fullmatch(groups[0]) and len(groups) == 2:
        return False
    return separated and 7 <= core_digits <= 12


def _phones(text: str) -> Iterator[Span]:
    for match in _PHONE.finditer(text):
        candidate = match.group()
        # A greedy match may run on into a following number; shed trailing groups.
        while candidate:
            if _is_phone(candidate, bool(match["intl"])):
                yield Span(match.start(), match.start() + len(candidate), Kind.PHONE)
                break
            shorter = _PHONE_TAIL.sub("", candidate)
            if shorter == candidate:
                break
            candidate = shorter


def _reference_like(value: str, fewest: int = 4) -> bool:
    digits = sum(char.isdigit() for char in value)
    return digits >= fewest and not _YEAR_ONLY.fullmatch(value)


def _policy_references(policy: Policy) -> Callable[[str], Iterator[Span]]:
    def find(text: str) -> Iterator[Span]:
        for pattern in policy.compiled_case_patterns():
            # A pattern saved before the safe-subset check existed is skipped, never run.
            if not is_safe(pattern.pattern):
                continue
            for match in pattern.finditer(text):
                group = "ref" if "ref" in pattern.groupindex else 0
                start, end = match.span(group)
                if end > start:
                    yield Span(start, end, Kind.CASE_REFERENCE)

    return find


def _cued_references(text: str) -> Iterator[Span]:
    for match in _CASE_CUE.finditer(text):
        ref = match["ref"].rstrip("-/")
        if _reference_like(ref):
            start = match.start("ref")
            yield Span(start, start + len(ref), Kind.CASE_REFERENCE)


def _shaped_references(text: str) -> Iterator[Span]:
    for pattern in _CASE_SHAPES:
        # Digits either side of a slash are also scores and ratios ("10/10"): ask for more.
        fewest = 6 if pattern is _CASE_SHAPES[2] else 4
        for match in pattern.finditer(text):
            if _reference_like(match.group(), fewest):
                yield Span(match.start(), match.end(), Kind.CASE_REFERENCE)


def _bare_numbers(text: str) -> Iterator[Span]:
    for match in _BARE_DIGITS.finditer(text):
        yield Span(match.start(), match.end(), Kind.CASE_REFERENCE)


def _emails(text: str) -> Iterator[Span]:
    for match in EMAIL.finditer(text):
        yield Span(match.start(), match.end(), Kind.EMAIL)


def _ages(text: str) -> Iterator[Span]:
    for pattern in _AGES:
        for match in pattern.finditer(text):
            yield Span(match.start(), match.end(), Kind.AGE)


def find_identifiers(text: str, policy: Policy) -> list[Span]:
    """Every shaped identifier in ``text``, claimed in order of how specific the shape is."""
    detectors: tuple[Callable[[str], Iterator[Span]], ...] = (
        _policy_references(policy),
        _emails,
        lambda t: iter(find_dates(t)),
        lambda t: iter(find_times(t)),
        _nhs_numbers,
        _ni_numbers,
        _cued_references,
        _shaped_references,
        _postcodes,
        _phones,
        _bare_numbers,
        _ages,
    )
    claimed: list[Span] = []
    for detector in detectors:
        found = [s for s in detector(text) if not any(s.overlaps(c) for c in claimed)]
        claimed.extend(_longest_first(found))
    return claimed


def _longest_first(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        if not any(span.overlaps(other) for other in kept):
            kept.append(span)
    return kept
