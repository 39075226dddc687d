"""The phrasings set: every disclosure found with its category; ordinary feedback left alone."""

from collections import Counter

import pytest

from candour.lib.safeguarding import detect
from candour.lib.safeguarding.detector import Category, Urgency, assess
from candour.lib.safeguarding.phrasings import (
    NEGATIVES,
    POSITIVES,
    V4_NEGATIVES,
    V4_POSITIVES,
    V5_NEGATIVES,
    V5_POSITIVES,
)

# The floor for specificity on the hard negatives. They were written to share words with
# disclosures ("hit the nail on the head", "beats me at fifa"), so a few alerts are the
# price of recall; below 0.9 a duty team would start to ignore the alerts.
SPECIFICITY_FLOOR = 0.9

ISSUE_6_CATEGORIES = (
    "abuse_physical",
    "abuse_sexual",
    "neglect",
    "self_harm_suicide",
    "feeling_unsafe_at_home",
    "running_away_missing",
    "exploitation_grooming",
    "bullying_threats",
    "domestic_abuse",
    "other_harm",
)


def test_the_set_is_large_and_covers_every_category_and_band():
    assert len(POSITIVES) >= 150
    assert len(NEGATIVES) >= 150
    # Every category has phrasings; issue 6's ten have at least ten each (issue 15's four
    # came with a few lines each and are covered by the exemplar bank and held-out set).
    counts = Counter(p.category for p in POSITIVES)
    assert set(counts) == {c.value for c in Category}
    assert {p.band for p in POSITIVES} == {"4-7", "8-12", "13+", "parent_carer"}
    assert min(counts[c] for c in ISSUE_6_CATEGORIES) >= 10
    assert len({p.text for p in POSITIVES} | {n.text for n in NEGATIVES}) == len(POSITIVES) + len(
        NEGATIVES
    )


@pytest.mark.parametrize("phrasing", POSITIVES, ids=lambda p: p.text[:40])
def test_every_disclosure_is_detected_with_its_category(phrasing):
    assessment = detect(phrasing.text)

    assert assessment.concern
    assert phrasing.category in assessment.categories


def test_specificity_on_hard_negatives_is_above_the_floor():
    alerts = [n.text for n in NEGATIVES if detect(n.text).concern]
    specificity = 1 - len(alerts) / len(NEGATIVES)

    assert specificity >= SPECIFICITY_FLOOR, alerts


@pytest.mark.parametrize(
    "text",
    [
        "I feel safe at home",
        "I feel safe now",
        "my social worker hit the nail on the head",
        "I ran to the car",
        "killing it at football",
        "I hate broccoli",
        "dad was angry the football team lost",
        "i am scared of spiders",
        "I never felt unsafe in my placement",
    ],
)
def test_the_briefs_examples_of_ordinary_feedback_do_not_alert(text):
    assert not detect(text).concern


# Patterns v4 (issue 15): each family the patterns now cover, and the look-alikes they must
# leave alone. Past tense stays a concern but is not "now".
@pytest.mark.parametrize("phrasing", V4_POSITIVES, ids=lambda p: p.text[:40])
def test_v4_families_are_found_by_the_patterns_alone(phrasing):
    assessment = assess(phrasing.text, None)

    assert assessment.concern
    assert phrasing.category in assessment.categories


@pytest.mark.parametrize("negative", V4_NEGATIVES, ids=lambda n: n.text[:40])
def test_v4_look_alikes_are_left_alone_by_the_patterns(negative):
    assert not assess(negative.text, None).concern


def test_v4_covers_every_issue_15_family():
    assert {p.category for p in V4_POSITIVES} >= {
        "exploitation_grooming",
        "neglect",
        "silenced_coached",
        "emotional_abuse",
        "forced_marriage_honour",
        "image_based_abuse",
        "self_harm_suicide",
        "feeling_unsafe_at_home",
    }


@pytest.mark.parametrize(
    "text",
    [
        "he used to hit me",
        "he hit me last year",
        "when i was little my uncle touched me",
        "my old foster carer used to lock me in my room",
    ],
)
def test_v4_past_tense_is_a_concern_but_not_now(text):
    assessment = assess(text, None)

    assert assessment.concern
    assert assessment.urgency is Urgency.PROMPT


def test_v4_a_present_cue_still_makes_it_now():
    assert assess("he used to hit me and he hit me again last night", None).urgency is Urgency.NOW


# Patterns v5 (issue 15): the families v4 measured weakest on untouched test data, and the
# look-alikes (sport, games, jokes, idioms) its new suppressors leave alone.
V5_FAMILIES = (
    "running_away_missing",
    "silenced_coached",
    "feeling_unsafe_at_home",
    "emotional_abuse",
    "self_harm_suicide",
    "other_harm",
)


@pytest.mark.parametrize("phrasing", V5_POSITIVES, ids=lambda p: p.text[:40])
def test_v5_families_are_found_by_the_patterns_alone(phrasing):
    assessment = assess(phrasing.text, None)

    assert assessment.concern
    assert phrasing.category in assessment.categories
    assert int(assessment.patterns_version) >= 5


@pytest.mark.parametrize("negative", V5_NEGATIVES, ids=lambda n: n.text[:40])
def test_v5_look_alikes_are_left_alone_by_the_patterns(negative):
    assert not assess(negative.text, None).concern


def test_v5_covers_each_weak_family_in_many_ways():
    counts = Counter(p.category for p in V5_POSITIVES)
    assert all(counts[family] >= 10 for family in V5_FAMILIES), counts
    assert len({p.text for p in V5_POSITIVES}) == len(V5_POSITIVES)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # A suppressor cancels only its idiom: the same words with real harm still alert.
        ("dad said hed kill me if i told anyone", "silenced_coached"),
        ("i hurt myself on purpose", "self_harm_suicide"),
        ("my dad hit me with a cricket bat", "abuse_physical"),
        ("i dont want to go home because hes there", "feeling_unsafe_at_home"),
        ("i want to run away from home", "running_away_missing"),
        ("the older boys at the park give me weed", "exploitation_grooming"),
    ],
)
def test_v5_suppressors_leave_the_disclosure_beside_the_idiom(text, category):
    assessment = assess(text, None)

    assert assessment.concern
    assert category in assessment.categories


@pytest.mark.parametrize(
    "text",
    [
        "i used to run off from my nans all the time",
        "my dad used to tell me i was worthless",
        "when i was little they locked me in the cupboard",
        "i used to cut my arms",
    ],
)
def test_v5_past_tense_is_a_concern_but_not_now(text):
    assessment = assess(text, None)

    assert assessment.concern
    assert assessment.urgency is Urgency.PROMPT


def test_v5_a_night_away_said_to_be_tonight_is_now():
    assert assess("im not going home tonight", None).urgency is Urgency.NOW
