"""A stored theme model reloads to identical scores, and refuses anything else."""

import numpy as np
import pytest

from candour.lib.feedback_themes import ThemeModel, default_theme_set
from candour.lib.feedback_themes.tests.synthetic import themed_comments
from candour.lib.text.classifier.serialisation import pack, unpack
from candour.lib.text.embedding.embedder import StaticEmbedder

TEXTS = [
    "I want to stay at my school. It is good.",
    "Nobody listens to me and family time was cancelled.",
    "",
]


@pytest.fixture(scope="module")
def trained():
    return ThemeModel.train(themed_comments(150), rules=default_theme_set().rules)


def test_a_stored_model_gives_identical_scores_readings_and_bytes(trained):
    stored = trained.to_bytes()

    loaded = ThemeModel.from_bytes(stored)

    assert loaded.themes == trained.themes
    assert np.array_equal(loaded.scores(TEXTS), trained.scores(TEXTS))
    loaded_sentiments, trained_sentiments = loaded.sentiments(TEXTS), trained.sentiments(TEXTS)
    assert loaded_sentiments is not None
    assert trained_sentiments is not None
    assert np.array_equal(loaded_sentiments, trained_sentiments)
    assert [loaded.read(t) for t in TEXTS] == [trained.read(t) for t in TEXTS]
    assert loaded.to_bytes() == stored


def test_a_cold_start_model_round_trips(trained):
    cold = ThemeModel.train([], rules=default_theme_set().rules)

    loaded = ThemeModel.from_bytes(cold.to_bytes())

    assert np.array_equal(loaded.scores(TEXTS), cold.scores(TEXTS))


def test_other_bytes_and_other_versions_are_refused(trained):
    with pytest.raises(ValueError, match="theme model"):
        ThemeModel.from_bytes(b"not a model")
    header, arrays = unpack(trained.to_bytes())
    for changes in ({"version": 99}, {"format": "other"}, {"themes": ["a"]}):
        with pytest.raises(ValueError, match="theme model"):
            ThemeModel.from_bytes(pack({**header, **changes}, arrays))
    del arrays["embedding_trained"]
    with pytest.raises(ValueError, match="theme model"):
        ThemeModel.from_bytes(pack(header, arrays))


def test_a_model_refuses_an_embedding_model_other_than_its_own(trained):
    other = StaticEmbedder(["[PAD]", "[UNK]", "school"], np.eye(3, 4, dtype=np.float32), "other")

    with pytest.raises(ValueError, match="embedding model"):
        ThemeModel.from_bytes(trained.to_bytes(), embedder=other)
