"""TF-IDF features: word unigrams and bigrams, optionally character n-grams within words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from candour.lib.text.classifier.tokens import gram_keys, words

CHAR_RANGE = (3, 5)
# Below this many documents every term is kept; above it, terms seen once are noise.
MIN_DOCUMENTS_FOR_PRUNING = 20

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class FeatureSpace:
    word_terms: tuple[str, ...]
    char_terms: tuple[str, ...]
    idf: FloatArray = field(repr=False)

    @property
    def word_count(self) -> int:
        return len(self.word_terms)

    @classmethod
    def fit_transform(
        cls,
        texts: Sequence[str],
        *,
        max_word_features: int,
        max_char_features: int,
        char_ngrams: bool,
    ) -> tuple[FeatureSpace, sparse.csr_matrix]:
        """Learn the vocabulary and IDF weights from ``texts`` and return their features."""
        if not any(words(text) for text in texts):
            space = cls((), (), np.zeros(0))
            return space, space.transform(texts)
        min_df = 2 if len(texts) >= MIN_DOCUMENTS_FOR_PRUNING else 1
        word_terms, word_counts = _select(
            CountVectorizer(analyzer=gram_keys, dtype=np.float64), texts, min_df, max_word_features
        )
        char_terms: tuple[str, ...] = ()
        blocks = [word_counts]
        if char_ngrams:
            char_terms, char_counts = _select(
                _char_vectoriser(None), texts, min_df, max_char_features
            )
            blocks.append(char_counts)
        counts = sparse.hstack(blocks, format="csr")
        document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
        idf = np.log((1.0 + len(texts)) / (1.0 + document_frequency)) + 1.0
        space = cls(word_terms, char_terms, idf)
        return space, space.weigh(counts)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        blocks = []
        if self.word_terms:
            blocks.append(self._word_vectoriser.transform(texts))
        if self.char_terms:
            blocks.append(_char_vectoriser(self._char_vocabulary).transform(texts))
        if not blocks:
            return sparse.csr_matrix((len(texts), 0), dtype=np.float64)
        return self.weigh(sparse.hstack(blocks, format="csr"))

    def weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """Sublinear term frequency times IDF, each block scaled to unit length."""
        weighted = counts.astype(np.float64).tocsr()
        weighted.data = 1.0 + np.log(weighted.data)
        weighted = weighted.multiply(self.idf[np.newaxis, :]).tocsr()
        parts = [weighted[:, : self.word_count]]
        if self.char_terms:
            parts.append(weighted[:, self.word_count :])
        scale = 1.0 / np.sqrt(len(parts))
        normalised = sparse.hstack([_unit_rows(part) * scale for part in parts], format="csr")
        normalised.sort_indices()
        return normalised

    @cached_property
    def _word_vectoriser(self) -> CountVectorizer:
        vocabulary = {term: index for index, term in enumerate(self.word_terms)}
        return CountVectorizer(analyzer=gram_keys, vocabulary=vocabulary, dtype=np.float64)

    @cached_property
    def _char_vocabulary(self) -> dict[str, int]:
        return {term: index for index, term in enumerate(self.char_terms)}


def _char_vectoriser(vocabulary: dict[str, int] | None) -> CountVectorizer:
    return CountVectorizer(
        analyzer="char_wb",
        ngram_range=CHAR_RANGE,
        lowercase=True,
        vocabulary=vocabulary,
        dtype=np.float64,
    )


def _select(
    vectoriser: CountVectorizer, texts: Sequence[str], min_df: int, limit: int
) -> tuple[tuple[str, ...], sparse.csr_matrix]:
    """Keep the ``limit`` terms found in most documents (ties alphabetically), in term order."""
    counts = vectoriser.fit_transform(texts).tocsr()
    terms = vectoriser.get_feature_names_out()
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    order = np.lexsort((np.arange(len(terms)), -document_frequency))
    keep = order[document_frequency[order] >= min_df][:limit]
    keep.sort()
    return tuple(str(term) for term in terms[keep]), counts[:, keep].tocsr()


def _unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0.0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix
