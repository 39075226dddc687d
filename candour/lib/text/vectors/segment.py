"""An immutable batch of indexed vectors, with deletions marked.

Rows are kept sorted by group (organisation), then by quantiser list: one organisation's
rows are one contiguous slice, so its own search is an exact scan of that slice with no
gathering (a few milliseconds for tens of thousands of rows), and within it the rows of
a list are contiguous too, so an approximate (national) search gathers each probed
list's rows group by group.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from candour.lib.text.types import Ids, Vector

Rows = NDArray[np.int64]
Scores = NDArray[np.float32]
UNASSIGNED = -1
_CHUNK = 16_384


@dataclass
class Segment:
    name: str
    ids: Ids
    groups: NDArray[np.int64]
    vectors: NDArray[np.floating]
    alive: NDArray[np.bool_]
    lists: NDArray[np.int32]
    stored_in: Path | None = None

    def __post_init__(self) -> None:
        count = len(self.ids)
        if not (
            len(self.groups) == len(self.vectors) == len(self.alive) == len(self.lists) == count
        ):
            raise ValueError(f"segment {self.name} has arrays of different lengths")
        if count > 1:
            step = np.diff(np.asarray(self.groups))
            if bool(((step < 0) | ((step == 0) & (np.diff(self.lists) < 0))).any()):
                raise ValueError(f"segment {self.name} is not sorted by group and list")

    @classmethod
    def sorted_by_list(
        cls,
        name: str,
        ids: Ids,
        groups: NDArray[np.int64],
        vectors: NDArray[np.floating],
        lists: NDArray[np.int32],
    ) -> Segment:
        order = np.lexsort((lists, groups))
        return cls(
            name=name,
            ids=np.ascontiguousarray(ids[order], dtype=np.int64),
            groups=np.ascontiguousarray(groups[order], dtype=np.int64),
            vectors=np.ascontiguousarray(vectors[order]),
            alive=np.ones(len(ids), dtype=np.bool_),
            lists=np.ascontiguousarray(lists[order], dtype=np.int32),
        )

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def live(self) -> int:
        return int(self.alive.sum())

    @cached_property
    def _id_order(self) -> Rows:
        return np.argsort(self.ids, kind="stable").astype(np.int64)

    @cached_property
    def _group_spans(self) -> tuple[NDArray[np.int64], Rows, Rows]:
        """The distinct groups, ascending, with where each one's rows start and end."""
        groups = np.asarray(self.groups)
        if len(groups) == 0:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty, empty
        starts = np.concatenate([[0], np.flatnonzero(np.diff(groups)) + 1]).astype(np.int64)
        ends = np.append(starts[1:], len(groups)).astype(np.int64)
        return groups[starts].astype(np.int64), starts, ends

    @cached_property
    def _list_keys(self) -> NDArray[np.int64]:
        """Per row, (its group's position) * stride + its list + 1: ascending over the rows."""
        keys, starts, ends = self._group_spans
        positions = np.repeat(np.arange(len(keys), dtype=np.int64), ends - starts)
        return positions * self._stride + (np.asarray(self.lists, dtype=np.int64) + 1)

    @cached_property
    def _stride(self) -> int:
        return int(np.asarray(self.lists).max(initial=UNASSIGNED)) + 2

    def find(self, ids: Ids) -> tuple[NDArray[np.bool_], Rows]:
        """For each id, whether a live row has it, and that row (meaningless where not)."""
        order = self._id_order
        if len(order) == 0:
            return np.zeros(len(ids), dtype=np.bool_), np.zeros(len(ids), dtype=np.int64)
        positions = np.minimum(np.searchsorted(self.ids, ids, sorter=order), len(order) - 1)
        rows = order[positions]
        found = (self.ids[rows] == ids) & self.alive[rows]
        return found, rows

    def group_ranges(self, groups: NDArray[np.int64]) -> list[tuple[int, int]]:
        """The contiguous row ranges of the (sorted, unique) groups present."""
        keys, starts, ends = self._group_spans
        at = np.searchsorted(keys, groups[np.isin(groups, keys)])
        return [(int(starts[i]), int(ends[i])) for i in at]

    def count_in_groups(self, groups: NDArray[np.int64]) -> int:
        return sum(end - start for start, end in self.group_ranges(groups))

    def list_rows(self, lists: NDArray[np.int64], groups: NDArray[np.int64] | None) -> Rows:
        """Rows in any of the (sorted, unique) lists, within the groups if given, ascending."""
        keys, _, _ = self._group_spans
        positions = np.arange(len(keys), dtype=np.int64)
        if groups is not None:
            positions = positions[np.isin(keys, groups)]
        if len(positions) == 0 or len(lists) == 0:
            return np.empty(0, dtype=np.int64)
        wanted = (positions[:, None] * self._stride + (lists.astype(np.int64) + 1)[None, :]).ravel()
        starts = np.searchsorted(self._list_keys, wanted, side="left")
        lengths = np.searchsorted(self._list_keys, wanted, side="right") - starts
        total = int(lengths.sum())
        offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths)
        rows: Rows = offsets + np.arange(total, dtype=np.int64)
        return rows

    def top(
        self,
        query: Vector,
        k: int,
        *,
        rows: Rows | None = None,
        ranges: Sequence[tuple[int, int]] | None = None,
        groups: NDArray[np.int64] | None = None,
    ) -> tuple[Ids, Scores]:
        """The k best live rows among `rows`, or in `ranges`, or anywhere; within `groups`."""
        if rows is not None:
            candidates = np.sort(rows)
            scores = self._score_rows(query, candidates)
        else:
            spans = ranges if ranges is not None else [(0, len(self))]
            candidates, scores = self._score_ranges(query, spans)
        keep = self.alive[candidates]
        if groups is not None:
            keep &= np.isin(self.groups[candidates], groups)
        candidates, scores = candidates[keep], scores[keep]
        if len(scores) > k:
            best = np.argpartition(-scores, k - 1)[:k]
            candidates, scores = candidates[best], scores[best]
        return np.asarray(self.ids[candidates], dtype=np.int64), scores

    def _score_ranges(self, query: Vector, spans: Sequence[tuple[int, int]]) -> tuple[Rows, Scores]:
        total = sum(end - start for start, end in spans)
        rows = np.empty(total, dtype=np.int64)
        scores = np.empty(total, dtype=np.float32)
        at = 0
        for start, end in spans:
            for low in range(start, end, _CHUNK):
                high = min(end, low + _CHUNK)
                block = np.asarray(self.vectors[low:high], dtype=np.float32)
                scores[at : at + high - low] = dot(block, query)
                rows[at : at + high - low] = np.arange(low, high)
                at += high - low
        return rows, scores

    def _score_rows(self, query: Vector, rows: Rows) -> Scores:
        scores = np.empty(len(rows), dtype=np.float32)
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            block = np.asarray(self.vectors[chunk], dtype=np.float32)
            scores[start : start + len(chunk)] = dot(block, query)
        return scores


def dot(matrix: NDArray[np.float32], vector: Vector) -> Scores:
    """Matrix-vector product on this thread alone.

    BLAS would split it across threads, and on a busy machine (a web server's workers, the
    database) waiting for a second core to be free costs milliseconds per call.
    """
    scores: Scores = np.einsum("ij,j->i", matrix, vector)
    return scores


def merge(name: str, segments: Sequence[Segment], dtype: np.dtype[np.floating]) -> Segment:
    """One segment holding the live rows of all `segments`, sorted by list."""
    keep = [segment.alive for segment in segments]

    def joined(part: str) -> NDArray[np.generic]:
        return np.concatenate(
            [np.asarray(getattr(s, part))[m] for s, m in zip(segments, keep, strict=True)]
        )

    return Segment.sorted_by_list(
        name,
        joined("ids").astype(np.int64),
        joined("groups").astype(np.int64),
        joined("vectors").astype(dtype, copy=False),
        joined("lists").astype(np.int32),
    )
