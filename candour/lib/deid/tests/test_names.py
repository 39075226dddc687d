"""People's names: the model plus titles, cues, known names and repeated mentions."""

import pytest

from candour.lib.deid import Kind, Policy, detect


def names(text, policy=None):
    spans = detect(text, policy or Policy())
    return [text[s.start : s.end] for s in spans if s.kind is Kind.PERSON]


@pytest.mark.usefixtures("nlp")
class TestWithModel:
    def test_title_then_surname_keeps_the_title(self):
        assert names("Mrs Nowak said she was fine.") == ["Nowak"]

    def test_relationship_cues_catch_lower_case_and_unusual_names(self):
        text = "Seen mother Kasia and her son, tomasz, at home; the child, lisa, was out."
        assert names(text) == ["Kasia", "tomasz", "lisa"]

    def test_full_names_from_several_languages(self):
        text = (
            "Present were Mehmet Y\u0131lmaz, Giuseppe Esposito, Agnieszka Wiśniewska and "
            "Ngozi Okafor."
        )
        assert names(text) == [
            "Mehmet Y\u0131lmaz",
            "Giuseppe Esposito",
            "Agnieszka Wiśniewska",
            "Ngozi Okafor",
        ]

    def test_every_later_mention_of_a_name_is_found(self):
        text = "Kasia Nowak rang. Later Nowak said that kasia's phone was broken."
        assert names(text) == ["Kasia Nowak", "Nowak", "kasia"]

    def test_possessive_is_left_outside_the_span(self):
        text = "We met at Kasia's flat."
        spans = detect(text)
        assert [text[s.start : s.end] for s in spans] == ["Kasia"]

    def test_names_listed_together(self):
        assert names("Seen mum kasia and tomasz today.") == ["kasia", "tomasz"]

    def test_middle_initial(self):
        assert names("Report written by Faina D. Yefremova today.") == ["Faina D. Yefremova"]

    def test_name_words_only_as_names(self):
        text = "Grace said she will hope for the best. We will see Will Smith on Monday."
        assert names(text) == ["Grace", "Will Smith"]

    def test_field_terms_are_never_names(self):
        text = (
            "The IRO, MASH, LADO and CAMHS met; the MAR chart was checked; an ICPC and PLO "
            "meeting followed the section 47 enquiry. Children's Social Care and Early Help "
            "agreed Signs of Safety mapping with the DSL and the GP."
        )
        assert detect(text) == []

    def test_an_organisation_can_extend_the_allow_list(self):
        text = "Referred to Barnardo's Kwame Project by Mosaic."
        assert names(text) == ["Barnardo", "Kwame"]
        extended = Policy(allow_list=Policy().allow_list | {"Barnardo's", "Kwame Project"})
        assert names(text, extended) == []


def test_without_the_model_names_come_from_cues_and_word_lists():
    text = "Mother Kasia rang about Lisa; Mr Hollingworth-Smythe visited."
    assert names(text, Policy(use_ner=False)) == ["Kasia", "Lisa", "Hollingworth-Smythe"]
