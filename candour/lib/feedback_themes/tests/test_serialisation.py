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


def test_a_stored_model_keeps_no_index_of_past_comments(trained):
    # Nothing read the word model's nearest comments, so none are stored (issue 19).
    header, arrays = unpack(trained.to_bytes())
    suggester_header, suggester_arrays = unpack(arrays["suggester"].astype(np.uint8).tobytes())

    assert suggester_header["indexed_ids"] == []
    assert suggester_arrays["index_data"].size == 0
    assert suggester_arrays["members"].size == 0
    assert header["settings"]["suggester"]["embedding_scale"] == 0.0
    assert all(not hasattr(score, "similar_ids") for score in trained.read(TEXTS[1]).themes)


def test_a_model_stored_before_issue_19_still_loads(trained):
    header, arrays = unpack(trained.to_bytes())
    suggester_header, suggester_arrays = unpack(arrays["suggester"].astype(np.uint8).tobytes())
    old_suggester = {**suggester_header, "version": 1}
    del old_suggester["embedding"]
    del old_suggester["settings"]["embedding_scale"]
    old_settings = {**header["settings"], "suggester": dict(old_suggester["settings"])}
    old = {
        **arrays,
        "suggester": np.frombuffer(pack(old_suggester, suggester_arrays), dtype=np.uint8),
    }

    loaded = ThemeModel.from_bytes(pack({**header, "settings": old_settings}, old))

    assert np.array_equal(loaded.scores(TEXTS), trained.scores(TEXTS))
