"""Patterns v7 (issue 15): each family written from the development misses finds a
disclosure in words the earlier patterns did not hold, and leaves a look-alike alone."""

import pytest

from candour.lib.safeguarding import Category
from candour.lib.safeguarding.detector import assess

# (family, a disclosure the patterns must find, a harmless look-alike they must not)
V7 = [
    (
        "silenced_coached",
        "my stepmum practised with me what to tell the social worker",
        "my teacher practised the times tables with me",
    ),
    (
        "silenced_coached",
        "if i tell anything my dad will be in trouble and its my fault",
        "my sister made me promise not to tell mum she broke the lamp",
    ),
    (
        "emotional_abuse",
        "my mum humiliates me in front of her friends",
        "my mum makes fun of my dancing but we both laugh",
    ),
    (
        "emotional_abuse",
        "dad says im not his daughter and calls me a freak",
        "my dad says im the best daughter in the world",
    ),
    (
        "running_away_missing",
        "i was gone three days and the police brought me back",
        "the police came to our school to talk about road safety",
    ),
    (
        "running_away_missing",
        "i stayed out all weekend cos home is worse",
        "i stayed at my nans all weekend and we made cakes",
    ),
    (
        "other_harm",
        "they tie me to the chair when i cry",
        "i tied my shoelaces to the chair for a joke",
    ),
    (
        "other_harm",
        "mum puts medicine in my juice to make me sleep",
        "mum gives me calpol when i have a temperature",
    ),
    (
        "forced_marriage_honour",
        "they say i must leave school and get married this summer",
        "my auntie is getting married this summer and i am a bridesmaid",
    ),
    (
        "neglect",
        "nobody wakes me up for school so i miss it",
        "my alarm wakes me up for school every day",
    ),
    (
        "neglect",
        "there is no food in the cupboards again and we only have crisps",
        "we had crisps and sandwiches at the party",
    ),
    (
        "exploitation_grooming",
        "a man i met online keeps sending me money and wants to meet up",
        "my nan sends me a card with ten pounds every birthday",
    ),
    (
        "exploitation_grooming",
        "they make me drop off packages in other towns",
        "i help my dad deliver leaflets on our street",
    ),
]


@pytest.mark.parametrize(("family", "disclosure", "_lookalike"), V7, ids=lambda v: str(v)[:40])
def test_v7_finds_the_disclosure(family, disclosure, _lookalike):
    assessment = assess(disclosure, None)

    assert assessment.concern
    assert Category(family) in assessment.categories
    assert int(assessment.patterns_version) >= 7


@pytest.mark.parametrize(("family", "_disclosure", "lookalike"), V7, ids=lambda v: str(v)[:40])
def test_v7_leaves_the_lookalike_alone(family, _disclosure, lookalike):
    assert not assess(lookalike, None).concern, family


def test_v7_covers_every_family_it_was_written_for():
    assert {f for f, _d, _l in V7} == {
        "silenced_coached",
        "emotional_abuse",
        "running_away_missing",
        "other_harm",
        "forced_marriage_honour",
        "neglect",
        "exploitation_grooming",
    }
