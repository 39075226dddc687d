"""A realistic case note, end to end."""

from itertools import pairwise

from candour.lib.deid import Kind, Policy, deidentify, detect, detect_many

NARRATIVE = """\
On 17 Jun 2015 at 14:35 I completed a home visit to Lisa Nowak (DOB 03/04/2011) and her \
mother Kasia at Flat 2, 14 Harrow Road, Leeds LS6 2AB. Mrs Nowak said that the children's \
father, Mehmet Y\u0131lmaz, had not been seen since May. Brother tomasz, aged 7, was present. \
Lisa attends St Mary's Catholic Primary School, where the DSL, Mr Giovanni Rossi, raised \
concerns about bruising. She was seen at Leeds General Infirmary on 2015-06-19; the GP and \
the IRO were informed and a strategy meeting with the MASH and Police agreed section 47 \
enquiries. Lisa's NHS number is 943 476 5919; mother's NI number is JG 10 39 24 A. Mum can \
be reached on 07700 900123 or kasia.nowak84@gmail.com. Case ref 123456, Mosaic ID 1234567, \
LCS-2015-0042. The MAR chart showed missed doses. The family moved from Bradford to Leeds in \
2014 and Lisa's grandmother lives in Halifax.
"""

IDENTIFIERS = [
    "Lisa",
    "Nowak",
    "Kasia",
    "03/04/2011",
    "2011",
    "Harrow",
    "LS6",
    "2AB",
    "Mehmet",
    "Y\u0131lmaz",
    "tomasz",
    "aged 7",
    "St Mary",
    "Giovanni",
    "Rossi",
    "Infirmary",
    "943 476 5919",
    "JG 10 39 24 A",
    "07700",
    "gmail",
    "123456",
    "1234567",
    "LCS-2015-0042",
    "Bradford",
    "Halifax",
    "14:35",
    "17 Jun",
]
KEPT = ["DSL", "GP", "IRO", "strategy meeting", "MASH", "Police", "section 47", "MAR chart"]


def test_a_uk_case_note_is_fully_de_identified(nlp):
    result = deidentify(NARRATIVE)
    for identifier in IDENTIFIERS:
        assert identifier not in result.text, identifier
    for term in KEPT:
        assert term in result.text, term
    assert result.text.startswith("On June 2015 at afternoon I completed a home visit to [name] ")
    assert "(DOB [date of birth])" in result.text
    assert "Mrs [name] said" in result.text
    assert "[address]" in result.text
    assert "on June 2015;" in result.text
    assert "since May" in result.text  # a bare month is coarse enough to keep
    kinds = {span.kind for span in result.spans}
    assert kinds >= {
        Kind.PERSON,
        Kind.ADDRESS,
        Kind.DATE_OF_BIRTH,
        Kind.DATE,
        Kind.TIME,
        Kind.AGE,
        Kind.NHS_NUMBER,
        Kind.NI_NUMBER,
        Kind.PHONE,
        Kind.EMAIL,
        Kind.CASE_REFERENCE,
        Kind.SCHOOL_OR_SETTING,
        Kind.PLACE,
    }


def test_spans_are_sorted_and_do_not_overlap(nlp):
    spans = detect(NARRATIVE)
    assert all(a.end <= b.start for a, b in pairwise(spans))


def test_detect_many_matches_detect(nlp):
    texts = [NARRATIVE, "Mum Kasia rang.", "", "Nothing to see here."]
    assert detect_many(texts) == [detect(text) for text in texts]


def test_rules_only_still_removes_every_structured_identifier():
    result = deidentify(NARRATIVE, Policy(use_ner=False))
    for identifier in ["943 476 5919", "JG 10 39 24 A", "07700", "gmail", "LS6", "03/04/2011"]:
        assert identifier not in result.text
