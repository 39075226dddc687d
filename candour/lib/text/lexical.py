"""BM25 over words: the lexical half of Candour's hybrid search (ADR 0008).

    index = LexicalIndex()
    index.add([1, 2], ["Child missing overnight", "Medication given twice"], [7, 7])
    index.search("missing from home", k=10, groups=[7])      # [(1, 2.31)]

Words come from the same normaliser as the static model (lower case, accents stripped,
punctuation split off), lose a plural "s", and are hashed into a fixed number of buckets:
no vocabulary to grow or store, and reports added later need nothing refitted. Document
frequencies are kept over the live reports, so an index that grows or loses reports
weighs words as a fresh build would.

Reports are stored in parts, each an inverted file (bucket -> reports, sorted) whose
reports are ordered by group: one organisation's postings of a word are one contiguous
slice, so a search within an organisation reads only that organisation's postings.
Adding makes a small part; parts are merged when there are too many. Numpy and scipy
only; no Django.
"""

from __future__ import annotations

import zlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import sparse

from candour.lib.text.embedding.tokenizer import normalise, pre_tokenise
from candour.lib.text.types import Ids

BUCKETS = 1 << 20
# BM25's usual constants; benchmarks/hybrid.py found no better pair on development data.
K1 = 1.2
B = 0.75
MAX_PARTS = 4
FORMAT_VERSION = 1
# A query is scored on at most this many of its words, the rarest; and words in more than
# this share of the reports are left out while rarer ones remain. A common word's postings
# are most of the index, and it barely moves BM25's ranking. Chosen on development data
# (benchmarks/hybrid.py, `query_term_cap`).
MAX_QUERY_TERMS = 32
COMMON_SHARE = 1.0

# Function words that carry nothing about an incident (a short list: BM25's IDF already
# discounts common words, this only saves postings).
_STOP = (
    "a an and are as at be been but by for from had has have he her him his i if in into is "
    "it its me my of on or our she so than that the their them then there they this to was "
    "we were which who will with would you your"
)
STOP_WORDS = frozenset(_STOP.split())

Scores = NDArray[np.float32]

_NOT_COUNTED = -1
_CACHE_LIMIT = 500_000
_BUCKETS_OF: dict[str, int] = {}


def words(text: str) -> list[str]:
    """The words BM25 counts: lower case, no punctuation or stop words, plurals folded."""
    found = []
    for word in pre_tokenise(normalise(text)):
        if not word.isalnum() or word in STOP_WORDS or len(word) > 40:
            continue
        found.append(fold_plural(word))
    return found


def fold_plural(word: str) -> str:
    """A light stemmer (Harman's S-stemmer): "carers" and "carer" count as one word."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    return word[:-1]


def term_ids(text: str) -> NDArray[np.int64]:
    """Each word of the text as a bucket number, in order, repeats kept."""
    return bucket_ids(pre_tokenise(normalise(text)))


def rarest_terms(
    terms: NDArray[np.int64],
    frequencies: NDArray[np.int64],
    documents: int,
    *,
    limit: int = MAX_QUERY_TERMS,
    common_share: float = COMMON_SHARE,
) -> NDArray[np.int64]:
    """The distinct query terms to score: in some report, at most `limit`, rarest first.

    Terms in more than `common_share` of the `documents` are dropped unless no other term
    is left; ties in frequency go to the lower bucket, so a query always keeps the same.
    """
    query = np.unique(terms)
    df = frequencies[query]
    query, df = query[df > 0], df[df > 0]
    rare = df <= common_share * documents
    if rare.any():
        query, df = query[rare], df[rare]
    order = np.lexsort((query, df))[: max(limit, 0)]
    return np.sort(query[order])


def bucket_of(token: str) -> int:
    """The bucket BM25 counts a pre-tokenised word in, or -1 if the word is not counted."""
    if not token.isalnum() or token in STOP_WORDS or len(token) > 40:
        return _NOT_COUNTED
    return zlib.crc32(fold_plural(token).encode()) & (BUCKETS - 1)


def bucket_ids(tokens: Sequence[str]) -> NDArray[np.int64]:
    """`term_ids` of a text already split by `pre_tokenise(normalise(text))`.

    Each distinct word is folded and hashed once per process (a bounded cache): a build
    hashes the same few hundred thousand words millions of times.
    """
    cache = _BUCKETS_OF
    found = list(map(cache.get, tokens))
    if None in found:
        for position, bucket in enumerate(found):
            if bucket is None:
                token = tokens[position]
                found[position] = cache[token] = bucket_of(token)
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
    buckets = np.array(found, dtype=np.int64)
    kept: NDArray[np.int64] = buckets[buckets >= 0]
    return kept


@dataclass
class LexicalPart:
    """A batch of reports as an inverted file; only `alive` ever changes."""

    ids: Ids
    groups: NDArray[np.int64]
    lengths: NDArray[np.float32]
    alive: NDArray[np.bool_]
    # CSR of shape (BUCKETS, reports): row = bucket, column = report position, value = count.
    indptr: NDArray[np.int64]
    postings: NDArray[np.int32]
    counts: NDArray[np.float32]

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def build(
        cls, ids: Ids, groups: NDArray[np.int64], terms: Sequence[NDArray[np.int64]]
    ) -> LexicalPart:
        order = np.lexsort((ids, groups))
        rows = [terms[int(i)] for i in order]
        lengths = np.array([len(r) for r in rows], dtype=np.float32)
        columns = np.repeat(np.arange(len(rows), dtype=np.int64), lengths.astype(np.int64))
        buckets = np.concatenate([*rows, np.zeros(0, dtype=np.int64)])
        matrix = sparse.csr_matrix(
            (np.ones(len(buckets), dtype=np.float32), (buckets, columns)),
            shape=(BUCKETS, len(rows)),
        )
        matrix.sum_duplicates()  # also sorts each bucket's reports
        return cls(
            ids=np.ascontiguousarray(ids[order], dtype=np.int64),
            groups=np.ascontiguousarray(groups[order], dtype=np.int64),
            lengths=lengths,
            alive=np.ones(len(rows), dtype=np.bool_),
            indptr=matrix.indptr.astype(np.int64),
            postings=matrix.indices.astype(np.int32),
            counts=matrix.data.astype(np.float32),
        )

    def live_document_frequencies(self) -> NDArray[np.int64]:
        running = np.concatenate([[0], np.cumsum(self.alive[self.postings], dtype=np.int64)])
        frequencies: NDArray[np.int64] = running[self.indptr[1:]] - running[self.indptr[:-1]]
        return frequencies

    def group_ranges(self, groups: NDArray[np.int64] | None) -> list[tuple[int, int]]:
        """Report positions of the wanted groups, as [start, end) ranges."""
        if groups is None:
            return [(0, len(self))]
        starts = np.searchsorted(self.groups, groups, side="left")
        ends = np.searchsorted(self.groups, groups, side="right")
        return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True) if b > a]

    def find(self, ids: Ids) -> NDArray[np.int64]:
        """Positions of the live reports with these ids (any order)."""
        positions = np.flatnonzero(np.isin(self.ids, ids) & self.alive)
        return positions.astype(np.int64)

    def terms_of(self, position: int) -> NDArray[np.int64]:
        """The buckets (with repeats) of one report: slow, for merging and tests only."""
        rows = np.repeat(np.arange(BUCKETS, dtype=np.int64), np.diff(self.indptr))
        mine = self.postings == position
        return np.repeat(rows[mine], self.counts[mine].astype(np.int64))


class LexicalIndex:
    """BM25 search over reports keyed by an integer id, each in one integer group."""

    def __init__(
        self,
        *,
        k1: float = K1,
        b: float = B,
        max_parts: int = MAX_PARTS,
        max_query_terms: int = MAX_QUERY_TERMS,
        common_share: float = COMMON_SHARE,
    ) -> None:
        self.k1 = k1
        self.b = b
        self.max_parts = max_parts
        self.max_query_terms = max_query_terms
        self.common_share = common_share
        self.parts: list[LexicalPart] = []
        self._frequencies: NDArray[np.int64] | None = None
        # How many reports are live, and their mean length in words: counted once per
        # change, not per query.
        self._live: int | None = None
        # The live reports' mean length in words: counted once per change, not per query.
        self._average: float | None = None

    # ------------------------------------------------------------------ contents

    def __len__(self) -> int:
        if self._live is None:
            self._live = sum(int(part.alive.sum()) for part in self.parts)
        return self._live

    def add(self, ids: ArrayLike, texts: Sequence[str], groups: ArrayLike) -> None:
        """Add reports; an id already present is replaced."""
        self.add_terms(ids, [term_ids(text) for text in texts], groups)

    def add_terms(
        self, ids: ArrayLike, terms: Sequence[NDArray[np.int64]], groups: ArrayLike
    ) -> None:
        id_array = np.asarray(ids, dtype=np.int64).reshape(-1)
        group_array = np.broadcast_to(np.asarray(groups, dtype=np.int64), id_array.shape)
        if len(terms) != len(id_array):
            raise ValueError(f"{len(id_array)} ids but {len(terms)} texts")
        if len(np.unique(id_array)) != len(id_array):
            raise ValueError("ids repeat within one add")
        if len(id_array) == 0:
            return
        self.remove(id_array)
        self.parts.append(LexicalPart.build(id_array, np.asarray(group_array), terms))
        self._frequencies = None
        self._average = None
        self._live = None
        if len(self.parts) > self.max_parts:
            self._merge_small_parts()

    def remove(self, ids: ArrayLike) -> int:
        id_array = np.asarray(ids, dtype=np.int64).reshape(-1)
        removed = 0
        for part in self.parts:
            found = part.find(id_array)
            if len(found):
                if not part.alive.flags.writeable:
                    part.alive = part.alive.copy()
                part.alive[found] = False
                removed += len(found)
        if removed:
            self._frequencies = None
            self._average = None
            self._live = None
        return removed

    def compact(self) -> None:
        """One part holding every live report."""
        if len(self.parts) > 1 or any(not part.alive.all() for part in self.parts):
            merged = _merge(self.parts)
            self.parts = [merged] if len(merged) else []
            self._frequencies = None
            self._average = None
            self._live = None

    # ------------------------------------------------------------------ search

    def search(
        self,
        text: str,
        k: int = 10,
        *,
        groups: Collection[int] | None = None,
        exclude: Iterable[int] = (),
    ) -> list[tuple[int, float]]:
        """The k reports scoring highest for the text's words, best first; ties by id."""
        return self.search_terms(term_ids(text), k, groups=groups, exclude=exclude)

    def search_terms(
        self,
        terms: NDArray[np.int64],
        k: int = 10,
        *,
        groups: Collection[int] | None = None,
        exclude: Iterable[int] = (),
    ) -> list[tuple[int, float]]:
        excluded = np.fromiter(exclude, dtype=np.int64)
        wanted = None if groups is None else np.unique(np.fromiter(groups, dtype=np.int64))
        if k <= 0 or not len(terms) or not self.parts:
            return []
        frequencies = self.document_frequencies()
        documents = len(self)
        if documents == 0:
            return []
        query = rarest_terms(
            terms,
            frequencies,
            documents,
            limit=self.max_query_terms,
            common_share=self.common_share,
        )
        if not len(query):
            return []
        average = self._average_length()
        df = frequencies[query].astype(np.float64)
        idf = np.log1p((documents - df + 0.5) / (df + 0.5)).astype(np.float32)
        found_ids: list[Ids] = []
        found_scores: list[Scores] = []
        for part in self.parts:
            positions, scores = self._score_part(part, query, idf, average, wanted)
            if len(excluded):
                keep = ~np.isin(part.ids[positions], excluded)
                positions, scores = positions[keep], scores[keep]
            if len(scores) > k:
                best = np.argpartition(-scores, k - 1)[:k]
                positions, scores = positions[best], scores[best]
            found_ids.append(np.asarray(part.ids[positions], dtype=np.int64))
            found_scores.append(scores)
        all_ids = np.concatenate(found_ids)
        all_scores = np.concatenate(found_scores)
        order = np.lexsort((all_ids, -all_scores))[:k]
        return [(int(all_ids[i]), float(all_scores[i])) for i in order]

    def _score_part(
        self,
        part: LexicalPart,
        query: NDArray[np.int64],
        idf: NDArray[np.float32],
        average: float,
        groups: NDArray[np.int64] | None,
    ) -> tuple[NDArray[np.int64], Scores]:
        ranges = part.group_ranges(groups)
        if not ranges:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        docs: list[NDArray[np.int32]] = []
        weights: list[Scores] = []
        # In the postings' own type: searching with another makes numpy convert the slice.
        kind = part.postings.dtype.type
        bounds = [(kind(low), kind(high)) for low, high in ranges]
        for term, term_idf in zip(query, idf, strict=True):
            start, end = int(part.indptr[term]), int(part.indptr[term + 1])
            if start == end:
                continue
            postings = part.postings[start:end]
            for low, high in bounds:
                a = start + int(postings.searchsorted(low))
                z = start + int(postings.searchsorted(high))
                if z <= a:
                    continue
                these = np.asarray(part.postings[a:z])
                counts = np.asarray(part.counts[a:z])
                norm = self.k1 * (1 - self.b + self.b * part.lengths[these] / average)
                docs.append(these)
                weights.append(term_idf * counts * (self.k1 + 1) / (counts + norm))
        if not docs:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        all_docs = np.concatenate(docs)
        all_weights = np.concatenate(weights)
        if len(ranges) == 1:
            # One organisation (its own search): count into its slice alone, no sorting.
            first, end = ranges[0]
            totals = np.bincount(all_docs - first, weights=all_weights, minlength=end - first)
            positions = np.flatnonzero(totals)
            scores = totals[positions]
            positions = positions + first
        elif len(all_docs) * 8 > len(part):
            totals = np.bincount(all_docs, weights=all_weights, minlength=len(part))
            positions = np.flatnonzero(totals)
            scores = totals[positions]
        else:
            positions, inverse = np.unique(all_docs, return_inverse=True)
            scores = np.bincount(inverse, weights=all_weights)
        alive = part.alive[positions]
        return positions[alive].astype(np.int64), scores[alive].astype(np.float32)

    # ------------------------------------------------------------------ statistics

    def document_frequencies(self) -> NDArray[np.int64]:
        """In how many live reports each bucket appears (cached until the next change)."""
        if self._frequencies is None:
            total = np.zeros(BUCKETS, dtype=np.int64)
            for part in self.parts:
                total += part.live_document_frequencies()
            self._frequencies = total
        return self._frequencies

    def _average_length(self) -> float:
        if self._average is None:
            words = sum(float(part.lengths[part.alive].sum()) for part in self.parts)
            self._average = max(words / max(len(self), 1), 1.0)
        return self._average

    # ------------------------------------------------------------------ storage

    def to_arrays(self, prefix: str) -> dict[str, NDArray[np.generic]]:
        """Plain arrays to store (names `prefix` + part + field); never pickled."""
        arrays: dict[str, NDArray[np.generic]] = {
            f"{prefix}settings": np.array(
                [FORMAT_VERSION, BUCKETS, len(self.parts), self.k1, self.b], dtype=np.float64
            ),
        }
        if self._frequencies is not None:
            arrays[f"{prefix}df"] = self._frequencies
        for number, part in enumerate(self.parts):
            for field in _FIELDS:
                arrays[f"{prefix}{number}_{field}"] = np.asarray(getattr(part, field))
        return arrays

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, NDArray[np.generic]], prefix: str) -> LexicalIndex:
        """The index stored by `to_arrays`; raises ValueError if it is missing or another kind."""
        settings = arrays.get(f"{prefix}settings")
        if settings is None or len(settings) != 5:
            raise ValueError("no lexical index stored")
        version, buckets, parts, k1, b = (float(x) for x in settings)
        if int(version) != FORMAT_VERSION or int(buckets) != BUCKETS:
            raise ValueError("the lexical index was stored in another format")
        index = cls(k1=k1, b=b)
        for number in range(int(parts)):
            fields = {f: arrays[f"{prefix}{number}_{f}"] for f in _FIELDS}
            part = LexicalPart(
                ids=np.asarray(fields["ids"], dtype=np.int64),
                groups=np.asarray(fields["groups"], dtype=np.int64),
                lengths=np.asarray(fields["lengths"], dtype=np.float32),
                alive=np.asarray(fields["alive"], dtype=np.bool_),
                indptr=np.asarray(fields["indptr"], dtype=np.int64),
                postings=np.asarray(fields["postings"], dtype=np.int32),
                counts=np.asarray(fields["counts"], dtype=np.float32),
            )
            if len(part.indptr) != BUCKETS + 1 or len(part.postings) != len(part.counts):
                raise ValueError("the lexical index is inconsistent")
            index.parts.append(part)
        stored = arrays.get(f"{prefix}df")
        if stored is not None and len(stored) == BUCKETS:
            index._frequencies = np.asarray(stored, dtype=np.int64)
        return index

    # ------------------------------------------------------------------ internals

    def _merge_small_parts(self) -> None:
        largest = max(self.parts, key=len)
        rest = [part for part in self.parts if part is not largest]
        merged = _merge(rest)
        self.parts = [largest, merged] if len(merged) else [largest]


_FIELDS = ("ids", "groups", "lengths", "alive", "indptr", "postings", "counts")


def _merge(parts: Sequence[LexicalPart]) -> LexicalPart:
    """One part holding the live reports of `parts` (their postings are reused as they are)."""
    ids, groups, buckets, columns, counts, lengths = [], [], [], [], [], []
    offset = 0
    for part in parts:
        live = np.flatnonzero(part.alive)
        new_position = np.full(len(part), -1, dtype=np.int64)
        new_position[live] = offset + np.arange(len(live))
        rows = np.repeat(np.arange(BUCKETS, dtype=np.int64), np.diff(part.indptr))
        keep = part.alive[part.postings]
        buckets.append(rows[keep])
        columns.append(new_position[np.asarray(part.postings)[keep]])
        counts.append(np.asarray(part.counts)[keep])
        ids.append(np.asarray(part.ids)[live])
        groups.append(np.asarray(part.groups)[live])
        lengths.append(np.asarray(part.lengths)[live])
        offset += len(live)
    all_ids = np.concatenate([*ids, np.zeros(0, dtype=np.int64)])
    all_groups = np.concatenate([*groups, np.zeros(0, dtype=np.int64)])
    order = np.lexsort((all_ids, all_groups))
    position_of = np.empty(len(order), dtype=np.int64)
    position_of[order] = np.arange(len(order))
    matrix = sparse.csr_matrix(
        (
            np.concatenate([*counts, np.zeros(0, dtype=np.float32)]),
            (
                np.concatenate([*buckets, np.zeros(0, dtype=np.int64)]),
                position_of[np.concatenate([*columns, np.zeros(0, dtype=np.int64)])],
            ),
        ),
        shape=(BUCKETS, len(order)),
    )
    matrix.sum_duplicates()
    return LexicalPart(
        ids=all_ids[order],
        groups=all_groups[order],
        lengths=np.concatenate([*lengths, np.zeros(0, dtype=np.float32)])[order],
        alive=np.ones(len(order), dtype=np.bool_),
        indptr=matrix.indptr.astype(np.int64),
        postings=matrix.indices.astype(np.int32),
        counts=matrix.data.astype(np.float32),
    )
