import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from candour.lib.text.embedding.embedder import MODEL_DIR, ModelError, StaticEmbedder

REFERENCE = Path(__file__).parent / "reference_vectors.json"


def test_vectors_match_model2vec_on_the_reference_texts(embedder):
    # Written by data/build_model.py with model2vec's own tokenizer and encoder.
    reference = json.loads(REFERENCE.read_text())
    vectors = embedder.embed_many(reference["texts"])
    assert np.abs(vectors - np.array(reference["vectors"])).max() < 1e-5


def test_vectors_are_unit_length_float32_and_empty_text_is_zero(embedder):
    vectors = embedder.embed_many(["A child went missing.", "", "   "])
    assert vectors.dtype == np.float32
    assert vectors.shape == (3, 256)
    assert np.isclose(np.linalg.norm(vectors[0]), 1.0)
    assert not vectors[1:].any()


def test_paraphrases_rank_above_unrelated_reports(embedder):
    query = "The young person went missing from the children's home and police found her."
    paraphrase = "YP absconded from the residential unit overnight; located by the police."
    unrelated = [
        "The wrong dose of medication was given at the evening round.",
        "A laptop with case files was left on a train.",
        "The foster carer gave notice after an assault.",
    ]
    vectors = embedder.embed_many([query, paraphrase, *unrelated])
    scores = vectors[1:] @ vectors[0]
    assert scores.argmax() == 0


def test_token_weights_change_the_vector_but_not_its_length(embedder):
    weights = np.ones(len(embedder), dtype=np.float32)
    weights[embedder.token_ids("missing")] = 5.0
    text = "The child went missing from school."
    plain, weighted = embedder.embed(text), embedder.reweighted(weights).embed(text)
    assert np.isclose(np.linalg.norm(weighted), 1.0)
    assert plain @ weighted < 0.999
    assert embedder.weights is None
    with pytest.raises(ModelError):
        embedder.reweighted(np.ones(3, dtype=np.float32))


def test_altered_model_files_are_refused(tmp_path):
    for name in ("vocab.txt", "embeddings.npy", "model.json"):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    with (tmp_path / "vocab.txt").open("a") as stream:
        stream.write("extra\n")
    with pytest.raises(ModelError, match="does not match"):
        StaticEmbedder.load(tmp_path)
    with pytest.raises(ModelError):
        StaticEmbedder.load(tmp_path / "missing")


def test_pre_tokenised_texts_embed_as_the_texts_do(embedder):
    from candour.lib.text.embedding.tokenizer import normalise, pre_tokenise

    texts = ["Child missing overnight, found by police.", "", "Medication given twice"]
    tokenised = [pre_tokenise(normalise(text)) for text in texts]
    weighted = embedder.reweighted(np.linspace(0.5, 2.0, len(embedder), dtype=np.float32))
    for model in (embedder, weighted):
        assert model.embed_tokenised(tokenised) == pytest.approx(model.embed_many(texts), abs=1e-6)
        assert model.embed_many(texts)[1] == pytest.approx(np.zeros(embedder.dimensions))
