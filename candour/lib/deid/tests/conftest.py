"""Shared fixtures: the spaCy model is loaded once for the whole session."""

import pytest

from candour.lib.deid.ner import pipeline


@pytest.fixture(scope="session")
def nlp():
    """Load the NER model once; tests that run the model depend on this fixture."""
    return pipeline()
