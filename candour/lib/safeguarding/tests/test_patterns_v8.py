"""Patterns v8 (issue 15, round 5): families written from the development misses find a
disclosure in words v7 did not hold and leave a look-alike alone; the adult-care
suppressors leave an adult patient's comment about their own care alone, and do not hide
the same harm words said of a child's home."""

import pytest

from candour.lib.safeguarding import Category
from candour.lib.safeguarding.detector import assess

# (family, a disclosure the patterns must find, a harmless look-alike they must not)
V8 = [
    (
        "abuse_physical",
        "she chucked a plate at me and it cut my arm",
        "mum chucked the old plates in the recycling",
    ),
    (
        "self_harm_suicide",
        "i have been saving up pills in my drawer",
        "i have been saving up for a new bike",
    ),
    (
        "self_harm_suicide",
        "i wish i was never born",
        "i wish i was born in the summer",
    ),
    (
        "feeling_unsafe_at_home",
        "i keep out of his way when hes been drinking",
        "i keep out of the way when mum is cooking",
    ),
    (
        "domestic_abuse",
        "my stepdad locked mum out of the house in the rain",
        "mum locked herself out of the car at tesco",
    ),
    (
        "abuse_sexual",
        "he forced himself on me when i was staying over",
        "he forced me to watch a scary film",
    ),
    (
        "image_based_abuse",
        "a man at the pool took photos of me changing",
        "a man at the pool took photos of the swimming gala",
    ),
    (
        "silenced_coached",
        "i have to say everything is ok or i get hit",
        "i have to say thank you for my presents",
    ),
]

# An adult patient writing about their own care, in the words of the comments the v8
# suppressors were written from (paraphrased, development half): none should alert.
ADULT_CARE = [
    "The ward was understaffed and I felt the neglect I received was shocking.",
    "The nurse who was verbally abusive to me should not be phoning patients.",
    "I need a psychologist for the childhood abuse I went through but it was never offered.",
    "I accidentally overdosed on my painkillers and 111 sent me to A&E.",
    "The hospice was a place of refuge for our family.",
    "The nurses were lovely and I did not want to go home.",
]


@pytest.mark.parametrize(("family", "disclosure", "_lookalike"), V8, ids=lambda v: str(v)[:40])
def test_v8_finds_the_disclosure(family, disclosure, _lookalike):
    assessment = assess(disclosure, None)

    assert assessment.concern
    assert Category(family) in assessment.categories
    assert int(assessment.patterns_version) >= 8


@pytest.mark.parametrize(("family", "_disclosure", "lookalike"), V8, ids=lambda v: str(v)[:40])
def test_v8_leaves_the_lookalike_alone(family, _disclosure, lookalike):
    assert not assess(lookalike, None).concern, family


@pytest.mark.parametrize("comment", ADULT_CARE, ids=lambda v: v[:40])
def test_an_adult_patients_comment_about_their_own_care_does_not_alert(comment):
    assert not assess(comment, None).concern


@pytest.mark.parametrize(
    "text",
    [
        "my mum neglects me and there is never any food",
        "my stepdad is abusive to me and my brother",
        "i took an overdose last night",
    ],
)
def test_the_same_words_about_a_childs_home_still_alert(text):
    assert assess(text, None).concern
