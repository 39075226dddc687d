"""Similar reports: a static sentence-embedding model and a vector index, numpy only.

    >>> from candour.learning.similarity import SimilarReports
    >>> reports = SimilarReports.build(lambda: [(1, 10, "Child missing overnight"), ...])
    >>> reports.similar("young person went missing from the home", k=5, groups=[10])

No Django, no database, no torch, no network: the model ships in `data/` (distilled from
all-MiniLM-L6-v2 by `data/build_model.py`), indexes are .npy files and a JSON manifest.
"""

from candour.learning.similarity.boilerplate import Boilerplate, drop_placeholders
from candour.learning.similarity.embedder import ModelError, StaticEmbedder
from candour.learning.similarity.index import Hit, VectorIndex
from candour.learning.similarity.reports import (
    Report,
    SharedReports,
    SimilarReports,
    StaleIndexError,
    default_embedder,
)
from candour.learning.similarity.storage import ConcurrentUpdateError, StorageError

__all__ = [
    "Boilerplate",
    "ConcurrentUpdateError",
    "Hit",
    "ModelError",
    "Report",
    "SharedReports",
    "SimilarReports",
    "StaleIndexError",
    "StaticEmbedder",
    "StorageError",
    "VectorIndex",
    "default_embedder",
    "drop_placeholders",
]
