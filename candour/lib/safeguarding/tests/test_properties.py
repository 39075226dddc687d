"""Properties of the safeguarding detector for any text, checked with hypothesis."""

from hypothesis import given, settings
from hypothesis import strategies as st

from candour.lib.safeguarding.detector import Urgency, detect

FAST = settings(max_examples=200, deadline=None)

# Children's words that each must raise a concern on their own.
CONCERNS = [
    "my dad hits me",
    "i want to kill myself",
    "i dont feel safe at home",
    "mum's boyfriend touched me",
    "i am going to run away",
]
# Words with no bearing on safety, to put around a concern.
UNRELATED = st.lists(
    st.sampled_from(
        [
            "school",
            "is",
            "ok",
            "and",
            "football",
            "today",
            "the",
            "lunch",
            "was",
            "nice",
            "my",
            "teacher",
            "likes",
            "drawing",
            "we",
            "went",
            "to",
            "park",
            "yesterday",
            "cat",
        ]
    ),
    max_size=12,
).map(" ".join)


def check_spans(text, assessment):
    for phrase in (*assessment.matched, *assessment.urgency_cues):
        assert 0 <= phrase.start < phrase.end <= len(text)
        assert text[phrase.start : phrase.end] == phrase.text


@FAST
@given(st.text(max_size=400))
def test_never_raises_and_spans_point_into_the_text(text):
    assessment = detect(text)
    check_spans(text, assessment)
    assert assessment.concern == bool(assessment.categories)
    if not assessment.concern:
        assert assessment.urgency is Urgency.NONE
        assert not assessment.matched


@FAST
@given(
    st.lists(st.sampled_from([*CONCERNS, "help", "now", "tonight", "not", "never"])).map(" ".join)
)
def test_spans_point_into_concern_shaped_text(text):
    check_spans(text, detect(text))


def test_each_concern_is_detected_alone():
    for concern in CONCERNS:
        assert detect(concern).concern, concern


@FAST
@given(st.sampled_from(CONCERNS), UNRELATED, UNRELATED)
def test_unrelated_words_do_not_remove_a_concern(concern, before, after):
    alone = detect(concern)
    text = f"{before}. {concern}. {after}".strip()
    padded = detect(text)
    assert padded.concern
    assert set(alone.categories) <= set(padded.categories)
    check_spans(text, padded)
