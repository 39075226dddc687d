"""Hybrid ranking: BM25's list and the static embedding's list, fused into one.

Three ways are offered and were measured. "scores" (the one in use): BM25 divided by the
query's best BM25 (so the best match by words scores 1), weighed against the cosine
similarity. "rrf", reciprocal rank fusion: each list contributes weight / (RRF_K + rank);
it fuses ranks, not scores, but let the weak list (the embedding on ASRS) pull good
matches down. "minmax": each list's scores stretched from its last to its first. Each
way, 1.0 means "first by words and as close as can be in meaning".

The method and weight were chosen on the development halves of real text (ASRS, NHS
comments), never on the test halves or the generated care reports:
benchmarks/hybrid.py, results in benchmarks/results/hybrid.json.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from candour.lib.text.embedding.embedder import StaticEmbedder
from candour.lib.text.lexical import LexicalIndex

RRF_K = 60
# How the lists are fused, and the share of the fused score that comes from BM25 (the
# embedding has the rest): chosen on development data (benchmarks/hybrid.py).
FUSION = "scores"
LEXICAL_WEIGHT = 0.45
# How far down each list to read: at least this many, or four times what is wanted.
DEPTH = 100


@dataclass(frozen=True)
class Fused:
    id: int
    score: float


def depth_for(k: int) -> int:
    return max(DEPTH, 4 * k)


def fuse(
    lexical: Sequence[tuple[int, float]],
    semantic: Sequence[tuple[int, float]],
    *,
    k: int,
    lexical_weight: float = LEXICAL_WEIGHT,
    rrf_k: int = RRF_K,
    method: str = FUSION,
) -> list[Fused]:
    """The k best ids of the two ranked lists (each best first, with scores), ties by id.

    "rrf": weighted reciprocal rank fusion, scaled so that first in both lists is 1.0.
    "scores": a weighted sum of BM25 over the query's best BM25 and the cosine; an id
    missing from a list gets that list's lowest score (it ranked below all of them).
    "minmax": a weighted sum of each list's scores stretched to 0..1 over the list.
    """
    if k <= 0:
        return []
    weights = (lexical_weight, 1.0 - lexical_weight)
    totals: dict[int, float] = {}
    if method == "scores":
        top = lexical[0][1] if lexical else 1.0
        lexical_scores = {item: score / top for item, score in lexical} if top > 0 else {}
        semantic_scores = dict(semantic)
        lexical_floor = min(lexical_scores.values(), default=0.0)
        semantic_floor = min(semantic_scores.values(), default=0.0)
        for item in lexical_scores.keys() | semantic_scores.keys():
            totals[item] = weights[0] * lexical_scores.get(item, lexical_floor) + weights[1] * max(
                semantic_scores.get(item, semantic_floor), 0.0
            )
        best = 1.0
    elif method == "minmax":
        # Each list's scores stretched to 0 (its last) to 1 (its first); missing is 0.
        for weight, ranking in zip(weights, (lexical, semantic), strict=True):
            if weight <= 0 or not ranking:
                continue
            values = [score for _, score in ranking]
            low, span = min(values), max(values) - min(values)
            for item, score in ranking:
                share = (score - low) / span if span > 0 else 1.0
                totals[item] = totals.get(item, 0.0) + weight * share
        best = 1.0
    else:
        for weight, ranking in zip(weights, (lexical, semantic), strict=True):
            if weight <= 0:
                continue
            for rank, (item, _score) in enumerate(ranking, start=1):
                totals[item] = totals.get(item, 0.0) + weight / (rrf_k + rank)
        best = sum(w for w in weights if w > 0) / (rrf_k + 1)
    ordered = sorted(totals.items(), key=lambda pair: (-pair[1], pair[0]))[:k]
    return [Fused(item, round(total / best, 6)) for item, total in ordered]


@dataclass(frozen=True)
class Ranked:
    position: int
    score: float  # the fused score, 0 to 1
    cosine: float  # the embedding's similarity alone, for callers with a cosine threshold


def rank_texts(
    query: str,
    texts: Sequence[str],
    embedder: StaticEmbedder,
    *,
    k: int,
    lexical_weight: float = LEXICAL_WEIGHT,
) -> list[Ranked]:
    """The k texts most like `query` by the hybrid ranking, for small per-request sets."""
    if not texts or k <= 0:
        return []
    vectors = embedder.embed_many(list(texts))
    cosines = np.asarray(vectors @ embedder.embed(query), dtype=np.float32)
    depth = depth_for(k)
    order = np.lexsort((np.arange(len(texts)), -cosines))[:depth]
    semantic = [(int(i), float(cosines[i])) for i in order if cosines[i] > 0]
    lexical_index = LexicalIndex()
    lexical_index.add(np.arange(len(texts)), list(texts), np.zeros(len(texts), dtype=np.int64))
    lexical = lexical_index.search(query, depth)
    fused = fuse(lexical, semantic, k=k, lexical_weight=lexical_weight)
    return [Ranked(f.id, f.score, float(cosines[f.id])) for f in fused]
