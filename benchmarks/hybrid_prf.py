"""Light additions to the hybrid retrieval, chosen on development halves (issue 19, ADR 0008).

    .venv/bin/python benchmarks/hybrid_prf.py

Same corpora, query halves (fixed seed), engine and measures as benchmarks/hybrid.py. On
top of Candour's own BM25 and static-embedding rankings it tries, numpy only, nothing at
run time beyond what the engine already holds:
- "pc1": the embedding with its first principal direction (over the documents) removed,
  as in SIF (Arora et al. 2017); the direction every report shares says nothing;
- "rocchio": pseudo-relevance feedback on the embedding half: the query vector plus
  ``beta`` times the mean of its ``k`` nearest documents, searched again;
- "rm3": pseudo-relevance feedback on the lexical half: the ``terms`` words weighing most
  (tf share times IDF) in the ``k`` best BM25 documents, searched as a second query whose
  BM25, at ``gamma`` of the first, is added to it;
each fused with the other half by the engine's ``fuse`` over the same weight grid.
A setting is chosen on the development halves of the two real corpora (ASRS and NHS
comments) by the mean of its score over the best single method's (as hybrid.py chose
the engine's fusion); the chosen setting and the engine as it is are then scored once on
the test halves of all three corpora. Writes benchmarks/results/hybrid_prf.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from itertools import product
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hybrid import (
    DEPTH,
    HEADLINE,
    ROOT,
    Ranking,
    Scored,
    Task,
    ids,
    progress,
    scores,
    split,
    tasks,
)
from similarity import SEED, block_network

from candour.lib.text.hybrid import fuse
from candour.lib.text.lexical import term_ids
from candour.lib.text.similar_reports import SimilarReports

RESULTS = ROOT / "benchmarks" / "results" / "hybrid_prf.json"
# Around the engine's weight (0.45), with its fusion: the machine is shared and slow.
WEIGHTS = (0.3, 0.4, 0.45, 0.5, 0.6)
FUSIONS = ("scores",)
ROCCHIO = ((0, 0.0), (5, 0.5), (10, 0.5), (10, 1.0), (20, 1.0))  # (k, beta); (0, 0) is off
RM3 = ((0, 0, 0.0), (5, 10, 0.3), (10, 20, 0.3), (10, 20, 0.6))  # (k, terms, gamma)


class Prepared:
    """A corpus with the engine built, its vectors and terms, and the query halves."""

    def __init__(self, task: Task, number: int) -> None:
        self.task = task
        self.dev, self.test = split(task.query_count, SEED + number)
        records = [(i, task.groups[i], text) for i, text in enumerate(task.documents)]
        self.reports = SimilarReports.build(lambda: records)
        vectors = [self.reports.index.vector(i) for i in range(len(records))]
        self.documents = np.stack([v for v in vectors if v is not None])
        self.prepared = [self.reports.prepare(task.query(i)) for i in range(task.query_count)]
        if task.queries is None:
            self.queries = self.documents
        else:
            self.queries = self.reports.embedder.embed_many(self.prepared)
        self.terms = [term_ids(self.reports.prepare(text)) for text in task.documents]
        frequencies = self.reports.lexical.document_frequencies()
        self.frequencies = frequencies
        self.count = len(task.documents)

    def semantic(self, pc1: bool, rocchio: tuple[int, float]) -> list[Scored]:
        documents, queries = self.documents.astype(np.float64), self.queries.astype(np.float64)
        if pc1:
            direction = np.linalg.svd(documents, full_matrices=False)[2][0]
            documents = _unit(documents - np.outer(documents @ direction, direction))
            queries = _unit(queries - np.outer(queries @ direction, direction))
        similarity = queries @ documents.T
        self._exclude(similarity)
        k, beta = rocchio
        if k:
            nearest = np.argpartition(-similarity, k, axis=1)[:, :k]
            queries = _unit(queries + beta * documents[nearest].mean(axis=1))
            similarity = queries @ documents.T
            self._exclude(similarity)
        top = np.argsort(-similarity, axis=1, kind="stable")[:, :DEPTH]
        return [
            [(int(j), float(similarity[i, j])) for j in row] for i, row in enumerate(top.tolist())
        ]

    def _exclude(self, similarity: NDArray[np.float64]) -> None:
        if self.task.queries is None:
            np.fill_diagonal(similarity, -np.inf)

    def lexical(self, rm3: tuple[int, int, float]) -> list[Scored]:
        found: list[Scored] = []
        k, terms, gamma = rm3
        idf = np.log1p((self.count - self.frequencies + 0.5) / (self.frequencies + 0.5))
        for i, text in enumerate(self.prepared):
            excluded = self.task.excluded(i)
            first = self.reports.lexical.search(text, DEPTH, exclude=excluded)
            if not k or not first:
                found.append(first)
                continue
            own = set(term_ids(text).tolist())
            weight: dict[int, float] = {}
            for document, _score in first[:k]:
                bag = Counter(self.terms[document].tolist())
                total = sum(bag.values())
                for term, times in bag.items():
                    if term not in own:
                        weight[term] = weight.get(term, 0.0) + times / total * float(idf[term])
            best = sorted(weight, key=lambda term: -weight[term])[:terms]  # as most_common
            expansion = np.array(best, dtype=np.int64)
            second = self.reports.lexical.search_terms(expansion, DEPTH, exclude=excluded)
            top = first[0][1] or 1.0
            top_second = second[0][1] if second and second[0][1] > 0 else 1.0
            totals: dict[int, float] = {}
            for item, score in first:
                totals[item] = score / top
            for item, score in second:
                totals[item] = totals.get(item, 0.0) + gamma * score / top_second
            ordered = sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))[:DEPTH]
            # Rescaled so the engine's "scores" fusion (BM25 over the best BM25) is unchanged.
            found.append([(item, total * top) for item, total in ordered])
        return found


def _unit(matrix: NDArray[np.float64]) -> NDArray[np.float64]:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: NDArray[np.float64] = matrix / norms
    return result


def fused(
    lexical: list[Scored], semantic: list[Scored], weight: float, method: str
) -> list[Ranking]:
    return [
        [f.id for f in fuse(a, b, k=DEPTH, lexical_weight=weight, method=method)]
        for a, b in zip(lexical, semantic, strict=True)
    ]


ENGINE = {"pc1": False, "rocchio": (0, 0.0), "rm3": (0, 0, 0.0), "weight": 0.45, "fusion": "scores"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    block_network()
    started = time.perf_counter()
    load_at_start = [round(value, 1) for value in os.getloadavg()]
    corpora = [Prepared(task, number) for number, task in enumerate(tasks(args.quick))]
    semantic_cache: dict[tuple[str, bool, tuple[int, float]], list[Scored]] = {}
    lexical_cache: dict[tuple[str, tuple[int, int, float]], list[Scored]] = {}
    for corpus in corpora:
        name = corpus.task.name
        progress(f"{name}: rankings")
        for pc1, rocchio in product((False, True), ROCCHIO):
            semantic_cache[name, pc1, rocchio] = corpus.semantic(pc1, rocchio)
        for rm3 in RM3:
            lexical_cache[name, rm3] = corpus.lexical(rm3)

    def ranking(corpus: Prepared, setting: dict[str, Any]) -> list[Ranking]:
        name = corpus.task.name
        lexical = lexical_cache[name, setting["rm3"]]
        semantic = semantic_cache[name, setting["pc1"], setting["rocchio"]]
        if setting["weight"] >= 1.0:
            return ids(lexical)
        if setting["weight"] <= 0.0:
            return ids(semantic)
        return fused(lexical, semantic, setting["weight"], setting["fusion"])

    real = [corpus for corpus in corpora if corpus.task.name != "synthetic"]
    best_single = {
        corpus.task.name: max(
            scores(corpus.task, ranking(corpus, {**ENGINE, "weight": w}), corpus.dev)[
                HEADLINE[corpus.task.name]
            ]
            for w in (0.0, 1.0)
        )
        for corpus in real
    }
    grid: list[dict[str, Any]] = []
    progress("choosing on the development halves")
    for pc1, rocchio, rm3, weight, fusion in product((False, True), ROCCHIO, RM3, WEIGHTS, FUSIONS):
        setting = {"pc1": pc1, "rocchio": rocchio, "rm3": rm3, "weight": weight, "fusion": fusion}
        row: dict[str, Any] = dict(setting)
        relative = []
        for corpus in real:
            value = scores(corpus.task, ranking(corpus, setting), corpus.dev)[
                HEADLINE[corpus.task.name]
            ]
            row[corpus.task.name] = value
            relative.append(value / best_single[corpus.task.name])
        row["objective"] = round(float(np.mean(relative)), 4)
        grid.append(row)
    engine_row = next(
        r
        for r in grid
        if all(r[key] == ENGINE[key] for key in ("pc1", "rocchio", "rm3", "fusion"))
        and abs(r["weight"] - ENGINE["weight"]) < 1e-9
    )
    chosen = max(grid, key=lambda r: (r["objective"], -abs(r["weight"] - 0.5)))
    progress(f"chosen: {chosen}")
    setting = {key: chosen[key] for key in ENGINE}
    results: dict[str, Any] = {}
    for corpus in corpora:
        metric = HEADLINE[corpus.task.name]
        chosen_ranking = ranking(corpus, setting)
        engine_ranking = ranking(corpus, ENGINE)
        results[corpus.task.name] = {
            "metric": metric,
            "development": {
                "engine_as_shipped": scores(corpus.task, engine_ranking, corpus.dev),
                "chosen": scores(corpus.task, chosen_ranking, corpus.dev),
            },
            "test": {
                "engine_as_shipped": scores(corpus.task, engine_ranking, corpus.test),
                "chosen": scores(corpus.task, chosen_ranking, corpus.test),
            },
        }
    report = {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "quick": args.quick,
        "engine_as_shipped": ENGINE,
        "best_single_on_development": best_single,
        "engine_row_on_development_grid": engine_row,
        "chosen_on_development": chosen,
        "top_10_on_development": sorted(grid, key=lambda r: -r["objective"])[:10],
        "corpora": results,
        "load_average_at_start": load_at_start,
        "load_average_at_end": [round(value, 1) for value in os.getloadavg()],
        "total_seconds": round(time.perf_counter() - started, 1),
    }
    args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
