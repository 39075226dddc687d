"""The shipped model is loaded once for the whole session (about 0.3 s)."""

import pytest

from candour.lib.text.embedding.embedder import StaticEmbedder, default_embedder


@pytest.fixture(scope="session")
def embedder() -> StaticEmbedder:
    return default_embedder()
