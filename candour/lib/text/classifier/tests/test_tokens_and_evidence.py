"""Words are found with their place in the text, so evidence quotes the text as written."""

import numpy as np
from scipy import sparse

from candour.lib.text.classifier.evidence import combine_evidence, model_evidence
from candour.lib.text.classifier.tokens import gram_keys, grams, words


def test_words_are_letters_lower_cased_with_their_spans():
    text = "Mum\u2019s 2nd call: NOT passed on (x)."

    found = words(text)

    assert [w.key for w in found] == ["mum's", "nd", "call", "not", "passed", "on"]
    assert [text[w.start : w.end] for w in found] == [
        "Mum\u2019s",
        "nd",
        "call",
        "NOT",
        "passed",
        "on",
    ]


def test_word_pairs_span_the_text_between_them():
    text = "Not   told, again."

    pairs = [g for g in grams(text) if " " in g.key]

    assert [(g.key, text[g.start : g.end]) for g in pairs] == [
        ("not told", "Not   told"),
        ("told again", "told, again"),
    ]


def test_the_fast_keys_agree_with_the_spanned_grams():
    text = "İstanbul visit: the Worker\u2019s notes WERE late — 3 times."

    assert gram_keys("The worker\u2019s notes were late.") == [
        g.key for g in grams("The worker\u2019s notes were late.")
    ]
    assert set(gram_keys(text)) >= {"visit", "notes", "were late"}


def test_evidence_quotes_the_strongest_positive_phrases_as_written():
    text = "The Phone kept ringing and the message was NOT passed on."
    terms = ("kept", "message", "not passed", "passed", "phone", "the", "the phone")
    row = sparse.csr_matrix(np.array([[0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]]))
    weights = np.array([0.5, -1.0, 2.0, 1.5, 1.0, 9.0, 8.0], dtype=np.float32)

    evidence = model_evidence(text, row, weights, terms, limit=5)

    # "the" and "the phone" lead on weight but say nothing; "passed" repeats "not passed";
    # "message" pushed the score down.
    assert evidence == ("NOT passed", "Phone", "kept")


def test_the_weaker_source_keeps_a_place_in_the_evidence():
    model = ("cases", "thirty", "booked", "day", "rota")

    assert combine_evidence(model, ("busy",), 5) == ("cases", "thirty", "booked", "day", "busy")
    assert combine_evidence(model, ("a", "b", "c"), 5) == ("cases", "thirty", "booked", "a", "b")
    assert combine_evidence(("busy",), model, 5) == ("busy", "cases", "thirty", "booked", "day")
    assert combine_evidence(("busy", "day"), ("day",), 5) == ("busy", "day")
