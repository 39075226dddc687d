"""Cosine nearest-neighbour search over report vectors, filtered by organisation.

Rows live in segments: each `add` makes a small new one, so saving after an add writes
only the new rows, and readers can memory-map the big segments. Within a segment an
organisation's rows are contiguous, so searches within organisations up to `exact_limit`
rows (an organisation's own, even the largest) are exact scans of a slice; larger ones
(national search) probe the lists of a coarse k-means quantiser nearest the query (IVF).
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Literal, NamedTuple, TypedDict

import numpy as np
from numpy.typing import ArrayLike, NDArray

from candour.lib.text.types import Ids, Matrix, Vector
from candour.lib.text.vectors.kmeans import nearest_centroids, spherical_kmeans
from candour.lib.text.vectors.segment import UNASSIGNED, Rows, Segment, dot, merge

StorageType = Literal["float32", "float16"]
# Rows of the sample a quantiser is trained on, per list (faiss asks for 39 to 256).
SAMPLE_PER_LIST = 64


class Selection(TypedDict, total=False):
    rows: Rows
    ranges: list[tuple[int, int]]
    groups: NDArray[np.int64] | None


class Hit(NamedTuple):
    id: int
    score: float


class VectorIndex:
    """Unit-length vectors keyed by an integer id, each in one integer group.

    `exact_limit`: searches that would look at no more rows than this are exact.
    `probes`: how many of the quantiser's lists an approximate search looks in.
    """

    def __init__(
        self,
        dimensions: int,
        *,
        storage: StorageType = "float32",
        exact_limit: int = 100_000,
        probes: int = 24,
        max_segments: int = 12,
    ) -> None:
        self.dimensions = dimensions
        self.storage: StorageType = storage
        self.exact_limit = exact_limit
        self.probes = probes
        self.max_segments = max_segments
        self.centroids: Matrix | None = None
        self.trained_size = 0
        self.segments: list[Segment] = []
        self.next_segment = 0
        # Kept with the index by the caller: strings, and small arrays (never pickled).
        self.metadata: dict[str, str] = {}
        self.extras: dict[str, NDArray[np.generic]] = {}
        # Where this index was last loaded from or saved to, and that generation.
        self.source: Path | None = None
        self.generation = 0

    # ------------------------------------------------------------------ contents

    def __len__(self) -> int:
        return sum(segment.live for segment in self.segments)

    def __contains__(self, item_id: object) -> bool:
        if not isinstance(item_id, int | np.integer):
            return False
        return any(s.find(np.array([item_id], dtype=np.int64))[0][0] for s in self.segments)

    @property
    def trained(self) -> bool:
        return self.centroids is not None

    @property
    def needs_training(self) -> bool:
        """Past the exact-search size with no quantiser, or four times the size trained at."""
        size = len(self)
        if self.centroids is None:
            return size > self.exact_limit
        return size > 4 * max(self.trained_size, self.exact_limit)

    def add(self, ids: ArrayLike, vectors: ArrayLike, groups: ArrayLike) -> None:
        """Add rows; an id already present is replaced."""
        id_array = np.asarray(ids, dtype=np.int64).reshape(-1)
        group_array = np.broadcast_to(np.asarray(groups, dtype=np.int64), id_array.shape)
        matrix = _unit_rows(np.asarray(vectors, dtype=np.float32), self.dimensions)
        if len(matrix) != len(id_array):
            raise ValueError(f"{len(id_array)} ids but {len(matrix)} vectors")
        if len(np.unique(id_array)) != len(id_array):
            raise ValueError("ids repeat within one add")
        if len(id_array) == 0:
            return
        self.remove(id_array)
        lists = (
            nearest_centroids(matrix, self.centroids)
            if self.centroids is not None
            else np.full(len(id_array), UNASSIGNED, dtype=np.int32)
        )
        self.segments.append(
            Segment.sorted_by_list(
                self._new_segment_name(),
                id_array,
                np.asarray(group_array, dtype=np.int64),
                matrix.astype(self.storage),
                lists,
            )
        )
        if len(self.segments) > self.max_segments:
            self._merge_small_segments()

    def remove(self, ids: ArrayLike) -> int:
        """Remove rows by id; returns how many were present."""
        id_array = np.asarray(ids, dtype=np.int64).reshape(-1)
        removed = 0
        for segment in self.segments:
            found, rows = segment.find(id_array)
            if found.any():
                if not segment.alive.flags.writeable:
                    segment.alive = segment.alive.copy()
                segment.alive[rows[found]] = False
                removed += int(found.sum())
        return removed

    def vector(self, item_id: int) -> Vector | None:
        """The stored vector for an id, as float32, or None."""
        for segment in self.segments:
            found, rows = segment.find(np.array([item_id], dtype=np.int64))
            if found[0]:
                return np.asarray(segment.vectors[rows[0]], dtype=np.float32)
        return None

    def ids(self) -> Ids:
        live = [segment.ids[segment.alive] for segment in self.segments]
        return np.concatenate(live).astype(np.int64) if live else np.empty(0, dtype=np.int64)

    def compact(self) -> None:
        """Merge every segment into one, dropping removed rows."""
        if len(self.segments) > 1 or any(s.live < len(s) for s in self.segments):
            merged = merge(self._new_segment_name(), self.segments, self._dtype)
            self.segments = [merged] if len(merged) else []

    # ------------------------------------------------------------------ quantiser

    def train(
        self,
        lists: int | None = None,
        *,
        sample: int = 200_000,
        iterations: int = 10,
        seed: int = 0,
    ) -> None:
        """Fit the coarse quantiser on a sample of the live rows and assign every row to a list."""
        size = len(self)
        if size == 0:
            raise ValueError("cannot train an empty index")
        count = lists if lists is not None else default_lists(size)
        count = max(1, min(count, size))
        rng = np.random.default_rng(seed)
        # More than SAMPLE_PER_LIST rows per list adds training time, not recall.
        taken = min(size, max(count, min(sample, SAMPLE_PER_LIST * count)))
        chosen = np.sort(rng.choice(size, taken, replace=False))
        centroids = spherical_kmeans(
            self._live_rows(chosen), count, iterations=iterations, seed=seed
        )
        # Re-sorting every row by its new list rewrites the index as one segment.
        for segment in self.segments:
            segment.lists = nearest_centroids(segment.vectors, centroids)
        self.centroids = centroids
        self.trained_size = size
        self.segments = [merge(self._new_segment_name(), self.segments, self._dtype)]

    def _live_rows(self, positions: NDArray[np.int64]) -> Matrix:
        """Vectors at the given positions counted over live rows, segment by segment."""
        parts: list[Matrix] = []
        offset = 0
        for segment in self.segments:
            live_rows = np.flatnonzero(segment.alive)
            mine = positions[(positions >= offset) & (positions < offset + len(live_rows))]
            parts.append(np.asarray(segment.vectors[live_rows[mine - offset]], dtype=np.float32))
            offset += len(live_rows)
        return np.concatenate(parts)

    # ------------------------------------------------------------------ search

    def search(
        self,
        query: ArrayLike,
        k: int = 10,
        *,
        groups: Collection[int] | None = None,
        exclude: Iterable[int] = (),
        probes: int | None = None,
        exact: bool = False,
    ) -> list[Hit]:
        """The k live rows most similar to `query`, best first, within `groups` if given."""
        vector = _unit_rows(np.asarray(query, dtype=np.float32).reshape(1, -1), self.dimensions)[0]
        excluded = np.fromiter(exclude, dtype=np.int64)
        wanted = None if groups is None else np.unique(np.fromiter(groups, dtype=np.int64))
        if k <= 0 or not self.segments or not vector.any():
            return []
        per_segment = k + len(excluded)
        plan = self._plan(vector, wanted, exact, probes if probes is not None else self.probes)
        found_ids: list[Ids] = []
        found_scores: list[NDArray[np.float32]] = []
        for segment, selection in zip(self.segments, plan, strict=True):
            segment_ids, scores = segment.top(vector, per_segment, **selection)
            found_ids.append(segment_ids)
            found_scores.append(scores)
        all_ids = np.concatenate(found_ids)
        all_scores = np.concatenate(found_scores)
        if len(excluded):
            keep = ~np.isin(all_ids, excluded)
            all_ids, all_scores = all_ids[keep], all_scores[keep]
        order = np.lexsort((all_ids, -all_scores))[:k]
        return [Hit(int(all_ids[i]), float(all_scores[i])) for i in order]

    def _plan(
        self, vector: Vector, groups: NDArray[np.int64] | None, exact: bool, probes: int
    ) -> list[Selection]:
        """For each segment, what to score: rows, list ranges, or all, and any group filter."""
        if groups is not None:
            # One contiguous slice per organisation and segment: an exact scan if small.
            ranges = [segment.group_ranges(groups) for segment in self.segments]
            in_groups = sum(end - start for spans in ranges for start, end in spans)
            if exact or in_groups <= self.exact_limit or self.centroids is None:
                return [{"ranges": spans} for spans in ranges]
        elif exact or self.centroids is None or self._rows <= self.exact_limit:
            return [{} for _ in self.segments]
        assert self.centroids is not None  # noqa: S101 - narrowed by the branches above
        closeness = dot(self.centroids, vector)
        nearest = np.sort(np.argsort(-closeness)[: max(1, probes)]).astype(np.int64)
        return [{"rows": segment.list_rows(nearest, groups)} for segment in self.segments]

    # ------------------------------------------------------------------ internals

    @property
    def _rows(self) -> int:
        """Rows stored, removed ones included: cheaper than counting the live ones."""
        return sum(len(segment) for segment in self.segments)

    @property
    def _dtype(self) -> np.dtype[np.floating]:
        return np.dtype(self.storage)

    def _new_segment_name(self) -> str:
        self.next_segment += 1
        # Unique across rebuilds, so a fresh index saved over an old one never overwrites
        # files that readers of the old generation may still be opening.
        return f"s{self.next_segment:06d}-{secrets.token_hex(4)}"

    def _merge_small_segments(self) -> None:
        largest = max(self.segments, key=len)
        rest = [segment for segment in self.segments if segment is not largest]
        merged = merge(self._new_segment_name(), rest, self._dtype)
        self.segments = [largest, merged] if len(merged) else [largest]

    # ------------------------------------------------------------------ persistence

    def save(self, directory: Path) -> None:
        from candour.lib.text.vectors.storage import save_index

        save_index(self, directory)

    @classmethod
    def load(cls, directory: Path, *, mmap: bool = True) -> VectorIndex:
        from candour.lib.text.vectors.storage import load_index

        return load_index(directory, mmap=mmap)

    def to_bytes(self) -> bytes:
        from candour.lib.text.vectors.storage import index_to_bytes

        return index_to_bytes(self)

    @classmethod
    def from_bytes(cls, data: bytes) -> VectorIndex:
        from candour.lib.text.vectors.storage import index_from_bytes

        return index_from_bytes(data)


def default_lists(size: int) -> int:
    """About 2 * sqrt(n) lists: probing 24 of them scans ~1% of a million rows."""
    return max(1, min(8192, int(2 * math.sqrt(size))))


def _unit_rows(matrix: NDArray[np.float32], dimensions: int) -> Matrix:
    if matrix.ndim != 2 or matrix.shape[1] != dimensions:
        raise ValueError(f"expected vectors of {dimensions} dimensions, got shape {matrix.shape}")
    if not np.isfinite(matrix).all():
        raise ValueError("vectors contain NaN or infinity")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: Matrix = (matrix / norms).astype(np.float32, copy=False)
    return result
