"""The similarity layer: feedback that means what a known disclosure means, in other words.

The text, each of its sentences and each run of WINDOW words (a disclosure is often one
clause of a longer comment) are embedded with Candour's static model (distilled from
all-MiniLM-L6-v2, candour.lib.text.embedding) and compared with every exemplar in the
bank (exemplars.py) in one matrix product. A part of the text is flagged when its nearest
disclosure is at least THRESHOLD similar and beats its nearest harmless look-alike by
MARGIN; the most similar flagged part is the reason shown to the duty worker.

THRESHOLD, MARGIN and WINDOW were chosen by benchmarks/safeguarding.py on the dev split
only (ADR 0012 has the figures); change them there, never by eye.

The model is loaded, and the bank embedded, once per process on first use; nothing is
written to disk. Numpy only: no Django, no network.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from candour.lib.safeguarding import exemplars as bank
from candour.lib.text.embedding.embedder import StaticEmbedder, normalise_rows

THRESHOLD = 0.82
MARGIN = 0.08
WINDOW = 4  # words in a window
STRIDE = 2  # words between the starts of two windows

_WORD = re.compile(r"\S+")
_SENTENCE = re.compile(r"[^.!?;\n]+")


@dataclass(frozen=True, slots=True)
class Nearest:
    """Why the similarity layer flagged a text: the part of it nearest a known disclosure."""

    start: int  # character offsets of the part of the text
    end: int
    text: str
    exemplar: str  # the nearest disclosure in the bank, its category and similarity
    category: str
    similarity: float
    margin: float  # how much nearer the disclosure is than the nearest harmless sentence
    bank_version: str
    score: float | None = None  # the learned layer's score of the part, when it decided


@dataclass(frozen=True, slots=True)
class Scores:
    """Every part of one text against the bank, before any threshold: for tuning."""

    spans: tuple[tuple[int, int], ...]
    positive: NDArray[np.float32]  # per part: similarity of the nearest disclosure
    nearest: NDArray[np.intp]  # per part: index of that disclosure in the bank
    negative: NDArray[np.float32]  # per part: similarity of the nearest harmless sentence


def parts(text: str, window: int = WINDOW, stride: int = STRIDE) -> list[tuple[int, int]]:
    """Word-index ranges to embed: the whole text, its sentences, windows of words."""
    words = [m.span() for m in _WORD.finditer(text)]
    n = len(words)
    if n == 0:
        return []
    ranges = {(0, n)}
    if n > window:
        starts = list(range(0, n - window + 1, stride))
        if starts[-1] != n - window:
            starts.append(n - window)
        ranges.update((s, s + window) for s in starts)
        bounds = [m.span() for m in _SENTENCE.finditer(text)]
        k, first, last = 0, -1, -1
        for i, (start, _end) in enumerate(words):
            while k < len(bounds) and start >= bounds[k][1]:
                if last > first:
                    ranges.add((first, last + 1))
                k, first, last = k + 1, -1, -1
            if k < len(bounds) and start >= bounds[k][0]:
                first = i if first < 0 else first
                last = i
        if last > first:
            ranges.add((first, last + 1))
    return sorted(ranges)


class SimilarityLayer:
    """A bank of disclosures and harmless look-alikes, embedded once, and the rule to flag."""

    def __init__(
        self,
        embedder: StaticEmbedder,
        positives: Sequence[bank.Exemplar],
        negatives: Sequence[str],
        *,
        threshold: float | Mapping[str, float] = THRESHOLD,
        margin: float = MARGIN,
        window: int = WINDOW,
        stride: int = STRIDE,
        version: str = bank.VERSION,
    ) -> None:
        self.embedder = embedder
        self.positives = tuple(positives)
        self.version = version
        self.threshold = threshold
        self.margin = margin
        self.window = window
        self.stride = stride
        self._positive = embedder.embed_many([p.text for p in self.positives])
        self._negative = embedder.embed_many(list(negatives))
        # One product against both banks: a text's parts times every exemplar at once.
        self._bank = np.ascontiguousarray(np.vstack([self._positive, self._negative]).T)
        self._split = len(self.positives)

    def scores(self, text: str) -> Scores:
        spans = parts(text, self.window, self.stride)
        words = [m for m in _WORD.finditer(text)]
        if not spans:
            empty = np.zeros(0, dtype=np.float32)
            return Scores((), empty, np.zeros(0, dtype=np.intp), empty)
        sums = self.embedder.word_sums([m.group() for m in words])
        running = np.vstack([np.zeros((1, sums.shape[1]), dtype=np.float32), np.cumsum(sums, 0)])
        starts = np.fromiter((s for s, _e in spans), dtype=np.intp)
        ends = np.fromiter((e for _s, e in spans), dtype=np.intp)
        vectors = normalise_rows(running[ends] - running[starts])
        similarity = vectors @ self._bank
        positive = similarity[:, : self._split]
        nearest = positive.argmax(axis=1)
        best = positive[np.arange(len(spans)), nearest]
        harmless = (
            similarity[:, self._split :].max(axis=1)
            if similarity.shape[1] > self._split
            else np.full(len(spans), -1.0, dtype=np.float32)
        )
        offsets = tuple((words[s].start(), words[e - 1].end()) for s, e in spans)
        return Scores(offsets, best, nearest, harmless)

    def decide(
        self,
        text: str,
        scores: Scores,
        threshold: float | Mapping[str, float] | None = None,
        margin: float | None = None,
    ) -> Nearest | None:
        """The most similar part that passes the threshold and margin, or None."""
        threshold = self.threshold if threshold is None else threshold
        margin = self.margin if margin is None else margin
        if isinstance(threshold, Mapping):
            limits = np.array(
                [threshold[self.positives[i].category] for i in scores.nearest], dtype=np.float32
            )
        else:
            limits = np.full(len(scores.nearest), threshold, dtype=np.float32)
        passing = (scores.positive >= limits) & (scores.positive - scores.negative >= margin)
        if not passing.any():
            return None
        best = int(np.argmax(np.where(passing, scores.positive, -np.inf)))
        exemplar = self.positives[int(scores.nearest[best])]
        start, end = scores.spans[best]
        return Nearest(
            start=start,
            end=end,
            text=text[start:end],
            exemplar=exemplar.text,
            category=exemplar.category,
            similarity=round(float(scores.positive[best]), 3),
            margin=round(float(scores.positive[best] - scores.negative[best]), 3),
            bank_version=self.version,
        )

    def flag(self, text: str) -> Nearest | None:
        return self.decide(text, self.scores(text))

    def explain(self, text: str, start: int, end: int, score: float) -> Nearest:
        """The bank's nearest disclosure to a part another layer flagged: the reason shown."""
        vector = normalise_rows(self.embedder.embed_many([text[start:end]]))
        similarity = (vector @ self._bank)[0]
        positive = similarity[: self._split]
        nearest = int(positive.argmax())
        harmless = float(similarity[self._split :].max()) if len(similarity) > self._split else -1
        exemplar = self.positives[nearest]
        return Nearest(
            start=start,
            end=end,
            text=text[start:end],
            exemplar=exemplar.text,
            category=exemplar.category,
            similarity=round(float(positive[nearest]), 3),
            margin=round(float(positive[nearest]) - harmless, 3),
            bank_version=self.version,
            score=round(score, 3),
        )


_lock = threading.Lock()
_default: SimilarityLayer | None = None


def default_layer() -> SimilarityLayer:
    """The shipped bank and settings, built once per process on first use."""
    global _default  # one layer per process: the model and the bank's vectors
    with _lock:
        if _default is None:
            from candour.lib.text.embedding.embedder import default_embedder

            _default = SimilarityLayer(
                default_embedder(),
                bank.EXEMPLARS,
                [n.text for n in bank.NEGATIVES],
            )
        return _default
