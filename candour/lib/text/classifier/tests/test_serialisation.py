"""Stored suggesters hold numbers and text only; anything else is refused on loading."""

import io
import json

import numpy as np
import pytest

from candour.lib.text.classifier import Settings, Suggester
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
