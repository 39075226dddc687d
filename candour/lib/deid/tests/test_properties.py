"""Properties of detection and redaction that must hold for any text, checked with hypothesis.

Most examples run with the rules only (``use_ner=False``); a few run the spaCy model too.
"""

from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candour.lib.deid import Policy, deidentify, detect, merge_spans, redact
from candour.lib.deid.placeholders import replacement_for
from candour.lib.deid.spans import GENERALISED, Kind, Span

RULES_ONLY = Policy(use_ner=False)
FAST = settings(max_examples=200, deadline=None)
WITH_MODEL = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Filler without digits or "@", so an identifier below can only come from what was inserted.
filler = st.text(alphabet="abcdefghijklmnopqrstuvwxyz .,'\n", max_size=40)
phones = st.integers(min_value=0, max_value=999).map(lambda n: f"07700 900{n:03d}")
emails = st.from_regex(r"[a-z]{1,8}\.[a-z]{1,8}", fullmatch=True).map(
    lambda local: f"{local}@example.org"
)
nhs_numbers = st.sampled_from(["943 476 5919", "9434765919", "999 000 0018"])
postcodes = st.sampled_from(["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH"])
identifiers = st.one_of(phones, emails, nhs_numbers, postcodes)


@st.composite
def narratives(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Filler with identifiers dropped in between, and the identifiers used."""
    used = draw(st.lists(identifiers, min_size=1, max_size=4))
    parts = [draw(filler)]
    for identifier in used:
        parts.extend([" ", identifier, " ", draw(filler)])
    return "".join(parts), used


@st.composite
def texts_with_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    """Any text, and any spans inside it (as an analyst might add them)."""
    text = draw(st.text(min_size=1, max_size=60))
    spans = []
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        start = draw(st.integers(min_value=0, max_value=len(text) - 1))
        end = draw(st.integers(min_value=start + 1, max_value=len(text)))
        kind = draw(st.sampled_from(sorted(Kind.__members__.values())))
        spans.append(Span(start, end, kind, draw(st.none() | st.sampled_from(["[x]", ""]))))
    return text, spans


@FAST
@given(narratives())
def test_redaction_never_leaves_a_detected_identifier_in_the_output(case):
    text, used = case
    result = deidentify(text, RULES_ONLY)
    for identifier in used:
        assert identifier not in result.text
    for span in result.spans:
        original = text[span.start : span.end]
        if span.kind not in GENERALISED and any(c.isdigit() or c == "@" for c in original):
            assert original not in result.text


@FAST
@given(texts_with_spans())
def test_output_is_exactly_the_kept_text_plus_the_stand_ins(case):
    text, spans = case
    merged = merge_spans(spans, text)
    output = redact(text, spans)
    removed = sum(span.end - span.start for span in merged)
    stand_ins = sum(
        len(
            span.replacement
            if span.replacement is not None
            else replacement_for(span.kind, text[span.start : span.end])
        )
        for span in merged
    )
    # Never longer than the kept text plus one stand-in per merged span.
    assert len(output) == len(text) - removed + stand_ins
    if not spans:
        assert output == text


@FAST
@given(st.text(max_size=300))
def test_detect_is_deterministic_and_spans_are_sorted_and_inside_the_text(text):
    first = detect(text, RULES_ONLY)
    assert first == detect(text, RULES_ONLY)
    assert all(0 <= s.start < s.end <= len(text) for s in first)
    assert all(a.end <= b.start for a, b in pairwise(first))


@FAST
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_unicode(text):
    result = deidentify(text, RULES_ONLY)
    assert isinstance(result.text, str)


@WITH_MODEL
@given(st.text(max_size=120) | narratives().map(lambda case: case[0]))
def test_with_the_model_detect_is_deterministic_and_never_raises(nlp, text):
    first = deidentify(text)
    assert first == deidentify(text)
    assert all(0 <= s.start < s.end <= len(text) for s in first.spans)


@FAST
@given(texts_with_spans())
def test_merging_merged_spans_changes_nothing(case):
    text, spans = case
    merged = merge_spans(spans, text)
    assert merge_spans(merged, text) == merged


def test_an_address_that_absorbs_an_age_joins_its_neighbouring_address() -> None:
    # Found by hypothesis: one pass left two touching address spans behind.
    from candour.lib.deid import Kind, Span

    spans = [Span(0, 1, Kind.ADDRESS), Span(2, 3, Kind.ADDRESS), Span(1, 3, Kind.AGE)]
    merged = merge_spans(spans, "000")
    assert merge_spans(merged, "000") == merged
    assert [(s.start, s.end, s.kind) for s in merged] == [(0, 3, Kind.ADDRESS)]
