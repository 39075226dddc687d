"""Stored suggesters hold numbers and text only; anything else is refused on loading."""

import io
import json

import numpy as np
import pytest

from candour.lib.text.classifier import Example, Settings, Suggester
from candour.lib.text.classifier.serialisation import pack, unpack


def test_pack_and_unpack_round_trip_and_are_repeatable():
    arrays = {"weights": np.arange(6, dtype=np.float32).reshape(2, 3)}

    data = pack({"format": "x", "terms": ["café", "two words"]}, arrays)

    header, loaded = unpack(data)
    assert header == {"format": "x", "terms": ["café", "two words"]}
    assert loaded["weights"].tolist() == arrays["weights"].tolist()
    assert pack({"format": "x", "terms": ["café", "two words"]}, arrays) == data


def test_an_archive_holding_pickled_objects_is_refused():
    buffer = io.BytesIO()
    header = np.frombuffer(json.dumps({"format": "x"}).encode(), dtype=np.uint8)
    np.savez(buffer, header=header, sneaky=np.array([{"run": "code"}], dtype=object))

    with pytest.raises(ValueError, match="suggester"):
        unpack(buffer.getvalue())


def test_a_model_from_another_format_or_version_is_refused():
    stored = Suggester.train([], rules={"a": ["alpha"]}).to_bytes()
    header, arrays = unpack(stored)

    for changes in ({"version": 99}, {"format": "other"}, {"codes": ["a", "b"]}):
        with pytest.raises(ValueError, match="suggester"):
            Suggester.from_bytes(pack({**header, **changes}, arrays))


def test_stored_settings_must_match_this_version():
    values = Settings().to_dict()

    assert Settings.from_dict({**values, "rule_blend": 10}) == Settings()
    with pytest.raises(ValueError, match="version"):
        Settings.from_dict({**values, "unknown": 1})
    with pytest.raises(ValueError, match="wrong type"):
        Settings.from_dict({**values, "min_positives": "5"})


# Two topics told in different words each time: what only the embedding can join. The
# learning tests code reports with them too.
MISSING = (
    "A child ran away from the residential home and was reported missing to the police.",
    "The boy went missing from the foster placement overnight and police searched.",
)
MEDICATION = (
    "The wrong medicine dose was given at the evening round.",
    "Tablets were administered twice by mistake and the pharmacist was called.",
)


def _missing_or_medication() -> list[Example]:
    missing, medication = MISSING, MEDICATION
    return [
        Example(f"{code}{number}", f"{texts[number % 2]} Entry {number}.", frozenset({code}))
        for number in range(6)
        for code, texts in (("missing", missing), ("medication", medication))
    ]


# Shares no word with the training reports: only the embedding can tell what it is about.
OTHER_WORDS = "Youngster vanished; constables hunted everywhere."


def test_the_embedding_lets_a_report_in_other_words_find_its_code_and_survives_storing():
    examples = _missing_or_medication()
    words_alone = Suggester.train(examples, settings=Settings(embedding_scale=0.0))
    hybrid = Suggester.train(examples)

    assert hybrid.settings.embedding_scale == 1.0
    missing = hybrid.codes.index("missing")
    assert words_alone.scores([OTHER_WORDS])[0, missing] < 0.5
    assert hybrid.scores([OTHER_WORDS])[0, missing] > 0.6
    loaded = Suggester.from_bytes(hybrid.to_bytes())
    assert loaded.scores([OTHER_WORDS]).tolist() == hybrid.scores([OTHER_WORDS]).tolist()
    # The evidence is still words of the text, never an embedding dimension.
    suggestion = loaded.suggest("The boy went missing again.", k=1)[0]
    assert suggestion.code == "missing"
    assert "missing" in suggestion.evidence_terms


def test_a_model_stored_before_the_embedding_loads_as_words_alone():
    stored = Suggester.train(_missing_or_medication(), settings=Settings(embedding_scale=0.0))
    header, arrays = unpack(stored.to_bytes())
    settings = {k: v for k, v in header["settings"].items() if k != "embedding_scale"}
    old = {**header, "version": 1, "settings": settings}
    del old["embedding"]

    loaded = Suggester.from_bytes(pack(old, arrays))

    assert loaded.settings.embedding_scale == 0.0
    assert loaded.scores([OTHER_WORDS]).tolist() == stored.scores([OTHER_WORDS]).tolist()


def test_a_model_trained_on_another_embedding_model_is_refused():
    header, arrays = unpack(Suggester.train(_missing_or_medication()).to_bytes())

    with pytest.raises(ValueError, match="another embedding model"):
        Suggester.from_bytes(pack({**header, "embedding": "other-model:0123"}, arrays))
