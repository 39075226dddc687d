"""Two layers (issue 15): every category found, the similarity layer's own finds, look-alikes
left alone, past tense, urgency, and the package staying free of Django."""

import hashlib
import subprocess
import sys

import pytest

from candour.lib.safeguarding import Category, Urgency, detect
from candour.lib.safeguarding.detector import Layer, assess
from candour.lib.safeguarding.exemplars import (
    EXEMPLARS,
    EXEMPLARS_DEV,
    NEGATIVES,
    NEGATIVES_DEV,
    VERSION,
)
from candour.lib.safeguarding.heldout import HELDOUT
from candour.lib.safeguarding.heldout_fresh import FRESH, FRESH_LOOKALIKES
from candour.lib.safeguarding.lookalikes import LOOKALIKES
from candour.lib.safeguarding.semantic import default_layer

EVERY_CATEGORY = [
    ("my dad hits me with his belt", "abuse_physical"),
    ("my dad used to hit me", "abuse_physical"),
    ("he touches my private parts", "abuse_sexual"),
    ("uncle makes me get in the bath with him", "abuse_sexual"),
    ("there is never any food at home", "neglect"),
    ("i look after my little brothers because mum is always out", "neglect"),
    ("i want to kill myself", "self_harm_suicide"),
    ("i want to go to sleep and never wake up", "self_harm_suicide"),
    ("im scared of my stepdad", "feeling_unsafe_at_home"),
    ("i hide when i hear daddys car", "feeling_unsafe_at_home"),
    ("im going to run away tonight", "running_away_missing"),
    ("ive been sofa surfing since christmas", "running_away_missing"),
    ("an older man gives me weed", "exploitation_grooming"),
    ("a man on roblox says hes 14 but his voice is really deep", "exploitation_grooming"),
    ("they bully me every day", "bullying_threats"),
    ("they wait for me at the gate and take my money", "bullying_threats"),
    ("daddy hits mummy", "domestic_abuse"),
    ("i hear them fighting every night and mum screaming", "domestic_abuse"),
    ("they lock me in my room", "other_harm"),
    ("they make me sleep in the garden when im bad", "other_harm"),
    ("dad says im useless", "emotional_abuse"),
    ("my mum says she wishes i was never born", "emotional_abuse"),
    ("they are going to force me to marry", "forced_marriage_honour"),
    ("they say i have to marry my cousin", "forced_marriage_honour"),
    ("he keeps asking for nudes", "image_based_abuse"),
    ("someone shared my nudes in the group chat", "image_based_abuse"),
    ("its our secret he said", "silenced_coached"),
    ("mum told me what to say to the social worker", "silenced_coached"),
]

# Disclosures in words no pattern holds (patterns v7), which the learned layer finds. ("my
# uncle buys me stuff and says its our special thing" was one until v7's patterns for gifts.)
PATTERNS_MISS = [
    ("mum hasnt got up for weeks so i feed my brothers and get them to school", "neglect"),
    ("when dad drinks he gets really angry with mum and she cries", "domestic_abuse"),
    (
        "the man at the park said he would give me sweets if i went to his car",
        "exploitation_grooming",
    ),
]


def test_every_category_has_disclosures_in_the_tests_and_in_the_bank():
    categories = {c.value for c in Category}
    assert {c for _t, c in EVERY_CATEGORY} == categories
    assert {e.category for e in EXEMPLARS} == categories
    assert {h.category for h in HELDOUT} == categories
    assert len(EXEMPLARS) >= 300
    assert VERSION


def test_the_bank_the_heldout_set_and_the_lookalikes_do_not_overlap():
    bank = {e.text for e in EXEMPLARS} | {n.text for n in NEGATIVES}
    assert not bank & {h.text for h in HELDOUT}
    assert not bank & {x.text for x in LOOKALIKES}
    assert len(LOOKALIKES) >= 150


def test_the_split_bank_is_frozen():
    # benchmarks/safeguarding_layers.py splits EXEMPLARS into dev and test by a seeded
    # shuffle: adding, removing or editing a line would move items between the parts.
    # New disclosures go into a later EXEMPLARS_DEV_* tuple instead.
    lines = "\n".join(f"{e.text}|{e.category}" for e in EXEMPLARS)
    assert len(EXEMPLARS) == 317
    assert hashlib.sha256(lines.encode()).hexdigest() == (
        "068e7856ab1937f78185eda205303a93c236e1c2a7c25d71b1423fb39dfce74b"
    )


def test_the_fresh_test_part_is_frozen_and_new():
    # Round 5's untouched test part (heldout_fresh.py), committed before round 5 tuned
    # anything: editing a line would let it be fitted to, so new lines go in a later file.
    lines = "\n".join(f"{e.text}|{e.category}" for e in FRESH)
    harmless = "\n".join(f"{x.text}|{x.kind}" for x in FRESH_LOOKALIKES)
    assert len(FRESH) == 210
    assert len(FRESH_LOOKALIKES) == 60
    assert hashlib.sha256(lines.encode()).hexdigest() == (
        "439f46b0d1bb73a45f32bbb0d7bcec87f74e331822aef260525ac995a77be63e"
    )
    assert hashlib.sha256(harmless.encode()).hexdigest() == (
        "6583c364e383177b6ec16982b71880b43ad18197045eeab2f515ef72b18d41c3"
    )
    assert {e.category for e in FRESH} == {c.value for c in Category}
    earlier = (
        {e.text for e in EXEMPLARS}
        | {n.text for n in NEGATIVES}
        | {e.text for e in EXEMPLARS_DEV}
        | {n.text for n in NEGATIVES_DEV}
        | {h.text for h in HELDOUT}
        | {x.text for x in LOOKALIKES}
    )
    fresh = {e.text for e in FRESH} | {x.text for x in FRESH_LOOKALIKES}
    assert len(fresh) == len(FRESH) + len(FRESH_LOOKALIKES)
    assert not fresh & earlier


def test_the_development_additions_are_new_sentences_in_every_category():
    # Written after the split, they are development data whole: none may repeat a bank
    # line (which could sit in the test part), a held-out disclosure or a look-alike.
    added = [e.text for e in EXEMPLARS_DEV] + [n.text for n in NEGATIVES_DEV]
    assert len(added) == len(set(added))
    earlier = {e.text for e in EXEMPLARS} | {n.text for n in NEGATIVES}
    assert not set(added) & (earlier | {h.text for h in HELDOUT} | {x.text for x in LOOKALIKES})
    assert {e.category for e in EXEMPLARS_DEV} == {c.value for c in Category}
    assert len(EXEMPLARS_DEV) >= 600


@pytest.mark.parametrize(("text", "category"), EVERY_CATEGORY, ids=lambda v: str(v)[:40])
def test_each_category_is_found_by_the_two_layers(text, category):
    assessment = detect(text)

    assert assessment.concern
    assert category in assessment.categories


@pytest.mark.parametrize(("text", "category"), PATTERNS_MISS, ids=lambda v: str(v)[:40])
def test_the_learned_layer_alone_finds_what_the_patterns_miss(text, category):
    assert not assess(text, None).concern
    assessment = detect(text)

    assert assessment.concern
    assert assessment.layers == (Layer.SIMILARITY,)
    assert assessment.categories == (Category(category),)
    near = assessment.similar
    assert near is not None
    assert near.category == category
    assert near.exemplar in {e.text for e in EXEMPLARS}
    assert near.bank_version == VERSION
    assert near.score is not None
    assert text[near.start : near.end] == near.text


def test_a_disclosure_inside_a_longer_comment_is_found_by_its_sentence():
    text = (
        "The meetings are ok and my worker is kind and always brings biscuits. "
        "my uncle buys me stuff and says its our special thing. School is fine."
    )
    near = detect(text).similar

    assert near is not None
    assert near.category == "exploitation_grooming"
    assert "uncle" in near.text
    assert "biscuits" not in near.text


def test_when_both_layers_flag_the_patterns_name_the_categories():
    assessment = detect("i never felt unsafe there until dad hit me")

    assert assessment.categories == (Category.ABUSE_PHYSICAL,)


@pytest.mark.parametrize(
    "text",
    [
        "my brother always beats me at mario kart",
        "i fell off the trampoline and hurt my arm",
        "we built a secret den in the garden",
        "i nearly died laughing at my uncles joke",
        "i'm starving can we have tea early",
        "dont tell my brother what i got him for christmas",
        "i got killed in fortnite by a noob",
        "my big brother picks me up from school",
    ],
)
def test_harmless_lookalikes_are_left_alone(text):
    assert not detect(text).concern


@pytest.mark.parametrize(
    "text", ["he used to hit me", "he hit me last year", "my stepdad hit me when i was little"]
)
def test_the_past_tense_is_a_concern_but_not_urgent(text):
    assessment = detect(text)

    assert assessment.concern
    assert Category.ABUSE_PHYSICAL in assessment.categories
    assert assessment.urgency is Urgency.PROMPT


@pytest.mark.parametrize(
    "text",
    [
        "he used to hit me and there was blood",
        "last year i took loads of pills",
        "years ago i said goodbye forever to everyone and took all my tablets",
    ],
)
def test_a_state_cue_told_in_the_past_is_not_now(text):
    assessment = detect(text)

    assert assessment.concern
    assert assessment.urgency is Urgency.PROMPT


@pytest.mark.parametrize(
    "text",
    [
        "he hit me tonight",
        "there is blood everywhere he hit me",
        "he used to hit me and hes here right now",
        "i took all my tablets",
        "i get my sisters ready for school and make the tea every day and mum is out tonight",
    ],
)
def test_urgency_now_where_the_text_says_so(text):
    assessment = detect(text)

    assert assessment.concern
    assert assessment.urgency is Urgency.NOW


def test_the_model_and_bank_are_built_once_per_process():
    assert default_layer() is default_layer()


def test_importing_the_package_loads_no_django():
    code = (
        "import sys, candour.lib.safeguarding as s; "
        "assert s.detect('i want to go to sleep and never wake up').concern; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django'"
    )
    # A fresh interpreter, because pytest-django has already imported Django here.
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
