"""Streets, schools and settings, and towns."""

import pytest

from candour.lib.deid import Kind, Policy, detect

RULES_ONLY = Policy(use_ner=False)


def of_kind(text, kind, policy=RULES_ONLY):
    return [text[s.start : s.end] for s in detect(text, policy) if s.kind is kind]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("She lives at 14 Harrow Road, Leeds LS6 2AB with mum.", "14 Harrow Road, Leeds LS6 2AB"),
        ("Visited 7 St John's Road today.", "7 St John's Road"),
        ("Moved to Flat 3, 22 Elm Close, Bradford.", "Flat 3, 22 Elm Close, Bradford"),
        ("staying at 45b mill court M40 8PB.", "45b mill court M40 8PB"),
        ("lives at 12 elm road now", "12 elm road"),
        ("The family live on Elm Close in town.", "Elm Close"),
        ("Address: 5 The Moorings, Otley.", "5 The Moorings, Otley"),
    ],
)
def test_addresses_with_and_without_postcode(text, address):
    assert of_kind(text, Kind.ADDRESS) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "He walked 3 miles down the road.",
        "She has 3 siblings close by.",
        "The case went to the Family Court.",
        "They met 2 times in the park.",
    ],
)
def test_ordinary_phrases_are_not_addresses(text):
    assert of_kind(text, Kind.ADDRESS) == []


@pytest.mark.parametrize(
    "setting",
    [
        "St Mary's Catholic Primary School",
        "Oakwood Academy",
        "Little Stars Nursery",
        "Riverside Children's Centre",
        "Leeds General Infirmary",
        "St James's University Hospital",
        "Hillside Medical Centre",
        "Our Lady of Lourdes Primary School",
        "Crossley Hall Pupil Referral Unit",
    ],
)
def test_schools_and_settings(setting):
    assert of_kind(f"She was seen at {setting} on Monday.", Kind.SCHOOL_OR_SETTING) == [setting]


@pytest.mark.parametrize(
    "text",
    [
        "The school rang.",
        "The GP Surgery was closed.",
        "Her Primary School said no.",
        "The Virtual School Head attended.",
        "Risk was Very High.",
    ],
)
def test_generic_settings_and_roles_are_kept(text):
    assert of_kind(text, Kind.SCHOOL_OR_SETTING) == []


def test_towns_from_known_places_and_from_where_people_live():
    text = "The family moved from Brighouse to Scunthorpe; the father lives in Leeds."
    assert of_kind(text, Kind.PLACE) == ["Brighouse", "Scunthorpe", "Leeds"]


def test_towns_need_no_model_but_the_model_finds_more(nlp):
    text = "Her aunt in Cardiff and a cousin in Zagreb were told."
    assert "Zagreb" in of_kind(text, Kind.PLACE, Policy())
