from candour.lib.text.embedding.boilerplate import Boilerplate, drop_placeholders, sentences

FORM = "This report was completed in line with the Riverside incident policy."


def reports(count, group_form=FORM):
    return [f"{group_form} Child number {i} fell over. Staff helped." for i in range(count)]


def test_sentences_shared_by_many_reports_of_a_group_are_boilerplate():
    texts = reports(30) + [f"Report {i} from elsewhere." for i in range(30)]
    boilerplate = Boilerplate.fit(texts, [1] * 30 + [2] * 30, min_share=0.5, min_reports=10)
    assert FORM in boilerplate
    assert "Staff helped." in boilerplate
    assert "Child number 3 fell over." not in boilerplate
    assert boilerplate.strip_from(texts[3]) == "Child number 3 fell over."


def test_a_sentence_common_in_one_small_group_needs_enough_reports():
    texts = reports(5) + [f"Report {i}." for i in range(100)]
    boilerplate = Boilerplate.fit(texts, [1] * 5 + [2] * 100, min_share=0.5, min_reports=10)
    assert FORM not in boilerplate


def test_matching_ignores_case_spacing_and_punctuation():
    boilerplate = Boilerplate.fit(reports(20), min_reports=10)
    assert "this report was completed  in line with the Riverside incident policy" in boilerplate


def test_a_report_that_is_all_boilerplate_is_kept_whole():
    boilerplate = Boilerplate.fit(["Manager informed. Form done."] * 20, min_reports=10)
    assert boilerplate.strip_from("Manager informed. Form done.") == "Manager informed. Form done."


def test_round_trip_keeps_only_hashes():
    boilerplate = Boilerplate.fit(reports(20), min_reports=10)
    stored = boilerplate.to_json()
    assert "Riverside" not in stored
    assert Boilerplate.from_json(stored) == boilerplate


def test_placeholders_are_dropped_and_sentences_split():
    assert drop_placeholders("[name] met [school or setting] staff.").split() == ["met", "staff."]
    assert sentences("One. Two!\nThree") == ["One.", "Two!", "Three"]


def test_counters_merged_find_what_one_counter_finds():
    from candour.lib.text.embedding.boilerplate import SentenceCounter

    texts = [f"Form sentence here. Incident {n} happened." for n in range(30)]
    whole, first, second = SentenceCounter(), SentenceCounter(), SentenceCounter()
    for number, text in enumerate(texts):
        whole.add(text, number % 2)
        (first if number < 11 else second).add(text, number % 2)
    first.merge(second)
    found = first.boilerplate(min_share=0.5, min_reports=10)
    assert found == whole.boilerplate(min_share=0.5, min_reports=10)
    assert "Form sentence here." in found
    assert len(found) == 1
