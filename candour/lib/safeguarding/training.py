"""Fitting the learned layer (learned.py): used by scripts/train_safeguarding_model.py only.

scikit-learn fits a logistic regression over the same three views that learned.py reads
back (word and character tf-idf through learned.py's own analysers, and the static
embedding); `export` turns the fitted model into plain lists, so the shipped file holds
no pickled code and run time needs no scikit-learn.

Weights: real adult comments outnumber the disclosures about twenty to one, and the
harmless look-alikes (a brother who "beats me at fifa") are the errors a duty team
would notice first, so disclosures and short look-alikes weigh more than each part of
an ordinary comment (POSITIVE_WEIGHT, SHORT_NEGATIVE_WEIGHT, chosen on development data).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from candour.lib.safeguarding.learned import char_features, embedding_text, word_features

POSITIVE_WEIGHT = 80.0
SHORT_NEGATIVE_WEIGHT = 40.0
EMBEDDING_SCALE = 1.0


@dataclass
class Fitted:
    words: TfidfVectorizer
    chars: TfidfVectorizer
    classifier: LogisticRegression
    embedder: Any
    embedding_scale: float

    def score(self, texts: Sequence[str]) -> Any:
        return self.classifier.decision_function(self._matrix(texts))

    def _matrix(self, texts: Sequence[str]) -> Any:
        blocks = [
            self.words.transform(texts),
            self.chars.transform(texts),
            csr_matrix(
                self.embedder.embed_many([embedding_text(t) for t in texts]) * self.embedding_scale
            ),
        ]
        return hstack(blocks).tocsr()


def vectorisers(texts: Sequence[str]) -> tuple[TfidfVectorizer, TfidfVectorizer]:
    """The word and character tf-idf, fitted once on every development text (no labels):
    the folds share one feature space, so their models can be averaged exactly."""
    words = TfidfVectorizer(analyzer=word_features, min_df=2, sublinear_tf=True)
    chars = TfidfVectorizer(analyzer=char_features, min_df=2, sublinear_tf=True)
    words.fit(texts)
    chars.fit(texts)
    return words, chars


def fit(
    positives: Sequence[str],
    short_negatives: Sequence[str],
    long_negative_parts: Sequence[str],
    embedder: Any,
    *,
    c: float,
    positive_weight: float = POSITIVE_WEIGHT,
    short_negative_weight: float = SHORT_NEGATIVE_WEIGHT,
    embedding_scale: float = EMBEDDING_SCALE,
    shared: tuple[TfidfVectorizer, TfidfVectorizer] | None = None,
) -> Fitted:
    texts = [*positives, *short_negatives, *long_negative_parts]
    labels = np.array([1] * len(positives) + [0] * (len(texts) - len(positives)))
    weights = np.ones(len(texts))
    weights[: len(positives)] = positive_weight
    weights[len(positives) : len(positives) + len(short_negatives)] = short_negative_weight
    words, chars = shared if shared is not None else vectorisers(texts)
    fitted = Fitted(words, chars, LogisticRegression(C=c, max_iter=5000), embedder, embedding_scale)
    fitted.classifier.fit(fitted._matrix(texts), labels, sample_weight=weights)
    return fitted


def averaged(folds: Sequence[Fitted]) -> Fitted:
    """One linear model whose score is the mean of the fold models' scores (they share the
    vectorisers). The threshold is chosen on the folds' out-of-fold scores; a single model
    refitted on all the data scores higher than they did, so that threshold would not hold
    for it (learned v3 flagged 1.8% of unseen NHS comments where the folds said 0.6%)."""
    first = folds[0]
    model = LogisticRegression(C=first.classifier.C)
    model.coef_ = np.mean([f.classifier.coef_ for f in folds], axis=0)
    model.intercept_ = np.mean([f.classifier.intercept_ for f in folds], axis=0)
    model.classes_ = first.classifier.classes_
    return Fitted(first.words, first.chars, model, first.embedder, first.embedding_scale)


def export(
    fitted: Fitted, *, version: str, threshold: float, about: dict[str, Any]
) -> dict[str, Any]:
    """The model as plain data for learned.LearnedLayer."""
    coef = fitted.classifier.coef_[0]
    n_words = len(fitted.words.vocabulary_)
    n_chars = len(fitted.chars.vocabulary_)

    def block(vectoriser: TfidfVectorizer, weights: Any) -> dict[str, list[Any]]:
        terms = sorted(vectoriser.vocabulary_, key=vectoriser.vocabulary_.__getitem__)
        return {
            "vocabulary": terms,
            "idf": [round(float(x), 5) for x in vectoriser.idf_],
            "coef": [round(float(x), 5) for x in weights],
        }

    return {
        "version": version,
        "threshold": round(threshold, 4),
        "intercept": float(fitted.classifier.intercept_[0]),
        "embedding_scale": fitted.embedding_scale,
        "words": block(fitted.words, coef[:n_words]),
        "chars": block(fitted.chars, coef[n_words : n_words + n_chars]),
        "embedding_coef": [round(float(x), 6) for x in coef[n_words + n_chars :]],
        "about": about,
    }


def best_part_scores(
    score: Callable[[Sequence[str]], Any],
    texts: Sequence[str],
    split: Callable[[str], list[tuple[int, int]]],
) -> Any:
    """Each text's highest part score (a text is flagged by its most worrying part)."""
    pieces: list[str] = []
    owner: list[int] = []
    for n, text in enumerate(texts):
        spans = split(text) or [(0, len(text))]
        pieces += [text[s:e] for s, e in spans]
        owner += [n] * len(spans)
    out = np.full(len(texts), -np.inf)
    if pieces:
        np.maximum.at(out, np.array(owner), np.asarray(score(pieces), dtype=np.float64))
    return out
