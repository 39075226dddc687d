"""Display values for the learning team's feedback pages: the child's own words with what
de-identification found highlighted, and the de-identified answers."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from candour.voice.models import Feedback
from candour.voice.services import TEXT_FIELDS

FIELD_LABELS: dict[str, StrOrPromise] = {
    "what_was_good": _("What was good"),
    "what_would_be_better": _("What would make it better"),
    "idea": _("Their idea"),
}


@dataclass(frozen=True)
class Segment:
    text: str
    # What de-identification took it for (a person's name, a place...); None: kept.
    kind: str | None = None


@dataclass(frozen=True)
class HighlightedAnswer:
    name: str
    label: str
    segments: list[Segment]
    # What was found, in the order it appears: (kind, the words).
    found: list[tuple[str, str]]


def _spans(text: str, stored: object) -> list[tuple[int, int, str]]:
    """The stored [start, end, kind] spans that fit the text, in order, without overlaps."""
    spans = []
    for item in stored if isinstance(stored, list) else []:
        if not (isinstance(item, list | tuple) and len(item) == 3):
            continue
        start, end, kind = item
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            spans.append((start, end, str(kind)))
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def highlight(raw: dict[str, str], redactions: dict[str, object]) -> list[HighlightedAnswer]:
    """Each answer the child gave, in their own words, cut into kept and found pieces."""
    answers = []
    for name in TEXT_FIELDS:
        text = raw.get(name, "")
        if not text:
            continue
        segments: list[Segment] = []
        found: list[tuple[str, str]] = []
        cursor = 0
        for start, end, kind in _spans(text, redactions.get(name)):
            if start > cursor:
                segments.append(Segment(text[cursor:start]))
            label = kind.replace("_", " ")
            segments.append(Segment(text[start:end], label))
            found.append((label, text[start:end]))
            cursor = end
        if cursor < len(text):
            segments.append(Segment(text[cursor:]))
        answers.append(HighlightedAnswer(name, str(FIELD_LABELS[name]), segments, found))
    return answers


def deidentified(feedback: Feedback) -> list[tuple[str, str]]:
    """The de-identified answers that were given, with their labels."""
    return [
        (str(FIELD_LABELS[name]), getattr(feedback, name))
        for name in TEXT_FIELDS
        if getattr(feedback, name)
    ]


def excerpt(feedback: Feedback, length: int = 90) -> str:
    text = " ".join(feedback.text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
