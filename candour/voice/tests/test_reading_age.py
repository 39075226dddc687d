"""Every question and hint a child reads is written for a reading age of about 9
(issue 6): a Flesch-Kincaid grade of 4 or under, which is a reading age of about 9."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from candour.voice.journey import steps_for
from candour.voice.vocabulary import RATING_WORDS, AgeBand

HIGHEST_GRADE = 4.0
WORD = re.compile(r"[A-Za-z']+")


def syllables(word: str) -> int:
    """Vowel groups, less a silent final e; at least one. Close enough for a grade."""
    word = word.lower().strip("'")
    count = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def grade(text: str) -> float:
    """Flesch-Kincaid grade level."""
    words = WORD.findall(text)
    sentences = max(len(re.findall(r"[.!?]+", text)), 1)
    syllable_count = sum(syllables(word) for word in words)
    return 0.39 * len(words) / sentences + 11.8 * syllable_count / len(words) - 15.59


def test_the_syllable_counter_counts_ordinary_words() -> None:
    assert [syllables(w) for w in ("cat", "make", "better", "children", "little")] == [
        1,
        1,
        2,
        2,
        2,
    ]
    assert grade("The cat sat on the mat.") < 1


def child_facing_strings() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    with translation.override("en"):
        for band in (AgeBand.YOUNG, AgeBand.MIDDLE):
            for question in steps_for(band):
                found.append((band, str(question.question(band))))
                found.append((band, str(question.hint(band))))
            found += [(band, str(words)) for words in RATING_WORDS[band].values()]
    return found


@pytest.mark.parametrize(("band", "text"), child_facing_strings())
def test_each_question_and_hint_for_children_has_a_reading_age_of_about_9(
    band: str, text: str
) -> None:
    assert grade(text) <= HIGHEST_GRADE, f"{band}: {text!r} reads at grade {grade(text):.1f}"
