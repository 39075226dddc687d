"""A compact index of past reports, to name those most like a new one that carried a code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import sparse

from candour.lib.text.classifier.code_models import POSITIVE


@dataclass(frozen=True, eq=False)
class ReportIndex:
    ids: tuple[str, ...]
    # Each report keeps only its strongest terms, at half precision, so that the index of
    # tens of thousands of reports stays a few megabytes.
    vectors: sparse.csr_matrix = field(repr=False)
    members_start: npt.NDArray[np.int64] = field(repr=False)  # per code, into members
    members: npt.NDArray[np.int32] = field(repr=False)  # report positions, grouped by code

    @classmethod
    def build(
        cls,
        ids: Sequence[str],
        vectors: sparse.csr_matrix,
        labels: npt.NDArray[np.int8],
        *,
        terms_per_report: int,
    ) -> ReportIndex:
        kept = _strongest_terms(vectors.tocsr(), terms_per_report)
        by_code = [np.flatnonzero(labels[:, code] == POSITIVE) for code in range(labels.shape[1])]
        starts = np.cumsum([0] + [len(rows) for rows in by_code], dtype=np.int64)
        members = np.concatenate([*by_code, np.zeros(0, dtype=np.int64)]).astype(np.int32)
        return cls(tuple(ids), kept, starts, members)

    def similarities(self, query: sparse.csr_matrix) -> npt.NDArray[np.float64]:
        """Cosine similarity of one report's word features with every indexed report."""
        if self.vectors.shape[0] == 0:
            return np.zeros(0)
        return np.asarray((self.vectors @ query.T).todense(), dtype=np.float64).ravel()

    def most_similar(
        self, similarities: npt.NDArray[np.float64], code: int, count: int
    ) -> tuple[str, ...]:
        rows = self.members[self.members_start[code] : self.members_start[code + 1]]
        scores = similarities[rows]
        order = np.lexsort((rows, -scores))[:count]
        return tuple(self.ids[rows[i]] for i in order if scores[i] > 0.0)


def _strongest_terms(vectors: sparse.csr_matrix, count: int) -> sparse.csr_matrix:
    indptr = [0]
    indices: list[npt.NDArray[np.int32]] = []
    data: list[npt.NDArray[np.float64]] = []
    for row in range(vectors.shape[0]):
        start, end = vectors.indptr[row], vectors.indptr[row + 1]
        values = vectors.data[start:end]
        top = np.sort(np.argsort(-values, kind="stable")[:count])
        kept = values[top]
        norm = np.linalg.norm(kept)
        indices.append(vectors.indices[start:end][top].astype(np.int32))
        data.append(kept / norm if norm > 0 else kept)
        indptr.append(indptr[-1] + len(top))
    matrix = sparse.csr_matrix(
        (
            np.concatenate([*data, np.zeros(0)]).astype(np.float16).astype(np.float32),
            np.concatenate([*indices, np.zeros(0, dtype=np.int32)]),
            np.asarray(indptr, dtype=np.int64),
        ),
        shape=vectors.shape,
    )
    return matrix
