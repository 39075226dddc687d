"""The theme model's promises: learning, cold start, evidence, sentiment, labels, storage."""

import re

import numpy as np
import pytest

from candour.lib.feedback_themes import (
    LabelledComment,
    Source,
    ThemeModel,
    ThemeSettings,
    ThemeVerdict,
    default_theme_set,
)
from candour.lib.feedback_themes.tests.synthetic import themed_comments

SCHOOL = "I want to stay at my school with my friends. It is good."
FAMILY = "Family time with my brother was cancelled again and I hate it."


@pytest.fixture(scope="module")
def trained():
    return ThemeModel.train(themed_comments(150))


def theme_names(reading):
    return [theme.theme for theme in reading.themes]


def test_trained_model_finds_the_themes_of_new_comments(trained):
    assert theme_names(trained.read(SCHOOL, k=1)) == ["school"]
    assert theme_names(trained.read(FAMILY, k=1)) == ["family-contact"]
    assert trained.read(SCHOOL, k=1).themes[0].score > 0.7
    assert trained.read(SCHOOL, k=1).themes[0].source is Source.MODEL


def test_scores_cover_every_theme_between_zero_and_one(trained):
    scores = trained.scores([SCHOOL, FAMILY, ""])

    assert scores.shape == (3, len(trained.themes))
    assert ((scores >= 0.0) & (scores <= 1.0)).all()
    assert trained.themes == ("family-contact", "listened-to", "school")


def test_evidence_terms_are_copied_from_the_comment(trained):
    for text in (SCHOOL, FAMILY, "My TEACHER helped with Homework, nobody listens."):
        for theme in trained.read(text, k=3).themes:
            for term in theme.evidence_terms:
                assert term in text
    assert trained.read(SCHOOL, k=1).themes[0].evidence_terms


def test_cold_start_rules_theme_comments_with_no_training_data():
    model = ThemeModel.train([], rules=default_theme_set().rules)

    reading = model.read("Nobody listens to me and I never get to see my mum.", k=3)

    assert theme_names(reading) == ["family-contact", "listened-to"]
    assert all(theme.source is Source.RULES for theme in reading.themes)
    assert reading.themes[0].evidence_terms == ("see my mum",)
    assert reading.themes[1].evidence_terms == ("listens",)
    assert reading.sentiment is None
    assert model.read("Thank you.", k=3, min_score=0.9).themes == ()


def test_rules_for_a_theme_without_examples_still_suggest_it(trained):
    rules = {"feeling-safe": ["safe", "scared"]}
    model = ThemeModel.train(themed_comments(150), rules=rules)

    reading = model.read("I am scared at night.", k=4)

    assert "feeling-safe" in model.themes
    safe = next(theme for theme in reading.themes if theme.theme == "feeling-safe")
    assert safe.source is Source.RULES
    assert safe.evidence_terms == ("scared",)


def test_any_label_scheme_is_learned_and_unknown_labels_score_zero():
    renamed = {"school": "Education: attendance", "listened-to": "Voice", "family-contact": "Kin"}
    comments = [
        LabelledComment(c.id, c.text, frozenset(renamed[t] for t in c.themes))
        for c in themed_comments(150)
    ]
    model = ThemeModel.train(comments)

    scores = model.scores_for([SCHOOL], ["Education: attendance", "never seen", "Kin"])

    assert scores[0, 0] > 0.7
    assert scores[0, 1] == 0.0
    assert scores[0, 2] < scores[0, 0]


@pytest.mark.parametrize("label", ["", "  ", " padded", "x" * 201])
def test_unusable_labels_are_refused(label):
    with pytest.raises(ValueError, match="theme label"):
        ThemeModel.train([LabelledComment("c1", "some words", frozenset({label}))])
    with pytest.raises(ValueError, match="theme label"):
        ThemeModel.train([], verdicts=[ThemeVerdict("some words", label, accepted=True)])


def test_staff_verdicts_correct_the_model():
    comments = themed_comments(150)
    wrong = "Everyone says the college course is good."
    rejections = [ThemeVerdict(wrong, "school", accepted=False)] * 5
    acceptances = [ThemeVerdict(wrong, "listened-to", accepted=True)] * 5

    before = ThemeModel.train(comments).scores_for([wrong], ["school", "listened-to"])
    after = ThemeModel.train(comments, verdicts=rejections + acceptances).scores_for(
        [wrong], ["school", "listened-to"]
    )

    assert after[0, 0] < before[0, 0]
    assert after[0, 1] > before[0, 1]


def test_sentiment_is_estimated_on_the_labels_scale_with_evidence(trained):
    good = trained.sentiment("I want to stay at my school. I am happy.")
    bad = trained.sentiment("I miss my sisters. It is rubbish.")

    assert trained.rates_sentiment
    assert good is not None
    assert bad is not None
    assert 1.0 <= good.value < 2.5 < bad.value <= 5.0
    assert (good.low, good.high) == (1.0, 5.0)
    assert "rubbish" in bad.raising_terms
    assert "happy" in good.lowering_terms


def test_no_sentiment_model_without_enough_rated_comments():
    unrated = [
        LabelledComment(c.id, c.text, c.themes) if i >= 5 else c
        for i, c in enumerate(themed_comments(60))
    ]

    model = ThemeModel.train(unrated)

    assert not model.rates_sentiment
    assert model.sentiment("anything") is None
    assert model.sentiments(["anything"]) is None


def test_without_embeddings_the_model_needs_no_embedding_model():
    settings = ThemeSettings(embedding_weight=0.0)

    model = ThemeModel.from_bytes(
        ThemeModel.train(themed_comments(150), settings=settings).to_bytes()
    )

    assert theme_names(model.read(SCHOOL, k=1)) == ["school"]


def test_the_default_theme_set_is_data_with_working_rules():
    theme_set = default_theme_set()

    ids = [theme.id for theme in theme_set.themes]
    assert len(ids) >= 12
    assert {"listened-to", "feeling-safe", "school", "kindness", "waiting-delays"} <= set(ids)
    assert all(theme.name and theme.keywords for theme in theme_set.themes)
    assert theme_set.name_of("feeling-safe") == "Feeling safe"
    assert theme_set.name_of("unknown") == "unknown"
    assert all(re.fullmatch(r"[a-z-]+", theme_id) for theme_id in ids)


def test_empty_and_blank_comments_are_read_without_error(trained):
    for text in ("", "   ", "123 456", "!!!"):
        reading = trained.read(text, k=3)
        assert all(np.isfinite(theme.score) for theme in reading.themes)
