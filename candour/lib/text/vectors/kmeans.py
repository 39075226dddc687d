"""Spherical k-means in numpy: the coarse quantiser that splits the index into lists."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from candour.lib.text.types import Matrix

_CHUNK = 8192


def nearest_centroids(vectors: Matrix, centroids: Matrix) -> NDArray[np.int32]:
    """The index of the most similar centroid for each row, in chunks to bound memory."""
    labels = np.empty(len(vectors), dtype=np.int32)
    for start in range(0, len(vectors), _CHUNK):
        chunk = np.asarray(vectors[start : start + _CHUNK], dtype=np.float32)
        labels[start : start + len(chunk)] = np.argmax(chunk @ centroids.T, axis=1)
    return labels


def spherical_kmeans(
    vectors: Matrix, clusters: int, *, iterations: int = 10, seed: int = 0
) -> Matrix:
    """Unit-length centroids maximising the summed cosine similarity of rows to them."""
    if clusters < 1 or clusters > len(vectors):
        raise ValueError(f"cannot make {clusters} clusters of {len(vectors)} vectors")
    rng = np.random.default_rng(seed)
    data = np.asarray(vectors, dtype=np.float32)
    centroids = data[rng.choice(len(data), clusters, replace=False)].copy()
    for _ in range(iterations):
        labels = nearest_centroids(data, centroids)
        # Each cluster's sum of rows, as one sparse product (BLAS-free, one pass over data).
        members = sparse.csr_matrix(
            (np.ones(len(data), dtype=np.float32), (labels, np.arange(len(data)))),
            shape=(clusters, len(data)),
        )
        sums = np.asarray(members @ data, dtype=np.float32)
        norms = np.linalg.norm(sums, axis=1)
        empty = norms == 0
        if empty.any():
            sums[empty] = data[rng.choice(len(data), int(empty.sum()), replace=False)]
            norms[empty] = np.linalg.norm(sums[empty], axis=1)
        norms[norms == 0] = 1.0
        centroids = sums / norms[:, None]
    return centroids
