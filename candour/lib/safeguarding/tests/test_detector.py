"""detect(): spans, negation, urgency, suppressors, and safety of the pattern engine."""

import pytest

from candour.lib.safeguarding import PATTERNS_VERSION, Category, Urgency, detect
from candour.lib.safeguarding import patterns as data
from candour.lib.safeguarding.detector import assess
from candour.lib.safeguarding.matcher import PatternError, compile_pattern, words


def spans(text):
    return [p.text for p in detect(text).matched]


def test_spans_point_at_the_triggering_words_in_the_original_text():
    text = "Thanks for the trip. But my Dad HITS me when he's drunk!!"
    assessment = detect(text)

    assert assessment.concern
    for phrase in assessment.matched:
        assert text[phrase.start : phrase.end] == phrase.text
    assert "Dad HITS me" in spans(text)
    assert all("trip" not in span for span in spans(text))


def test_overlapping_hits_of_a_category_are_shown_as_one_phrase():
    assessment = detect("my dad hits me")

    assert spans("my dad hits me") == ["dad hits me"]
    assert len(assessment.matched[0].rules) == 2


def test_each_phrase_names_its_rule_and_category():
    phrase = detect("i want to kill myself").matched[0]

    assert phrase.category is Category.SELF_HARM_SUICIDE
    assert all(rule.startswith("self_harm_suicide/") for rule in phrase.rules)
    assert detect("x").patterns_version == PATTERNS_VERSION


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("i'm not safe", Category.FEELING_UNSAFE_AT_HOME),
        ("I'M NOT SAFE", Category.FEELING_UNSAFE_AT_HOME),
        ("I dont want to kill myself but i think about it", Category.SELF_HARM_SUICIDE),
        ("he doesnt hit me much anymore", Category.ABUSE_PHYSICAL),
        ("im not scared of my dad i just dont want to go home", Category.FEELING_UNSAFE_AT_HOME),
    ],
)
def test_negation_does_not_cancel_a_concern(text, category):
    assert category in detect(text).categories


@pytest.mark.parametrize(
    "text",
    ["im scaaaared of him", "he hurtsss me", "I\u2019m not safe", "he touchs me", "i wanna kms"],
)
def test_spelling_apostrophes_and_stretched_letters(text):
    assert detect(text).concern


@pytest.mark.parametrize(
    "text",
    [
        "i want to kill myself tonight",
        "im going to kill myself",
        "hes here and im scared of him",
        "my stepdad hit me last night",
        "i took all my tablets, please help",
        "i dont feel safe right now",
    ],
)
def test_urgency_now(text):
    assessment = detect(text)

    assert assessment.urgency is Urgency.NOW
    assert assessment.urgency_cues
    for cue in assessment.urgency_cues:
        assert text[cue.start : cue.end] == cue.text
        assert cue.category is None


def test_a_concern_without_immediacy_is_prompt_and_no_concern_is_none():
    assert detect("my dad hits me").urgency is Urgency.PROMPT
    assert detect("I had a lovely day tonight").urgency is Urgency.NONE
    assert not detect("I had a lovely day tonight").urgency_cues


def test_suppressors_cancel_only_their_own_overlapping_phrase():
    assert not detect("I killed myself laughing").concern
    assert not detect("my brother beats me at fifa").concern
    both = detect("i never felt unsafe there until dad hit me")

    assert both.categories == (Category.ABUSE_PHYSICAL,)


def test_a_laugh_does_not_hide_a_wish_to_die_or_to_run_away():
    # Patterns v6: a child masking with "lol" is still heard; the idioms still are not.
    assert detect("i want to kill myself lol").categories == (Category.SELF_HARM_SUICIDE,)
    assert assess("i want to kill myself lol", None).concern
    assert assess("i want to run away from home haha", None).concern
    assert not detect("I killed myself laughing lol").concern
    assert not assess("i want to run away to the circus lol", None).concern


def test_several_categories_are_reported_in_a_fixed_order():
    assessment = detect("im being bullied and i want to die and dad hits me")

    assert assessment.categories == (
        Category.ABUSE_PHYSICAL,
        Category.SELF_HARM_SUICIDE,
        Category.BULLYING_THREATS,
    )


def test_empty_and_odd_input():
    for text in ["", "   ", "!!!", "😀😀", "\x00", "a" * 10_000]:
        assert not detect(text).concern


def test_a_long_text_works_and_finds_a_disclosure_buried_in_it():
    filler = "we went to the park and had a picnic and it was a really nice day out "
    text = filler * 140 + "but when we got home he hit me again " + filler * 10
    assert len(text.split()) > 2_000

    assessment = detect(text)

    assert assessment.concern
    assert [p.text for p in assessment.matched] == ["he hit me"]


def test_adversarial_repetition_is_handled():
    # Many near-matches in a row: every start word begins a pattern but none completes.
    text = " ".join(["my dad he she they"] * 1_000)

    assert not assess(text, None).concern


def test_words_normalise_case_apostrophes_and_repeated_letters():
    (word,) = words("SCAAARED")
    assert word.forms == ("scaaared", "scaared", "scared")
    assert [w.forms[0] for w in words("I'm don\u2019t")] == ["im", "dont"]


@pytest.mark.parametrize(
    "source",
    [
        "~2 hit me",  # starts with a gap
        "me? hit",  # starts optional
        "hit ~2",  # ends with a gap
        "hit me?",  # ends optional
        "hit ~5 me",  # gap too wide
        "a ~4 b ~4 c ~4 d",  # too many paths
        "hi* me",  # prefix too short
        "@NOPE me",  # unknown lexicon
        "Hit me",  # upper case never matches normalised words
    ],
)
def test_unsafe_or_ambiguous_patterns_are_refused(source):
    with pytest.raises(PatternError):
        compile_pattern("test/0", "other_harm", source, data.LEXICONS)


def test_every_shipped_pattern_compiles_and_names_a_category():
    assert set(data.PATTERNS) == {c.value for c in Category}
    from candour.lib.safeguarding.detector import compiled

    engine = compiled()
    assert len(engine.concern.patterns) == sum(len(v) for v in data.PATTERNS.values())
