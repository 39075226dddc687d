"""The suggester's promises: cold start from rules, learning, evidence, verdicts, storage."""

import re

import pytest

from candour.lib.text.classifier import Decision, Example, Settings, Source, Suggester
from candour.lib.text.classifier.tests.synthetic import coded_reports

RULES = {
    "fatigue": ["tired", "exhaust*", "not slept"],
    "distraction": ["interrupt*", "phone kept ringing"],
    # A poor rule: "visit" is in most reports, whatever their codes.
    "workload": ["visit*"],
}
TIRED = "Worn out and exhausted after twelve hours on duty, she missed the change in the plan."
BUSY = "She was carrying thirty cases and too many visits were booked in one day."


@pytest.fixture(scope="module")
def trained():
    return Suggester.train(coded_reports(200), rules=RULES)


def by_code(suggestions):
    return {suggestion.code: suggestion for suggestion in suggestions}


def test_rules_alone_suggest_codes_on_a_cold_start():
    suggester = Suggester.train([], rules=RULES)

    suggestions = suggester.suggest("She was exhausted and then interrupted by a call.", k=3)

    assert [s.code for s in suggestions] == ["distraction", "fatigue"]
    assert all(s.source is Source.RULES for s in suggestions)
    assert by_code(suggestions)["fatigue"].evidence_terms == ("exhausted",)
    assert by_code(suggestions)["distraction"].evidence_terms == ("interrupted",)


def test_a_code_with_too_few_examples_still_relies_on_its_rules():
    examples = [e for e in coded_reports(200) if "fatigue" not in e.codes]
    examples += [e for e in coded_reports(200) if "fatigue" in e.codes][:4]

    suggester = Suggester.train(examples, rules=RULES)

    fatigue = by_code(suggester.suggest(TIRED, k=4))["fatigue"]
    assert fatigue.source is Source.RULES
    assert fatigue.score == pytest.approx(0.5)


def test_learned_codes_outrank_rules_once_there_are_examples(trained):
    cold = Suggester.train([], rules=RULES)

    cold_codes = [s.code for s in cold.suggest(TIRED + " The visit was late.", k=2)]
    learned = trained.suggest(TIRED + " The visit was late.", k=2)

    assert cold_codes[0] == "workload" or "workload" in cold_codes
    assert learned[0].code == "fatigue"
    assert learned[0].source is Source.RULES_AND_MODEL
    assert learned[0].score > 0.8
    assert by_code(trained.suggest(TIRED + " The visit was late.", k=4))["workload"].score < 0.5


def test_model_codes_come_with_evidence_from_the_text(trained):
    suggestions = trained.suggest(BUSY, k=3)

    workload = suggestions[0]
    assert workload.code == "workload"
    assert workload.evidence_terms
    for term in workload.evidence_terms:
        assert term in BUSY
    assert any(re.search(r"cases|thirty|visits", term) for term in workload.evidence_terms)


def test_similar_reports_carry_the_suggested_code(trained):
    reports = {example.id: example for example in coded_reports(200)}

    suggestion = trained.suggest(BUSY, k=1)[0]

    assert len(suggestion.similar_ids) == 3
    assert all("workload" in reports[i].codes for i in suggestion.similar_ids)


def test_a_rejected_suggestion_is_pushed_down():
    examples = coded_reports(200)
    before = by_code(Suggester.train(examples).suggest(TIRED, k=4))["fatigue"].score

    rejected = Suggester.train(examples, decisions=[Decision(TIRED, "fatigue", accepted=False)])

    assert by_code(rejected.suggest(TIRED, k=4))["fatigue"].score < before - 0.2


def test_a_rejected_rule_suggestion_loses_trust():
    text = "Exhausted, and interrupted twice."
    decisions = [Decision("She was exhausted.", "fatigue", accepted=False)]

    suggester = Suggester.train([], rules=RULES, decisions=decisions)

    suggestions = suggester.suggest(text, k=2)
    assert [s.code for s in suggestions] == ["distraction", "fatigue"]
    assert suggestions[1].score == pytest.approx(suggestions[0].score / 2)


def test_a_rejection_corrects_a_past_report_with_the_same_text():
    examples = coded_reports(200)
    target = next(e for e in examples if e.codes == {"communication"})
    decisions = [Decision(target.text, "communication", accepted=False)]

    suggester = Suggester.train(examples, decisions=decisions)
    original = Suggester.train(examples)

    assert (
        by_code(suggester.suggest(target.text, k=4))["communication"].score
        < by_code(original.suggest(target.text, k=4))["communication"].score
    )
    suggestion = by_code(suggester.suggest(target.text, k=4))["communication"]
    assert target.id not in suggestion.similar_ids


def test_accepted_suggestions_count_as_examples():
    examples = [
        Example(f"n{i}", text, frozenset()) for i, text in enumerate(["Routine visit."] * 20)
    ]
    decisions = [Decision(f"The worker was exhausted, day {i}.", "fatigue", True) for i in range(5)]

    suggester = Suggester.train(examples, decisions=decisions)

    suggestion = suggester.suggest("Exhausted again after the night.", k=1)[0]
    assert suggestion.code == "fatigue"
    assert suggestion.source is Source.MODEL
    assert suggestion.evidence_terms == ("Exhausted",)


def test_saved_and_loaded_suggesters_suggest_the_same(trained):
    loaded = Suggester.from_bytes(trained.to_bytes())

    for text in (TIRED, BUSY, "Nothing in particular happened.", ""):
        assert loaded.suggest(text, k=4) == trained.suggest(text, k=4)
    assert loaded.to_bytes() == trained.to_bytes()


def test_training_is_deterministic_for_a_seed():
    examples = coded_reports(120)
    settings = Settings(seed=11)

    first = Suggester.train(examples, rules=RULES, settings=settings)
    second = Suggester.train(examples, rules=RULES, settings=settings)

    assert first.to_bytes() == second.to_bytes()
    assert first.suggest(BUSY, k=4) == second.suggest(BUSY, k=4)


def test_min_score_and_k_limit_the_suggestions(trained):
    assert len(trained.suggest(BUSY, k=2)) == 2
    assert all(s.score >= 0.5 for s in trained.suggest(BUSY, k=4, min_score=0.5))


def test_a_code_on_every_report_is_always_suggested():
    examples = [
        Example(str(i), f"Report number {i} about a visit.", frozenset({"all"})) for i in range(8)
    ]

    suggestion = Suggester.train(examples).suggest("Anything at all.", k=1)[0]

    assert suggestion.code == "all"
    assert suggestion.score > 0.9


def test_loading_refuses_anything_but_a_stored_suggester(trained):
    stored = trained.to_bytes()

    for data in (b"", b"not a model", stored[: len(stored) // 2], b"\x80\x04K\x01."):
        with pytest.raises(ValueError, match="suggester"):
            Suggester.from_bytes(data)


def test_character_features_also_survive_saving():
    suggester = Suggester.train(coded_reports(80), settings=Settings(char_ngrams=True))

    loaded = Suggester.from_bytes(suggester.to_bytes())

    assert loaded.suggest(TIRED, k=4) == suggester.suggest(TIRED, k=4)
    assert loaded.suggest(TIRED, k=1)[0].code == "fatigue"


def test_only_the_most_recent_reports_are_named_as_similar():
    examples = coded_reports(200)

    suggester = Suggester.train(examples, settings=Settings(max_indexed_reports=50))

    recent = {example.id for example in examples[-50:]}
    for suggestion in suggester.suggest(BUSY, k=4):
        assert set(suggestion.similar_ids) <= recent
