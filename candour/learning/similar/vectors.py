"""Report vectors for the theme page and the theme finder, read from the similar-reports
index instead of embedding a thousand reports on every request (ADR 0008).

Reports the index holds give their stored vector (embedded when the index was built or
updated, boilerplate removed and words weighted as for similar reports). Reports it does
not hold yet (reviewed in the last few minutes), or every report when no index is built,
are embedded once per process and remembered, keyed by report and text, so a page seen
again embeds nothing.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from candour.learning.similar.store import shared_reports
from candour.lib.text.embedding.embedder import default_embedder
from candour.lib.text.types import Matrix

# About 20 MB of 256-dimension vectors per process.
CACHE_LIMIT = 20_000

_cache: OrderedDict[tuple[str, int, bytes], np.ndarray] = OrderedDict()
_lock = threading.Lock()
embedded_count = 0  # how many texts this process has embedded here (for tests)


def report_vectors(ids: Sequence[int], texts: Sequence[str]) -> Matrix:
    """Unit vectors of these reports, one row each, in order."""
    global embedded_count  # a counter for tests, in step with the cache
    index = shared_reports()
    dimensions = index.index.dimensions if index is not None else default_embedder().dimensions
    out = np.zeros((len(ids), dimensions), dtype=np.float32)
    pipeline = index.embedder.fingerprint + ":index" if index is not None else "default"
    missing: list[int] = []
    keys: list[tuple[str, int, bytes]] = []
    with _lock:
        for row, (pk, text) in enumerate(zip(ids, texts, strict=True)):
            stored = index.index.vector(pk) if index is not None else None
            key = (pipeline, pk, hashlib.blake2b(text.encode(), digest_size=8).digest())
            keys.append(key)
            if stored is not None:
                out[row] = stored
            elif key in _cache:
                _cache.move_to_end(key)
                out[row] = _cache[key]
            else:
                missing.append(row)
    if missing:
        chosen = [texts[row] for row in missing]
        fresh = index.embed(chosen) if index is not None else default_embedder().embed_many(chosen)
        with _lock:
            embedded_count += len(missing)
            for row, vector in zip(missing, fresh, strict=True):
                out[row] = vector
                _cache[keys[row]] = vector
            while len(_cache) > CACHE_LIMIT:
                _cache.popitem(last=False)
    return out


def forget() -> None:
    """Empty this process's cache (tests)."""
    with _lock:
        _cache.clear()
