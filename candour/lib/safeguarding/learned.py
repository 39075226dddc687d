"""The learned layer: a small linear classifier that reads meaning, not exact words.

Each part of a text (each sentence, and runs of WINDOW words in long unpunctuated
writing) is scored by a logistic regression over three views of it:
- word, two-word and one-word-apart pair features (spelling as written, lower-cased,
  apostrophes dropped),
- character 3-5-grams inside words, so "scard", "scaared" and "scared" share evidence,
- the vector of those same normalised words from Candour's static embedding (distilled
  from all-MiniLM-L6-v2, candour.lib.text.embedding), so words never seen in training
  but near in meaning ("stepfather", "step dad") still count.

It learned from the exemplar bank's disclosures (exemplars.py) and the issue 6
phrasings against children's harmless look-alikes and real adult NHS comments: only
their development parts (benchmarks/safeguarding_layers.py splits them before anything
is fitted). The weights ship as data (data/learned.json.gz, written by
scripts/train_safeguarding_model.py); this module only reads them, with numpy and the
standard library, so no model is trained or downloaded at run time.

A part scoring at or over THRESHOLD (chosen on development data, stored with the
weights) flags the text. The duty worker is shown that part and the nearest disclosure
in the bank with its category (semantic.py), so "why" is always a sentence a person can
compare, not a number alone.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from candour.lib.safeguarding import semantic
from candour.lib.safeguarding.semantic import Nearest, SimilarityLayer

MODEL_FILE = Path(__file__).resolve().parent / "data" / "learned.json.gz"
WINDOW = 12  # words in a window of long unpunctuated text
STRIDE = 6

_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018`")
_SENTENCE = re.compile(r"[^.!?;\n]+")
_TOKEN = re.compile(r"\S+")


def normalised_words(text: str) -> list[str]:
    return _WORD.findall(text.lower().translate(_APOSTROPHES))


def embedding_text(text: str) -> str:
    """What the static embedder reads: the same normalised words as the other features, so
    "hasn't" and "hasnt" are one word to every view (learned v4: ADR 0012)."""
    return " ".join(normalised_words(text))


def word_features(text: str) -> list[str]:
    """Words, adjacent pairs and pairs one word apart ("dad _ me" in "dad hits me", "dad
    always me"...), the training vectoriser's analyser too. The skipping pairs were chosen
    by cross-validation on development data (learned v3: ADR 0012)."""
    found = normalised_words(text)
    return (
        found
        + [f"{a} {b}" for a, b in itertools.pairwise(found)]
        + [f"{a} _ {b}" for a, b in zip(found, found[2:], strict=False)]
    )


def char_features(text: str) -> list[str]:
    """Character 3-5-grams within each word, padded with a space at each end."""
    out: list[str] = []
    for word in normalised_words(text):
        padded = f" {word} "
        for n in (3, 4, 5):
            out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


def parts(text: str, window: int = WINDOW, stride: int = STRIDE) -> list[tuple[int, int]]:
    """Character spans to score: each sentence, or windows of words in a long one."""
    spans: list[tuple[int, int]] = []
    for sentence in _SENTENCE.finditer(text):
        tokens = list(_TOKEN.finditer(text, sentence.start(), sentence.end()))
        if not tokens:
            continue
        if len(tokens) <= window + window // 3:
            spans.append((tokens[0].start(), tokens[-1].end()))
            continue
        starts = list(range(0, len(tokens) - window + 1, stride))
        if starts[-1] != len(tokens) - window:
            starts.append(len(tokens) - window)
        spans.extend((tokens[s].start(), tokens[s + window - 1].end()) for s in starts)
    return spans


class _Block:
    """One tf-idf block: sublinear term frequency, idf, unit length, then the weights."""

    def __init__(self, vocabulary: Sequence[str], idf: Sequence[float], coef: Sequence[float]):
        self._index = {term: n for n, term in enumerate(vocabulary)}
        self._idf = np.asarray(idf, dtype=np.float64)
        self._coef = np.asarray(coef, dtype=np.float64)

    def score(self, features: Iterable[str]) -> float:
        counts = Counter(n for n in map(self._index.get, features) if n is not None)
        if not counts:
            return 0.0
        index = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), np.float64, len(counts))
        values = tf * self._idf[index]
        norm = float(np.sqrt(values @ values))
        return float(values @ self._coef[index]) / norm if norm else 0.0


@dataclass(frozen=True, slots=True)
class Scored:
    start: int
    end: int
    score: float


class LearnedLayer:
    """The classifier's weights and threshold, read from the shipped model file."""

    def __init__(
        self, model: dict[str, Any], embedder: Any, explainer: SimilarityLayer | None = None
    ) -> None:
        self.version = str(model["version"])
        self.threshold = float(model["threshold"])
        self.intercept = float(model["intercept"])
        self.embedding_scale = float(model["embedding_scale"])
        self._words = _Block(model["words"]["vocabulary"], model["words"]["idf"],
                             model["words"]["coef"])  # fmt: skip
        self._chars = _Block(model["chars"]["vocabulary"], model["chars"]["idf"],
                             model["chars"]["coef"])  # fmt: skip
        self._embedding_coef: NDArray[np.float32] = np.asarray(
            model["embedding_coef"], dtype=np.float32
        )
        self.embedder = embedder
        self.explainer = explainer

    @classmethod
    def from_file(
        cls, path: Path, embedder: Any, explainer: SimilarityLayer | None = None
    ) -> LearnedLayer:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return cls(json.load(handle), embedder, explainer)

    def score_texts(self, texts: Sequence[str]) -> list[float]:
        """The classifier's score of each whole text (no splitting)."""
        if not texts:
            return []
        vectors = self.embedder.embed_many([embedding_text(t) for t in texts]) @ (
            self._embedding_coef
        )
        return [
            self.intercept
            + self._words.score(word_features(text))
            + self._chars.score(char_features(text))
            + self.embedding_scale * float(vector)
            for text, vector in zip(texts, vectors, strict=True)
        ]

    def score(self, text: str) -> list[Scored]:
        """Every part of the text with its score."""
        spans = parts(text)
        scores = self.score_texts([text[s:e] for s, e in spans])
        return [Scored(s, e, v) for (s, e), v in zip(spans, scores, strict=True)]

    def best(self, text: str) -> Scored | None:
        """The highest-scoring part at or over the threshold, or None."""
        scored = self.score(text)
        top = max(scored, key=lambda p: p.score, default=None)
        return top if top is not None and top.score >= self.threshold else None

    def flag(self, text: str) -> Nearest | None:
        """The reason to flag the text (its most worrying part and the nearest known
        disclosure to it), or None."""
        top = self.best(text)
        if top is None:
            return None
        if self.explainer is None:
            raise RuntimeError("a learned layer that flags needs the bank to explain itself")
        return self.explainer.explain(text, top.start, top.end, top.score)


_lock = threading.Lock()
_default: LearnedLayer | None = None


def default_layer() -> LearnedLayer:
    """The shipped model, read once per process on first use."""
    global _default  # one copy of the weights per process
    with _lock:
        if _default is None:
            explainer = semantic.default_layer()
            _default = LearnedLayer.from_file(MODEL_FILE, explainer.embedder, explainer)
        return _default
