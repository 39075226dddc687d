"""The early warning's words follow the reader's language (they were English f-strings)."""

from __future__ import annotations

from django.utils import translation

from candour.workforce.early_warning.words import evidence_words, status_word

EVIDENCE = [
    {"indicator": "surge", "label": "Referrals", "surge": True},
    {
        "indicator": "vacancy_rate",
        "label": "vacancy rate (%)",
        "latest": 22.0,
        "strain": 20.0,
        "over_threshold": True,
    },
]


def test_the_words_are_english_by_default() -> None:
    with translation.override("en-gb"):
        assert status_word("strained") == "strained"
        assert evidence_words(EVIDENCE) == [
            "Referrals: a surge flagged on its control chart",
            "vacancy rate (%) is 22.0, over 20",
        ]


def test_the_words_are_welsh_for_a_welsh_reader() -> None:
    with translation.override("cy"):
        assert status_word("strained") == "dan straen"
        words = evidence_words(EVIDENCE)
    assert words[1] == "mae cyfradd swyddi gwag (%) yn 22.0, dros 20"
    assert "ymchwydd" in words[0]
    assert "Referrals" not in words[0]
