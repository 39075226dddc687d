"""Spans, merging and writing the redacted text, including an analyst's edits."""

import pytest

from candour.lib.deid import Kind, Policy, Span, deidentify, detect, merge_spans, redact

RULES_ONLY = Policy(use_ner=False)


def test_span_rejects_empty_or_negative_ranges():
    with pytest.raises(ValueError, match="bad span range"):
        Span(5, 5, Kind.PERSON)
    with pytest.raises(ValueError, match="bad span range"):
        Span(-1, 3, Kind.PERSON)


def test_span_round_trips_through_a_dict():
    span = Span(3, 9, Kind.NHS_NUMBER, "[NHS number]")
    assert span.to_dict() == {
        "start": 3,
        "end": 9,
        "kind": "nhs_number",
        "replacement": "[NHS number]",
    }
    assert Span.from_dict(span.to_dict()) == span
    with pytest.raises(ValueError, match="integers"):
        Span.from_dict({"start": "3", "end": 9, "kind": "person"})


def test_overlapping_spans_merge_to_the_kind_that_removes_most():
    text = "DOB 17/06/2015 noted"
    merged = merge_spans([Span(4, 14, Kind.DATE), Span(4, 14, Kind.DATE_OF_BIRTH)], text)
    assert merged == [Span(4, 14, Kind.DATE_OF_BIRTH)]
    overlapping = merge_spans([Span(0, 8, Kind.PERSON), Span(4, 14, Kind.PHONE)], text)
    assert overlapping == [Span(0, 14, Kind.PHONE)]


def test_name_parts_and_address_parts_join():
    text = "Kasia Nowak lives at 14 Elm Road, Leeds LS6 2AB now"
    spans = [
        Span(0, 5, Kind.PERSON),
        Span(6, 11, Kind.PERSON),
        Span(21, 32, Kind.ADDRESS),
        Span(34, 39, Kind.PLACE),
        Span(40, 47, Kind.POSTCODE),
    ]
    assert merge_spans(spans, text) == [Span(0, 11, Kind.PERSON), Span(21, 47, Kind.ADDRESS)]
    assert redact(text, spans) == "[name] lives at [address] now"


def test_separate_things_stay_separate():
    text = "Kasia, 07700 900123"
    spans = [Span(0, 5, Kind.PERSON), Span(7, 19, Kind.PHONE)]
    assert merge_spans(spans, text) == spans


def test_redact_accepts_an_analysts_edited_list_of_spans():
    text = "Mum Kasia rang the IRO on 07700 900123 about Wrenshaw at 14:35."
    spans = detect(text, RULES_ONLY)
    assert redact(text, spans) == "Mum [name] rang the IRO on [phone] about Wrenshaw at afternoon."
    # The analyst removes the time, adds the name the detector missed and rewords the phone.
    edited = [s for s in spans if s.kind is not Kind.TIME and s.kind is not Kind.PHONE]
    start = text.index("Wrenshaw")
    edited.append(Span(start, start + len("Wrenshaw"), Kind.PERSON))
    phone = text.index("07700")
    edited.append(Span(phone, phone + 12, Kind.PHONE, "[mobile number]"))
    assert (
        redact(text, edited) == "Mum [name] rang the IRO on [mobile number] about [name] at 14:35."
    )


def test_an_added_date_without_replacement_is_generalised():
    text = "Meeting held 3 March 2021."
    assert redact(text, [Span(13, 25, Kind.DATE)]) == "Meeting held March 2021."


def test_redact_rejects_spans_outside_the_text():
    with pytest.raises(ValueError, match="outside"):
        redact("short", [Span(2, 10, Kind.PERSON)])


def test_redact_with_no_spans_returns_the_text():
    assert redact("nothing here", []) == "nothing here"


def test_deidentify_spans_refer_to_the_original_text():
    text = "Call 07700 900123 or email kasia@example.org."
    result = deidentify(text, RULES_ONLY)
    assert [text[s.start : s.end] for s in result.spans] == ["07700 900123", "kasia@example.org"]
    assert [s.replacement for s in result.spans] == ["[phone]", "[email]"]
    assert result.text == "Call [phone] or email [email]."
