"""Writing the de-identified text from a list of spans, detected or edited by an analyst."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from candour.lib.deid.detection import detect
from candour.lib.deid.placeholders import replacement_for
from candour.lib.deid.policy import DEFAULT_POLICY, Policy
from candour.lib.deid.spans import Span, merge_spans


@dataclass(frozen=True, slots=True)
class DeidResult:
    """The redacted text, and the spans (in the original text's coordinates) it came from."""

    text: str
    spans: tuple[Span, ...]


def redact(text: str, spans: Iterable[Span]) -> str:
    """``text`` with each span replaced; overlapping or touching spans are merged first.

    Spans may come from :func:`detect` or be an analyst's edit of them (some removed, some
    added with no replacement, which then gets its kind's default).
    """
    pieces: list[str] = []
    position = 0
    for span in merge_spans(spans, text):
        original = text[span.start : span.end]
        pieces.append(text[position : span.start])
        pieces.append(
            span.replacement
            if span.replacement is not None
            else replacement_for(span.kind, original)
        )
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces)


def deidentify(text: str, policy: Policy = DEFAULT_POLICY) -> DeidResult:
    spans = detect(text, policy)
    return DeidResult(redact(text, spans), tuple(spans))
