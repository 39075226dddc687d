"""What a detection is: a character range of the original text, its kind and its stand-in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum


class Kind(StrEnum):
    PERSON = "person"
    ADDRESS = "address"
    POSTCODE = "postcode"
    PHONE = "phone"
    EMAIL = "email"
    DATE_OF_BIRTH = "date_of_birth"
    DATE = "date"
    TIME = "time"
    AGE = "age"
    NHS_NUMBER = "nhs_number"
    NI_NUMBER = "ni_number"
    CASE_REFERENCE = "case_reference"
    SCHOOL_OR_SETTING = "school_or_setting"
    PLACE = "place"


# When spans overlap, the merged span takes the kind listed first. Kinds that remove text
# rank above those that only generalise it, so a merge never lets an identifier through.
PRIORITY: tuple[Kind, ...] = (
    Kind.DATE_OF_BIRTH,
    Kind.EMAIL,
    Kind.NHS_NUMBER,
    Kind.NI_NUMBER,
    Kind.ADDRESS,
    Kind.POSTCODE,
    Kind.PHONE,
    Kind.CASE_REFERENCE,
    Kind.SCHOOL_OR_SETTING,
    Kind.PERSON,
    Kind.AGE,
    Kind.PLACE,
    Kind.DATE,
    Kind.TIME,
)
RANK: dict[Kind, int] = {kind: rank for rank, kind in enumerate(PRIORITY)}

# Dates and times are generalised, not removed.
GENERALISED: frozenset[Kind] = frozenset({Kind.DATE, Kind.TIME})

_ADDRESS_PARTS = frozenset({Kind.ADDRESS, Kind.POSTCODE, Kind.PLACE})
_JOINS_ADDRESS = re.compile(r"[\s,]*")
_JOINS_NAME = re.compile(r"[ \t]*")


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start`` to ``end`` (exclusive) of the original text.

    ``replacement`` is what :func:`candour.lib.deid.redact` writes instead; ``None`` means the
    default for the kind, so an analyst's added span needs only start, end and kind.
    """

    start: int
    end: int
    kind: Kind
    replacement: str | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span range {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def covers(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "kind": self.kind.value,
            "replacement": self.replacement,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Span:
        start, end, replacement = data["start"], data["end"], data.get("replacement")
        if not isinstance(start, int) or not isinstance(end, int):
            raise ValueError("start and end must be integers")
        if replacement is not None and not isinstance(replacement, str):
            raise ValueError("replacement must be a string or null")
        return cls(start, end, Kind(str(data["kind"])), replacement)


def _joinable(left: Span, right: Span, text: str) -> bool:
    """Neighbours that read as one item: a first name and surname, a street and postcode."""
    if left.overlaps(right):
        return True
    gap = text[left.end : right.start]
    if left.kind is Kind.PERSON and right.kind is Kind.PERSON:
        if gap in {". ", "."} and _ends_with_initial(text, left):
            return True
        return _JOINS_NAME.fullmatch(gap) is not None
    kinds = {left.kind, right.kind}
    if Kind.ADDRESS in kinds and kinds <= _ADDRESS_PARTS:
        return len(gap) <= 3 and _JOINS_ADDRESS.fullmatch(gap) is not None
    return False


def _ends_with_initial(text: str, span: Span) -> bool:
    """Whether a name ends in a single capital, as "Faina D" in "Faina D. Yefremova"."""
    tail = text[max(span.start, span.end - 2) : span.end]
    return tail[-1].isupper() and (len(tail) == 1 or tail[0].isspace())


def merge_spans(spans: Iterable[Span], text: str) -> list[Span]:
    """Sort spans and fold overlapping or joinable neighbours into single spans.

    A merged span takes the highest-priority kind among its parts. Its replacement is kept
    only when one part already covered the whole merged range (an analyst's custom text
    survives); otherwise it is reset to the default for the kind.
    """
    merged = _merge_once(spans, text)
    # A fold can change a span's kind (an address absorbing an age), which can make it
    # joinable with a neighbour it was not joinable with before: repeat until nothing
    # changes, so that merging merged spans changes nothing.
    while True:
        again = _merge_once(merged, text)
        if again == merged:
            return merged
        merged = again


def _merge_once(spans: Iterable[Span], text: str) -> list[Span]:
    ordered = sorted(spans, key=lambda s: (s.start, -s.end, RANK[s.kind]))
    for span in ordered:
        if span.end > len(text):
            raise ValueError(f"span {span.start}..{span.end} is outside a text of {len(text)}")
    merged: list[Span] = []
    group: list[Span] = []
    hull: Span | None = None
    for span in ordered:
        if hull is not None and not _joinable(hull, span, text):
            merged.append(_fold(group, hull))
            group, hull = [], None
        group.append(span)
        hull = _widen(hull, span)
    if hull is not None:
        merged.append(_fold(group, hull))
    return merged


def _widen(hull: Span | None, span: Span) -> Span:
    if hull is None:
        return Span(span.start, span.end, span.kind)
    kind = hull.kind if RANK[hull.kind] <= RANK[span.kind] else span.kind
    return Span(min(hull.start, span.start), max(hull.end, span.end), kind)


def _fold(group: list[Span], hull: Span) -> Span:
    for span in group:
        if span.kind is hull.kind and span.covers(hull.start, hull.end):
            return replace(hull, replacement=span.replacement)
    return hull
