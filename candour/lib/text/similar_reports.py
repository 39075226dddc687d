"""Similar reports: de-identified text in, the ids of the most similar indexed reports out.

    reports = SimilarReports.build(lambda: rows)     # background command; rows of Report
    reports.save(directory)
    reports = SimilarReports.load(directory)         # web process (or SharedReports)
    reports.similar(text, k=10, groups=[organisation_id])

Hybrid (ADR 0008): each search ranks the reports twice, by BM25 over their words
(`lexical.py`) and by the static embedding's cosine (the vector index), and fuses the two
rankings (`hybrid.py`). What is learned from the reports themselves (boilerplate
sentences, token weights, word frequencies) is fitted when the index is built and saved
with it; reports added later are embedded with the same, so a periodic rebuild refreshes
both.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import NamedTuple, TypeVar

import numpy as np
from numpy.typing import NDArray

from candour.lib.text.embedding.boilerplate import (
    Boilerplate,
    SentenceCounter,
    drop_placeholders,
)
from candour.lib.text.embedding.embedder import StaticEmbedder, default_embedder
from candour.lib.text.embedding.tokenizer import normalise, pre_tokenise
from candour.lib.text.embedding.weights import TokenCounter, Weights
from candour.lib.text.hybrid import LEXICAL_WEIGHT, depth_for, fuse
from candour.lib.text.lexical import LexicalIndex, bucket_ids
from candour.lib.text.types import Matrix, Vector
from candour.lib.text.vectors.index import Hit, StorageType, VectorIndex
from candour.lib.text.vectors.storage import stored_generation

_EMBEDDER = "embedder"
_BOILERPLATE = "boilerplate"
_WEIGHTS = "token_weights"
_LEXICAL = "lexical"
_LEXICAL_KIND = "bm25-v1"
_LEXICAL_PREFIX = "lex_"


class Report(NamedTuple):
    id: int
    group: int
    text: str


class _Encoded(NamedTuple):
    ids: NDArray[np.int64]
    groups: NDArray[np.int64]
    vectors: Matrix
    terms: list[NDArray[np.int64]]


_Result = TypeVar("_Result")

# Rows gathered before each add while building: fewer, larger segments and parts to merge.
_ADD_ROWS = 131_072
# The index being built, for forked encoding processes (inherited, never pickled).
_building: SimilarReports | None = None


def _encode_in_worker(batch: list[Report | tuple[int, int, str]]) -> _Encoded:
    assert _building is not None  # noqa: S101 - set before the processes fork
    return _building.encode(batch)


def _count_tokens(batch: list[Report | tuple[int, int, str]]) -> TokenCounter:
    assert _building is not None  # noqa: S101 - set before the processes fork
    embedder = _building.embedder
    counter = TokenCounter(len(embedder))
    counter.add_many([embedder.token_ids(_building.prepare(row[2])) for row in batch])
    return counter


def _count_sentences(batch: list[Report | tuple[int, int, str]]) -> SentenceCounter:
    counter = SentenceCounter()
    for _, group, text in batch:
        counter.add(drop_placeholders(text), group)
    return counter


def in_processes(
    work: Callable[[list[Report | tuple[int, int, str]]], _Result],
    batches: Iterator[list[Report | tuple[int, int, str]]],
    workers: int,
) -> Iterator[_Result]:
    """`work` done on each batch, results in order: here, or in `workers` forked processes."""
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(work, batches)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        # A few batches per process at a time, so the reports read stay bounded.
        while window := list(islice(batches, 2 * workers)):
            yield from pool.map(work, window, chunksize=1)


def encoded_batches(
    reports: SimilarReports,
    batches: Iterator[list[Report | tuple[int, int, str]]],
    workers: int,
) -> Iterator[_Encoded]:
    """Each batch encoded, in order: here, or in `workers` forked processes."""
    return with_reports(reports, _encode_in_worker, batches, workers)


def with_reports(
    reports: SimilarReports,
    work: Callable[[list[Report | tuple[int, int, str]]], _Result],
    batches: Iterator[list[Report | tuple[int, int, str]]],
    workers: int,
) -> Iterator[_Result]:
    """`in_processes`, with `reports` (its boilerplate and weights) known to `work`."""
    global _building
    _building = reports  # inherited by the forked processes, never pickled
    try:
        yield from in_processes(work, batches, workers)
    finally:
        _building = None


class _StageTimer:
    def __init__(self, seconds: dict[str, float] | None) -> None:
        self.seconds = seconds
        self.started = time.perf_counter()

    def lap(self, stage: str) -> None:
        if self.seconds is not None:
            now = time.perf_counter()
            self.seconds[stage] = round(now - self.started, 2)
            self.started = now


class StaleIndexError(RuntimeError):
    """The index was built with another embedding model: rebuild it."""


class SimilarReports:
    def __init__(
        self,
        index: VectorIndex,
        embedder: StaticEmbedder | None = None,
        boilerplate: Boilerplate | None = None,
        weights: Weights | None = None,
        lexical: LexicalIndex | None = None,
        *,
        lexical_weight: float = LEXICAL_WEIGHT,
    ) -> None:
        base = embedder if embedder is not None else default_embedder()
        if index.dimensions != base.dimensions:
            raise StaleIndexError("the index and the embedder have different dimensions")
        self.index = index
        self.embedder = base.reweighted(weights)
        self.boilerplate = boilerplate if boilerplate is not None else Boilerplate()
        self.lexical = lexical if lexical is not None else LexicalIndex()
        self.lexical_weight = lexical_weight

    @classmethod
    def build(
        cls,
        source: Callable[[], Iterable[Report | tuple[int, int, str]]],
        *,
        embedder: StaticEmbedder | None = None,
        batch_size: int = 4096,
        min_share: float = 0.05,
        min_reports: int = 20,
        weight_sample: int = 100_000,
        weighted: bool = True,
        storage: StorageType = "float32",
        workers: int = 1,
        stage_seconds: dict[str, float] | None = None,
    ) -> SimilarReports:
        """Index every report from `source`, which is called up to three times.

        Passes: count sentences (boilerplate); count tokens in the first `weight_sample`
        reports (weights); embed and index everything, then train the quantiser if needed.
        With `workers` above 1, the first pass hashes sentences and the third embeds and
        hashes words in that many forked processes (where the platform forks), batches in
        order; the index is built here. Each report's text is prepared and split into words
        once in the third pass, for both the embedding and BM25. `stage_seconds`, if given,
        receives each stage's wall-clock time.
        """
        timer = _StageTimer(stage_seconds)
        base = embedder if embedder is not None else default_embedder()
        sentences = SentenceCounter()
        rows = iter(source())
        batches = iter(lambda: list(islice(rows, batch_size)), [])
        for counted in in_processes(_count_sentences, batches, workers):
            sentences.merge(counted)
        boilerplate = sentences.boilerplate(min_share=min_share, min_reports=min_reports)
        timer.lap("form_sentences")
        weights = None
        if weighted:
            tokens = TokenCounter(len(base))
            unweighted = cls(VectorIndex(base.dimensions), base, boilerplate)
            rows = islice(source(), weight_sample)
            batches = iter(lambda: list(islice(rows, batch_size)), [])
            for part in with_reports(unweighted, _count_tokens, batches, workers):
                tokens.merge(part)
            weights = tokens.weights()
        timer.lap("word_weights")
        reports = cls(VectorIndex(base.dimensions, storage=storage), base, boilerplate, weights)
        rows = iter(source())
        batches = iter(lambda: list(islice(rows, batch_size)), [])
        pending: list[_Encoded] = []
        for encoded in encoded_batches(reports, batches, workers):
            pending.append(encoded)
            if sum(len(e.ids) for e in pending) >= _ADD_ROWS:
                reports._add_encoded(pending)
                pending = []
        reports._add_encoded(pending)
        timer.lap("encoding_and_adding")
        reports.index.compact()
        reports.lexical.compact()
        timer.lap("compacting")
        if reports.index.needs_training:
            reports.index.train()
        timer.lap("quantiser_training")
        return reports

    # ------------------------------------------------------------------ use

    def prepare(self, text: str) -> str:
        """What is embedded: the text without placeholders or boilerplate sentences."""
        return self.boilerplate.strip_from(drop_placeholders(text))

    def tokenise(self, text: str) -> list[str]:
        """The prepared text split into words once, for both the embedding and BM25."""
        return pre_tokenise(normalise(self.prepare(text)))

    def embed(self, texts: Sequence[str]) -> Matrix:
        return self.embedder.embed_tokenised([self.tokenise(text) for text in texts])

    def add(self, ids: Sequence[int], texts: Sequence[str], groups: Sequence[int]) -> None:
        """Index (or re-index) reports; a background job calls this as reports arrive."""
        encoded = self.encode(list(zip(ids, groups, texts, strict=True)))
        self.index.add(encoded.ids, encoded.vectors, encoded.groups)
        self.lexical.add_terms(encoded.ids, encoded.terms, encoded.groups)

    def encode(self, batch: Sequence[Report | tuple[int, int, str]]) -> _Encoded:
        """A batch's vectors and word buckets, ready to index (the costly part of adding)."""
        tokens = [self.tokenise(row[2]) for row in batch]
        return _Encoded(
            np.array([row[0] for row in batch], dtype=np.int64),
            np.array([row[1] for row in batch], dtype=np.int64),
            self.embedder.embed_tokenised(tokens),
            [bucket_ids(words) for words in tokens],
        )

    def _add_encoded(self, encoded: Sequence[_Encoded]) -> None:
        if not encoded:
            return
        ids = np.concatenate([e.ids for e in encoded])
        groups = np.concatenate([e.groups for e in encoded])
        self.index.add(ids, np.concatenate([e.vectors for e in encoded]), groups)
        self.lexical.add_terms(ids, [t for e in encoded for t in e.terms], groups)

    def remove(self, ids: Sequence[int]) -> int:
        self.lexical.remove(ids)
        return self.index.remove(ids)

    def similar(
        self,
        text: str,
        k: int = 10,
        *,
        groups: Collection[int] | None = None,
        exclude: Iterable[int] = (),
        vector: Vector | None = None,
    ) -> list[Hit]:
        """The k indexed reports most like `text`, best first; `groups` limits organisations.

        Scores are the fused rank score (1.0: first by words and by meaning). `vector`, if
        given, is used instead of embedding the text again (an indexed report's own).
        """
        excluded = list(exclude)
        tokens = self.tokenise(text)
        query = vector if vector is not None else self.embedder.embed_tokenised([tokens])[0]
        depth = depth_for(k)
        semantic = self.index.search(query, depth, groups=groups, exclude=excluded)
        lexical = self.lexical.search_terms(
            bucket_ids(tokens), depth, groups=groups, exclude=excluded
        )
        fused = fuse(lexical, semantic, k=k, lexical_weight=self.lexical_weight)
        return [Hit(item.id, item.score) for item in fused]

    def similar_to(
        self, report_id: int, k: int = 10, *, groups: Collection[int] | None = None
    ) -> list[Hit]:
        """Reports most like an indexed report by meaning alone, without its text."""
        vector = self.index.vector(report_id)
        if vector is None:
            return []
        return self.index.search(vector, k, groups=groups, exclude=(report_id,))

    # ------------------------------------------------------------------ storage

    def save(self, directory: Path) -> None:
        self.index.metadata[_EMBEDDER] = self.embedder.fingerprint
        self.index.metadata[_BOILERPLATE] = self.boilerplate.to_json()
        self.index.metadata[_LEXICAL] = _LEXICAL_KIND
        self.index.extras.pop(_WEIGHTS, None)
        if self.embedder.weights is not None:
            self.index.extras[_WEIGHTS] = self.embedder.weights
        for key in [key for key in self.index.extras if key.startswith(_LEXICAL_PREFIX)]:
            del self.index.extras[key]
        self.lexical.document_frequencies()  # stored, so readers need not count postings
        self.index.extras.update(self.lexical.to_arrays(_LEXICAL_PREFIX))
        self.index.save(directory)

    @classmethod
    def load(
        cls, directory: Path, embedder: StaticEmbedder | None = None, *, mmap: bool = True
    ) -> SimilarReports:
        index = VectorIndex.load(directory, mmap=mmap)
        base = embedder if embedder is not None else default_embedder()
        if index.metadata.get(_EMBEDDER) != base.fingerprint:
            raise StaleIndexError(
                f"index built with {index.metadata.get(_EMBEDDER)!r}, "
                f"embedder is {base.fingerprint!r}"
            )
        if index.metadata.get(_LEXICAL) != _LEXICAL_KIND:
            raise StaleIndexError("the index has no word index of this kind: rebuild it")
        try:
            lexical = LexicalIndex.from_arrays(index.extras, _LEXICAL_PREFIX)
        except (KeyError, ValueError) as error:
            raise StaleIndexError(f"the word index is unusable: {error}") from error
        boilerplate = Boilerplate.from_json(index.metadata[_BOILERPLATE])
        weights = index.extras.get(_WEIGHTS)
        return cls(
            index,
            base,
            boilerplate,
            None if weights is None else weights.astype(np.float32),
            lexical,
        )


class SharedReports:
    """A process-wide SimilarReports for a directory, reloaded when a new generation is saved.

    Looks at the manifest at most every `check_every` seconds; safe to call from threads.
    """

    def __init__(self, directory: Path, *, check_every: float = 10.0) -> None:
        self.directory = directory
        self.check_every = check_every
        self._lock = threading.Lock()
        self._reports: SimilarReports | None = None
        self._checked = -float("inf")

    def get(self) -> SimilarReports | None:
        """The current index, or None if none has been built yet."""
        now = time.monotonic()
        with self._lock:
            if now - self._checked >= self.check_every:
                self._checked = now
                generation = stored_generation(self.directory)
                if generation is None:
                    self._reports = None
                elif self._reports is None or self._reports.index.generation != generation:
                    self._reports = SimilarReports.load(self.directory)
            return self._reports
