"""The regular-expression detectors, run without the NER model."""

import pytest

from candour.lib.deid import Kind, Policy, detect

RULES_ONLY = Policy(use_ner=False)


def found(text, policy=RULES_ONLY):
    return [(text[s.start : s.end], s.kind) for s in detect(text, policy)]


def kinds_of(text, kind, policy=RULES_ONLY):
    return [piece for piece, k in found(text, policy) if k is kind]


@pytest.mark.parametrize(
    "phone",
    [
        "07700 900123",
        "07700900123",
        "+44 7700 900123",
        "+447700900123",
        "0113 496 0000",
        "(0113) 496 0000",
        "020 7946 0991",
        "+44 (0)20 7946 0991",
        "01924 123456",
    ],
)
def test_uk_phone_numbers(phone):
    assert kinds_of(f"Mum can be reached on {phone} most days.", Kind.PHONE) == [phone]


def test_phone_does_not_swallow_a_following_number():
    text = "Rang 07700 900123 2 times."
    assert kinds_of(text, Kind.PHONE) == ["07700 900123"]


@pytest.mark.parametrize(
    "email", ["kasia.nowak@gmail.com", "j_smith84@hotmail.co.uk", "duty.team@leeds.gov.uk"]
)
def test_emails(email):
    assert kinds_of(f"Email: {email}.", Kind.EMAIL) == [email]


@pytest.mark.parametrize("postcode", ["LS6 2AB", "ls6 2ab", "M1 1AE", "SW1A 1AA", "B338TH"])
def test_postcodes(postcode):
    assert kinds_of(f"The postcode is {postcode} I think.", Kind.POSTCODE) == [postcode]


def test_road_numbers_with_ordinals_are_not_postcodes():
    assert kinds_of("Stuck on the M6 3rd junction again.", Kind.POSTCODE) == []


@pytest.mark.parametrize("number", ["AB 12 34 56 C", "AB123456C", "ab123456c", "JG-10-39-24-A"])
def test_ni_numbers_with_suffix(number):
    assert kinds_of(f"Her number is {number} apparently.", Kind.NI_NUMBER) == [number]


def test_ni_number_without_suffix_needs_a_cue():
    assert kinds_of("NI number QQ123456 given.", Kind.NI_NUMBER) == ["QQ123456"]
    assert kinds_of("Item QQ123456 given.", Kind.NI_NUMBER) == []


def test_nhs_numbers_valid_anywhere_invalid_only_after_a_cue():
    assert kinds_of("Number 943 476 5919 on file.", Kind.NHS_NUMBER) == ["943 476 5919"]
    assert kinds_of("Number 943 476 5918 on file.", Kind.NHS_NUMBER) == []
    assert kinds_of("NHS no: 943 476 5918 (typo?)", Kind.NHS_NUMBER) == ["943 476 5918"]


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Case ref 123456 updated.", "123456"),
        ("Case ref: 1234567 updated.", "1234567"),
        ("See LCS-2023-0001 for the plan.", "LCS-2023-0001"),
        ("Mosaic ID 1234567 updated.", "1234567"),
        ("Filed under ref: CP/2023/0456 today.", "CP/2023/0456"),
        ("Police ref 13/45678/23 was given.", "13/45678/23"),
        ("Referral no. 88213 received.", "88213"),
        ("The number 87654321 was on the letter.", "87654321"),
    ],
)
def test_case_references(text, reference):
    assert kinds_of(text, Kind.CASE_REFERENCE) == [reference]


def test_case_reference_keeps_its_label_and_skips_years_and_money():
    assert kinds_of("Case ref 123456, in 2015, owed £123456.", Kind.CASE_REFERENCE) == ["123456"]


def test_policy_patterns_find_an_organisations_own_references():
    policy = Policy(case_reference_patterns=(r"\bfile (?P<ref>K\d{3}[a-z]{2})\b",), use_ner=False)
    text = "See file K123ab for details."
    assert kinds_of(text, Kind.CASE_REFERENCE, policy) == ["K123ab"]
    assert kinds_of(text, Kind.CASE_REFERENCE) == []


def test_policy_rejects_a_bad_pattern():
    with pytest.raises(ValueError, match="bad case reference pattern"):
        Policy(case_reference_patterns=("(unclosed",))


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("She is aged 7 and settled.", "aged 7"),
        ("Her brother is 12 years old.", "12 years old"),
        ("A 3-year-old was present.", "3-year-old"),
        ("Baby aged 18 months was asleep.", "aged 18 months"),
        ("Lisa (9) was at school.", "(9)"),
        ("I'm 82 y/o.", "82 y/o"),
    ],
)
def test_ages(text, age):
    assert kinds_of(text, Kind.AGE) == [age]


def test_a_dotted_date_is_a_date_not_a_phone_number():
    assert found("Seen on 17.06.2015 at home.") == [("17.06.2015", Kind.DATE)]


def test_ordinary_numbers_are_left_alone():
    text = "There are 3 children; attendance was 45%; rent arrears of £1,250 since 2015."
    assert found(text) == []
