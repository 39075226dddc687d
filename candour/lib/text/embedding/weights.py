"""Token weights from the reports themselves: words every report uses count for less.

The static model already down-weights words common in English at large; this adds what is
common in these reports ("child", "staff", "placement"), so that the words that tell one
incident from another weigh more. Square-rooted inverse document frequency: measured in
benchmarks/similarity.py, the full IDF over-weights rare words on small corpora.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain

import numpy as np
from numpy.typing import NDArray

Weights = NDArray[np.float32]


class TokenCounter:
    """In how many documents each vocabulary token appears."""

    def __init__(self, vocabulary_size: int) -> None:
        self.documents = 0
        self.frequencies = np.zeros(vocabulary_size, dtype=np.int64)

    def add(self, token_ids: Iterable[int]) -> None:
        unique = np.unique(np.fromiter(token_ids, dtype=np.int64))
        self.frequencies[unique] += 1
        self.documents += 1

    def add_many(self, documents: Sequence[Sequence[int]]) -> None:
        """`add` for each document, counted together."""
        size = len(self.frequencies)
        lengths = np.fromiter(map(len, documents), dtype=np.int64, count=len(documents))
        ids = np.fromiter(chain.from_iterable(documents), dtype=np.int64, count=int(lengths.sum()))
        # One (document, token) pair per token occurrence; unique pairs count once each.
        pairs = np.unique(
            np.repeat(np.arange(len(documents), dtype=np.int64), lengths) * size + ids
        )
        self.frequencies += np.bincount(pairs % size, minlength=size)
        self.documents += len(documents)

    def merge(self, other: TokenCounter) -> None:
        self.frequencies += other.frequencies
        self.documents += other.documents

    def weights(self, power: float = 0.5) -> Weights:
        """(log((N + 1) / (df + 1)) + 1) ** power: 1 for a token in every document."""
        idf = np.log((self.documents + 1) / (self.frequencies + 1)) + 1
        result: Weights = (idf**power).astype(np.float32)
        return result
