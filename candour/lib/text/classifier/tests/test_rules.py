"""Keyword rules: whole words, any case, a trailing wildcard, never a raw regular expression."""

import pytest

from candour.lib.text.classifier.rules import KeywordRules, compile_pattern, rule_strength


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        ("tired", "She was TIRED.", "TIRED"),
        ("tired", "He retired last year.", None),
        ("distract*", "Distracted by the phone", "Distracted"),
        ("distract*", "undistracted", None),
        ("phone call", "a phone-call came in", "phone-call"),
        ("phone call", "a phone\n call", "phone\n call"),
        ("not slept", "had not  slept", "not  slept"),
        ("c.p. plan", "the c.p. plan", "c.p. plan"),
        ("a+b", "aaab", None),
    ],
)
def test_patterns_match_whole_words_case_insensitively(pattern, text, found):
    match = compile_pattern(pattern).search(text)

    assert (match.group() if match else None) == found


@pytest.mark.parametrize("pattern", ["", "   ", "*", "dis*tract", "x" * 201])
def test_malformed_patterns_are_refused(pattern):
    with pytest.raises(ValueError, match=r"pattern|\*"):
        compile_pattern(pattern)


def test_matches_report_each_code_with_its_phrases():
    rules = KeywordRules.from_mapping(
        {"fatigue": ["tired", "exhaust*", "tired", " "], "empty": [], "noise": ["alarm"]}
    )

    assert rules.codes == {"fatigue", "noise"}
    assert rules.patterns["fatigue"] == ("tired", "exhaust*")
    assert rules.matches("Tired and exhausted, so tired.") == {"fatigue": ("Tired", "exhausted")}


def test_each_further_pattern_raises_the_strength_by_half_the_remaining_doubt():
    assert [rule_strength(n) for n in range(4)] == [0.0, 0.5, 0.75, 0.875]
