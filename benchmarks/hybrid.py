"""Hybrid retrieval (BM25 fused with the static embedding) against each method alone.

    .venv/bin/python benchmarks/hybrid.py --transformer-python /tmp/minilm/bin/python
    .venv/bin/python benchmarks/hybrid.py --quick                # smaller sets, no scale
    .venv/bin/python benchmarks/hybrid.py --scale 1000000        # also the 1M-report timings
    .venv/bin/python benchmarks/hybrid.py --vector-libraries 1000000   # faiss, usearch vs ours

Side by side in one run, on the same queries: TF-IDF (scikit-learn, sublinear tf, cosine),
BM25 (Candour's, candour.lib.text.lexical; and the bm25s library where installed), the
static embedding alone (Candour's pipeline: boilerplate removed, IDF-weighted), MiniLM
(all-MiniLM-L6-v2, where an interpreter with torch is given) and the hybrid engine that
Candour's similar-report search uses (candour.lib.text.similar_reports).

Real text is the headline; the generated care reports are a regression check only:
- ASRS: each analyst's synopsis as a query for its own report's narrative among all 957
  (MRR with the rank cut at 100, recall@10).
- NHS Friends and Family Test comments with exactly one specific theme: share of a
  comment's 10 nearest other comments with the same theme (P@10).
- Generated UK children's social-care reports (benchmarks/similarity.py's corpus, written
  by us): P@10 and MRR@10 of a report's paraphrases.

Development and test: on each corpus the queries are split in half by a fixed seed (the
documents searched are all of them, as in use). The fusion weight and RRF constant are
chosen on the development halves of the two real corpora only, by the mean of each
hybrid's score over the best single method's; every figure in the headline is on the
untouched test halves. MiniLM and bm25s take no part in the choice.

Network access is blocked for the whole run. Writes benchmarks/results/hybrid.json.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from similarity import (  # noqa: E402 - the corpora and MiniLM's worker are shared
    SEED,
    Transformer,
    asrs,
    block_network,
    feedback,
    make_corpus,
    organisation_sizes,
    percentiles,
    rss_mb,
)

from candour.lib.text.hybrid import FUSION, LEXICAL_WEIGHT, RRF_K, fuse  # noqa: E402
from candour.lib.text.lexical import rarest_terms, term_ids  # noqa: E402
from candour.lib.text.similar_reports import SimilarReports  # noqa: E402
from candour.lib.text.vectors.index import VectorIndex  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "hybrid.json"
DEPTH = 100
WEIGHTS = tuple(round(w, 2) for w in np.arange(0.0, 1.001, 0.05))
RRF_CONSTANTS = (10, 30, 60, 100)
Ranking = list[int]
Scored = list[tuple[int, float]]
METHODS = ("rrf", "scores", "minmax")


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------- tasks


@dataclass(frozen=True)
class Task:
    """Documents to search; queries (None: each document in turn, itself excluded)."""

    name: str
    documents: list[str]
    queries: list[str] | None
    groups: list[int]
    # Per query: the document positions that count as right answers.
    relevant: Callable[[int], set[int]]
    kind: str  # "known-item" or "neighbours"

    @property
    def query_count(self) -> int:
        return len(self.queries) if self.queries is not None else len(self.documents)

    def query(self, i: int) -> str:
        return self.queries[i] if self.queries is not None else self.documents[i]

    def excluded(self, i: int) -> list[int]:
        return [] if self.queries is not None else [i]


def split(count: int, seed: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    order = np.random.default_rng(seed).permutation(count)
    half = count // 2
    return np.sort(order[:half]), np.sort(order[half:])


def tasks(quick: bool) -> list[Task]:
    items = asrs(300 if quick else None)
    comments, labels = feedback(800 if quick else 2000)
    corpus = make_corpus(40 if quick else 150)
    by_label: dict[int, set[int]] = {}
    for i, label in enumerate(labels.tolist()):
        by_label.setdefault(label, set()).add(i)
    by_group: dict[int, set[int]] = {}
    for i, group in enumerate(corpus.groups.tolist()):
        by_group.setdefault(group, set()).add(i)
    label_list, group_list = labels.tolist(), corpus.groups.tolist()
    return [
        Task(
            "asrs",
            items.documents,
            items.queries,
            [0] * len(items.documents),
            lambda i: {i},
            "known-item",
        ),
        Task(
            "feedback",
            comments,
            None,
            [0] * len(comments),
            lambda i: by_label[label_list[i]] - {i},
            "neighbours",
        ),
        Task(
            "synthetic",
            corpus.texts,
            None,
            corpus.organisations.tolist(),
            lambda i: by_group[group_list[i]] - {i},
            "neighbours",
        ),
    ]


# ---------------------------------------------------------------------------- rankings


def engine_rankings(task: Task) -> tuple[list[Scored], list[Scored], dict[str, float]]:
    """BM25's and the embedding's top DEPTH per query, from Candour's own engine."""
    started = time.perf_counter()
    records = [(i, task.groups[i], text) for i, text in enumerate(task.documents)]
    reports = SimilarReports.build(lambda: records)
    built = time.perf_counter() - started
    lexical: list[Scored] = []
    semantic: list[Scored] = []
    lexical_seconds = semantic_seconds = hybrid_seconds = 0.0
    for i in range(task.query_count):
        text = task.query(i)
        excluded = task.excluded(i)
        prepared = reports.prepare(text)
        vector = reports.index.vector(i) if task.queries is None else None
        a = time.perf_counter()
        if vector is None:
            vector = reports.embedder.embed_many([prepared])[0]
        semantic.append(
            [(h.id, h.score) for h in reports.index.search(vector, DEPTH, exclude=excluded)]
        )
        b = time.perf_counter()
        lexical.append(reports.lexical.search(prepared, DEPTH, exclude=excluded))
        c = time.perf_counter()
        reports.similar(text, 10, exclude=excluded, vector=vector)
        d = time.perf_counter()
        semantic_seconds += b - a
        lexical_seconds += c - b
        hybrid_seconds += d - c
    n = max(task.query_count, 1)
    timing = {
        "build_seconds": round(built, 2),
        "bm25_query_ms": round(1000 * lexical_seconds / n, 3),
        "embedding_query_ms": round(1000 * semantic_seconds / n, 3),
        "hybrid_query_ms": round(1000 * hybrid_seconds / n, 3),
    }
    return lexical, semantic, timing


def tfidf_rankings(task: Task) -> list[Ranking]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(sublinear_tf=True, min_df=2)
    documents = vectoriser.fit_transform(task.documents)
    queries = (
        vectoriser.transform(task.queries) if task.queries is not None else documents
    ).tocsr()
    return _dense_rankings(task, lambda rows: (queries[rows] @ documents.T).toarray())


def vector_rankings(
    task: Task, documents: NDArray[np.float32], queries: NDArray[np.float32]
) -> list[Ranking]:
    return _dense_rankings(task, lambda rows: queries[rows] @ documents.T)


def _dense_rankings(
    task: Task, scores_for: Callable[[NDArray[np.int64]], NDArray[np.floating]]
) -> list[Ranking]:
    rankings: list[Ranking] = []
    for start in range(0, task.query_count, 256):
        rows = np.arange(start, min(start + 256, task.query_count))
        scores = np.asarray(scores_for(rows), dtype=np.float64)
        if task.queries is None:
            scores[np.arange(len(rows)), rows] = -np.inf
        top = np.argsort(-scores, axis=1, kind="stable")[:, :DEPTH]
        rankings.extend([[int(x) for x in row] for row in top])
    return rankings


def bm25s_rankings(task: Task) -> list[Ranking] | str:
    try:
        bm25s: Any = importlib.import_module("bm25s")
    except ImportError:
        return "bm25s is not installed"
    from candour.lib.text.lexical import words

    retriever = bm25s.BM25()
    retriever.index([words(text) for text in task.documents], show_progress=False)
    rankings: list[Ranking] = []
    for i in range(task.query_count):
        query = words(task.query(i)) or ["nothing"]
        found, _ = retriever.retrieve(
            [query], k=min(DEPTH + 1, len(task.documents)), show_progress=False
        )
        rankings.append([int(x) for x in found[0] if int(x) not in task.excluded(i)][:DEPTH])
    return rankings


def fused(
    lexical: list[Scored],
    semantic: list[Scored],
    weight: float,
    rrf_k: int,
    method: str,
    rows: Sequence[int] | None = None,
) -> list[Ranking]:
    chosen = range(len(lexical)) if rows is None else set(int(r) for r in rows)
    return [
        [f.id for f in fuse(a, b, k=DEPTH, lexical_weight=weight, rrf_k=rrf_k, method=method)]
        if i in chosen
        else []
        for i, (a, b) in enumerate(zip(lexical, semantic, strict=True))
    ]


def ids(scored: list[Scored]) -> list[Ranking]:
    return [[item for item, _ in row] for row in scored]


# ---------------------------------------------------------------------------- metrics


def scores(task: Task, rankings: list[Ranking], rows: NDArray[np.int64]) -> dict[str, float]:
    if task.kind == "known-item":
        ranks = []
        for i in rows:
            ranking = rankings[int(i)]
            ranks.append(ranking.index(int(i)) + 1 if int(i) in ranking else np.inf)
        found = np.array(ranks, dtype=np.float64)
        return {
            "mrr": round(float((1 / found).mean()), 3),
            "recall_at_1": round(float((found == 1).mean()), 3),
            "recall_at_10": round(float((found <= 10).mean()), 3),
        }
    precision, reciprocal = [], []
    for i in rows:
        right = task.relevant(int(i))
        top = rankings[int(i)][:10]
        hits = [x in right for x in top]
        precision.append(sum(hits) / 10)
        reciprocal.append(1 / (hits.index(True) + 1) if any(hits) else 0.0)
    return {
        "p_at_10": round(float(np.mean(precision)), 3),
        "mrr_at_10": round(float(np.mean(reciprocal)), 3),
    }


HEADLINE = {"asrs": "mrr", "feedback": "p_at_10", "synthetic": "p_at_10"}


# ---------------------------------------------------------------------------- quality


def quality(quick: bool, transformer: Transformer) -> dict[str, Any]:
    prepared = []
    for number, task in enumerate(tasks(quick)):
        dev, test = split(task.query_count, SEED + number)
        progress(f"{task.name}: {len(task.documents)} documents, {task.query_count} queries")
        lexical, semantic, timing = engine_rankings(task)
        methods: dict[str, list[Ranking]] = {
            "tfidf": tfidf_rankings(task),
            "bm25": ids(lexical),
            "embedding": ids(semantic),
        }
        notes: dict[str, str] = {}
        library = bm25s_rankings(task)
        if isinstance(library, str):
            notes["bm25s"] = library
        else:
            methods["bm25s"] = library
        if transformer.available:
            progress(f"{task.name}: MiniLM")
            documents, _ = transformer.embed(task.documents)
            queries = transformer.embed(task.queries)[0] if task.queries is not None else documents
            methods["minilm"] = vector_rankings(task, documents, queries)
        else:
            notes["minilm"] = transformer.reason
        prepared.append((task, dev, test, lexical, semantic, methods, notes, timing))

    # Choose the weight and RRF constant on the development halves of the real corpora.
    grid: list[dict[str, Any]] = []
    best_single = {
        task.name: max(
            scores(task, methods[m], dev)[HEADLINE[task.name]]
            for m in ("tfidf", "bm25", "embedding")
        )
        for task, dev, _t, _l, _s, methods, _n, _ti in prepared
    }
    settings = [
        (m, w, k) for m in METHODS for w in WEIGHTS for k in (RRF_CONSTANTS if m == "rrf" else (0,))
    ]
    for method, weight, rrf_k in settings:
        row: dict[str, Any] = {"method": method, "lexical_weight": float(weight), "rrf_k": rrf_k}
        relative = []
        for task, dev, _test, lexical, semantic, _methods, _notes, _timing in prepared:
            if task.name == "synthetic":
                continue
            metric = HEADLINE[task.name]
            value = scores(
                task, fused(lexical, semantic, weight, rrf_k or RRF_K, method, dev.tolist()), dev
            )[metric]
            row[task.name] = value
            relative.append(value / best_single[task.name])
        row["objective"] = round(float(np.mean(relative)), 4)
        grid.append(row)
    chosen = max(grid, key=lambda r: (r["objective"], -abs(r["lexical_weight"] - 0.5)))
    progress(f"chosen on development data: {chosen}")

    corpora: dict[str, Any] = {}
    for task, dev, test, lexical, semantic, methods, notes, timing in prepared:
        methods = {
            **methods,
            "hybrid": fused(
                lexical,
                semantic,
                chosen["lexical_weight"],
                chosen["rrf_k"] or RRF_K,
                chosen["method"],
            ),
        }
        corpora[task.name] = {
            "documents": len(task.documents),
            "development_queries": len(dev),
            "test_queries": len(test),
            "test": {name: scores(task, ranking, test) for name, ranking in methods.items()},
            "development": {name: scores(task, ranking, dev) for name, ranking in methods.items()},
            "skipped": notes,
            "timing_at_this_size": timing,
        }
    return {"chosen": chosen, "grid": grid, "corpora": corpora}


# ---------------------------------------------------------------------------- query-term cap

# (most query terms scored, largest share of reports a scored term may be in); the first
# is no cap at all. Chosen: the fewest postings read among settings whose development-half
# hybrid score is within CAP_TOLERANCE of no cap's (candour.lib.text.lexical's
# MAX_QUERY_TERMS, COMMON_SHARE). The rule first run asked for no loss at all and chose
# 64 terms, which read 99.8% of the postings, i.e. no cap; the tolerance was set after it.
CAP_TOLERANCE = 0.002
CAPS = (
    (10_000, 1.0),
    (64, 1.0),
    (32, 1.0),
    (24, 1.0),
    (16, 1.0),
    (12, 1.0),
    (32, 0.5),
    (32, 0.3),
    (32, 0.2),
    (32, 0.1),
    (16, 0.2),
)


def query_term_cap(quick: bool) -> dict[str, Any]:
    """BM25 and the hybrid with each query scored on its rarest words only (CAPS).

    Cost is counted, not timed: the postings a query's scored words have (what BM25 reads),
    as a share of the uncapped query's. Fusion as in use (hybrid.FUSION, LEXICAL_WEIGHT).
    """
    rows: list[dict[str, Any]] = [
        {"max_query_terms": limit, "common_share": share} for limit, share in CAPS
    ]
    halves: dict[str, tuple[NDArray[np.int64], NDArray[np.int64]]] = {}
    for number, task in enumerate(tasks(quick)):
        dev, test = split(task.query_count, SEED + number)
        halves[task.name] = (dev, test)
        records = [(i, task.groups[i], text) for i, text in enumerate(task.documents)]
        reports = SimilarReports.build(functools.partial(list, records))
        index = reports.lexical
        frequencies = index.document_frequencies()
        semantic: list[Scored] = []
        terms = []
        for i in range(task.query_count):
            text = task.query(i)
            vector = reports.index.vector(i) if task.queries is None else None
            if vector is None:
                vector = reports.embed([text])[0]
            found = reports.index.search(vector, DEPTH, exclude=task.excluded(i))
            semantic.append([(h.id, h.score) for h in found])
            terms.append(term_ids(reports.prepare(text)))
        uncapped_cost = None
        for row, (limit, share) in zip(rows, CAPS, strict=True):
            index.max_query_terms, index.common_share = limit, share
            lexical = [
                index.search_terms(terms[i], DEPTH, exclude=task.excluded(i))
                for i in range(task.query_count)
            ]
            cost = sum(
                int(
                    frequencies[
                        rarest_terms(t, frequencies, len(index), limit=limit, common_share=share)
                    ].sum()
                )
                for t in terms
            )
            uncapped_cost = uncapped_cost or max(cost, 1)
            hybrid = fused(lexical, semantic, LEXICAL_WEIGHT, RRF_K, FUSION)
            metric = HEADLINE[task.name]
            row[task.name] = {
                "postings_read_share": round(cost / uncapped_cost, 3),
                "development": {
                    "bm25": scores(task, ids(lexical), dev)[metric],
                    "hybrid": scores(task, hybrid, dev)[metric],
                },
                "test": {
                    "bm25": scores(task, ids(lexical), test)[metric],
                    "hybrid": scores(task, hybrid, test)[metric],
                },
            }
        progress(f"query-term cap: {task.name} done")
    real = ("asrs", "feedback")
    base = rows[0]
    for row in rows:
        row["development_hybrid_relative"] = round(
            float(
                np.mean(
                    [
                        row[n]["development"]["hybrid"] / base[n]["development"]["hybrid"]
                        for n in real
                    ]
                )
            ),
            4,
        )
        row["postings_read_share_mean"] = round(
            float(np.mean([row[n]["postings_read_share"] for n in real])), 3
        )
    keeping = [row for row in rows if row["development_hybrid_relative"] >= 1.0 - CAP_TOLERANCE]
    chosen = min(keeping, key=lambda r: (r["postings_read_share_mean"], -r["max_query_terms"]))
    return {
        "settings": rows,
        "chosen": {
            "max_query_terms": chosen["max_query_terms"],
            "common_share": chosen["common_share"],
        },
        "rule": "the fewest postings read among settings whose development-half hybrid score "
        f"(mean over ASRS MRR and NHS P@10, relative to no cap) is within {CAP_TOLERANCE:.1%} "
        "of no cap's; first run with no loss allowed, which chose 64 terms (no cap in effect)",
        "run": time.strftime("%Y-%m-%d"),
    }


# ---------------------------------------------------------------------------- scale


# The processes a build encodes in (candour.learning.similar.store.BUILD_WORKERS).
BUILD_WORKERS = 2


def stored_vectors(reports: SimilarReports, count: int) -> NDArray[np.float32]:
    rows = np.zeros((count, reports.index.dimensions), dtype=np.float32)
    for segment in reports.index.segments:
        rows[segment.ids] = segment.vectors
    return rows


def resampled_texts(texts: Sequence[str], count: int, rng: np.random.Generator) -> list[str]:
    """`count` texts, each a generated report's words with a fifth dropped and a tenth
    replaced by words of other reports (so no two are the same)."""
    words = [text.split(" ") for text in texts]
    pool = np.array([word for row in words for word in row], dtype=object)
    chosen = rng.integers(0, len(words), count)
    found = []
    for c in chosen:
        row = words[int(c)]
        draws = rng.random(len(row))
        kept = [word for word, draw in zip(row, draws, strict=True) if draw > 0.2]
        for position in np.flatnonzero(rng.random(len(kept)) < 0.1):
            kept[position] = pool[rng.integers(0, len(pool))]
        found.append(" ".join(kept))
    return found


def scale(count: int, seed: int = SEED) -> dict[str, Any]:
    """A real full build of the hybrid index at `count` reports, end to end, and its queries.

    Texts: the generated care reports' words, resampled (`resampled_texts`), in skewed
    organisations. The build is what `candour build-similarity-index` does after reading
    the reports (SimilarReports.build in BUILD_WORKERS processes, then save); each stage is
    timed. Queries run on the saved index loaded memory-mapped, as the web reads it.
    """
    load_at_start = [round(value, 1) for value in os.getloadavg()]
    rng = np.random.default_rng(seed)
    corpus = make_corpus(150)
    groups = organisation_sizes(150, count, rng)
    sizes = np.bincount(groups, minlength=150)
    texts = resampled_texts(corpus.texts, count, rng)
    rows = [
        (i, int(g), text) for i, (g, text) in enumerate(zip(groups.tolist(), texts, strict=True))
    ]
    del texts
    progress(f"scale: {count} texts generated; building")
    memory_before = rss_mb()
    stages: dict[str, float] = {}
    cpu_before = os.times()
    started = time.perf_counter()
    built = SimilarReports.build(
        lambda: rows,
        weight_sample=100_000,
        batch_size=2000,
        workers=BUILD_WORKERS,
        stage_seconds=stages,
    )
    built_seconds = time.perf_counter() - started
    cpu_after = os.times()
    # CPU seconds of this process and of the build's (joined) processes: what the build
    # costs whatever else shares the machine; on two idle cores the passes that run in
    # two processes take about half their share of it.
    cpu_seconds = sum(
        getattr(cpu_after, f) - getattr(cpu_before, f)
        for f in ("user", "system", "children_user", "children_system")
    )
    load_after_build = [round(value, 1) for value in os.getloadavg()]
    memory = rss_mb() - memory_before
    with tempfile.TemporaryDirectory(dir=ROOT / "benchmarks" / "results") as directory:
        saved = time.perf_counter()
        built.save(Path(directory))
        stages["saving"] = round(time.perf_counter() - saved, 2)
        total = built_seconds + stages["saving"]
        progress(f"scale: built and saved in {total:.0f} s: {stages}")
        stored = sum(
            np.asarray(getattr(part, f)).nbytes
            for part in built.lexical.parts
            for f in ("ids", "groups", "lengths", "alive", "indptr", "postings", "counts")
        )
        del built
        gc.collect()
        engine = SimilarReports.load(Path(directory))
        queries = [corpus.texts[int(i)] for i in rng.integers(0, len(corpus.texts), 200)]
        big = int(np.argmax(sizes))
        median_group = int(np.argsort(sizes)[len(sizes) // 2])
        load_at_queries = [round(value, 1) for value in os.getloadavg()]
        timings = query_timings(engine, queries, big, median_group)
        # The same national queries with every word scored, as before the cap.
        engine.lexical.max_query_terms, engine.lexical.common_share = 1 << 30, 1.0
        uncapped = query_timings(engine, queries, None, None)
    return {
        "reports": count,
        "organisations": len(sizes),
        "largest_organisation": int(sizes.max()),
        "median_organisation": int(sizes[median_group]),
        "full_build_seconds": round(total, 1),
        "full_build_cpu_seconds_before_saving": round(cpu_seconds, 1),
        f"full_build_stage_seconds_in_{BUILD_WORKERS}_processes": stages,
        "word_index_mb": round(stored / 2**20),
        "build_process_memory_growth_mb": round(memory),
        "hybrid_query_ms": {name: percentiles(samples) for name, samples in timings.items()},
        "hybrid_query_ms_every_query_word_scored": {
            name: percentiles(samples) for name, samples in uncapped.items()
        },
        "load_average_at_start": load_at_start,
        "load_average_after_build": load_after_build,
        "load_average_at_queries": load_at_queries,
        "load_average_at_end": [round(value, 1) for value in os.getloadavg()],
    }


def query_timings(
    engine: SimilarReports, queries: list[str], big: int | None, median: int | None
) -> dict[str, list[float]]:
    """Seconds per query: own organisation (largest, median) and all organisations."""
    wanted: list[tuple[str, list[int] | None]] = [("all_organisations", None)]
    if big is not None and median is not None:
        wanted = [
            ("own_organisation_largest", [big]),
            ("own_organisation_median", [median]),
            *wanted,
        ]
    timings: dict[str, list[float]] = {name: [] for name, _ in wanted}
    for text in queries:
        for name, groups in wanted:
            a = time.perf_counter()
            engine.similar(text, 15, groups=groups)
            timings[name].append(time.perf_counter() - a)
    return timings


# ---------------------------------------------------------------------------- vector libraries


def vector_libraries(count: int, seed: int = SEED) -> dict[str, Any]:
    """Candour's hand-written IVF index against faiss and usearch on the same vectors."""
    rng = np.random.default_rng(seed)
    corpus = make_corpus(150)
    reports = SimilarReports.build(lambda: [(i, 0, t) for i, t in enumerate(corpus.texts)])
    base = stored_vectors(reports, len(corpus.texts))
    dims = base.shape[1]
    chosen = rng.integers(0, len(base), count)
    data = base[chosen] + rng.normal(0, 0.35 / np.sqrt(dims), (count, dims)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    groups = organisation_sizes(150, count, rng)
    sizes = np.bincount(groups, minlength=150)
    queries = data[rng.integers(0, count, 200)] + rng.normal(0, 0.02, (200, dims)).astype(
        np.float32
    )
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    exact = np.argsort(-(queries @ data.T), axis=1)[:, :10]
    big = int(np.argmax(sizes))
    results: dict[str, Any] = {"vectors": count, "dimensions": dims}

    def run(
        name: str,
        build: Callable[[], Any],
        search: Callable[[Any, NDArray[np.float32]], list[int]],
        own: Callable[[Any, NDArray[np.float32]], list[int]] | None,
    ) -> None:
        gc.collect()
        before = rss_mb()
        a = time.perf_counter()
        index = build()
        built = time.perf_counter() - a
        grown = rss_mb() - before
        found, times, own_times = [], [], []
        for q in queries:
            s = time.perf_counter()
            found.append(search(index, q))
            times.append(time.perf_counter() - s)
            if own is not None:
                s = time.perf_counter()
                own(index, q)
                own_times.append(time.perf_counter() - s)
        recall = float(
            np.mean(
                [len(set(f[:10]) & set(e.tolist())) / 10 for f, e in zip(found, exact, strict=True)]
            )
        )
        results[name] = {
            "build_seconds": round(built, 1),
            "memory_growth_mb": round(grown),
            "query_ms": percentiles(times),
            "own_organisation_query_ms": percentiles(own_times) if own_times else "not supported",
            "recall_at_10": round(recall, 3),
        }
        progress(f"vector libraries: {name} {results[name]}")
        del index
        gc.collect()

    def ours() -> VectorIndex:
        index = VectorIndex(dims)
        for start in range(0, count, 100_000):
            index.add(
                np.arange(start, min(count, start + 100_000)),
                data[start : start + 100_000],
                groups[start : start + 100_000],
            )
        index.compact()
        index.train()
        return index

    run(
        "candour_ivf",
        ours,
        lambda index, q: [h.id for h in index.search(q, 10)],
        lambda index, q: [h.id for h in index.search(q, 10, groups=[big])],
    )
    try:
        faiss: Any = importlib.import_module("faiss")

        faiss.omp_set_num_threads(1)
        lists = int(2 * np.sqrt(count))
        kept: list[Any] = []

        def faiss_ivf() -> Any:
            quantiser = faiss.IndexFlatIP(dims)
            index = faiss.IndexIVFFlat(quantiser, dims, lists, faiss.METRIC_INNER_PRODUCT)
            index.train(data[rng.choice(count, min(count, 200_000), replace=False)])
            index.add(data)
            index.nprobe = 24
            kept.append(quantiser)  # faiss does not own it: keep it alive
            return index

        members = np.flatnonzero(groups == big).astype(np.int64)

        def faiss_own(index: Any, q: NDArray[np.float32]) -> list[int]:
            selector = faiss.IDSelectorBatch(members)
            params = faiss.SearchParametersIVF(sel=selector, nprobe=24)
            _, found = index.search(q[None, :], 10, params=params)
            return [int(x) for x in found[0]]

        run(
            "faiss_ivf_flat",
            faiss_ivf,
            lambda index, q: [int(x) for x in index.search(q[None, :], 10)[1][0]],
            faiss_own,
        )
        results["faiss_version"] = faiss.__version__
    except ImportError:
        results["faiss_ivf_flat"] = "faiss-cpu is not installed"
    try:
        usearch_index: Any = importlib.import_module("usearch.index")

        def usearch_hnsw() -> Any:
            index = usearch_index.Index(ndim=dims, metric="cos", dtype="f32")
            index.add(np.arange(count), data, threads=2)
            return index

        run(
            "usearch_hnsw",
            usearch_hnsw,
            lambda index, q: [int(x) for x in index.search(q, 10, threads=1).keys],
            None,
        )
        results["usearch_version"] = metadata.version("usearch")
    except ImportError:
        results["usearch_hnsw"] = "usearch is not installed"
    return results


# ---------------------------------------------------------------------------- main


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in ("numpy", "scipy", "scikit-learn", "bm25s", "faiss-cpu", "usearch"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


# Methods that need packages outside Candour's environment (a MiniLM interpreter, bm25s).
CARRIED = ("bm25s", "minilm")


def carry_missing(now: dict[str, Any], before: dict[str, Any]) -> None:
    """Figures of CARRIED methods from an earlier run when they cannot run now: the splits
    are fixed by the seed, so they are the same queries; marked, with that run's date."""
    for name, corpus in now.get("corpora", {}).items():
        earlier = before.get("corpora", {}).get(name, {})
        for method in CARRIED:
            if method in corpus["test"] or method not in earlier.get("test", {}):
                continue
            for part in ("test", "development"):
                corpus[part][method] = earlier[part][method]
            corpus["skipped"].pop(method, None)
            corpus.setdefault("carried_from_run", {})[method] = before.get("run", "earlier")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--transformer-python", default=None)
    parser.add_argument("--scale", type=int, default=0, help="reports for the scale run (0: none)")
    parser.add_argument("--vector-libraries", type=int, default=0)
    parser.add_argument(
        "--only",
        choices=("quality", "query-term-cap", "scale", "vector-libraries"),
        default=None,
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    block_network()
    previous: dict[str, Any] = {}
    if args.output.exists():
        previous = json.loads(args.output.read_text(encoding="utf-8"))
    results: dict[str, Any] = {
        **previous,
        "versions": versions(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
    }
    if args.only in (None, "quality"):
        results["quality"] = quality(args.quick, Transformer(args.transformer_python))
        results["quality"]["run"] = time.strftime("%Y-%m-%d")
        carry_missing(results["quality"], previous.get("quality", {}))
    if args.only in (None, "query-term-cap"):
        results["query_term_cap"] = query_term_cap(args.quick)
    if args.scale and args.only in (None, "scale"):
        if "scale" in previous:
            earlier = results.setdefault("scale_earlier_runs", {})
            earlier[f"before_{time.strftime('%Y-%m-%dT%H:%M')}"] = previous["scale"]
        results["scale"] = scale(args.scale)
    if args.vector_libraries and args.only in (None, "vector-libraries"):
        results["vector_libraries"] = vector_libraries(args.vector_libraries)
    args.output.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(results.get("quality", {}).get("chosen", {}), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
