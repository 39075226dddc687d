"""TF-IDF features: word unigrams and bigrams, optionally character n-grams within words,
and optionally the static embedding's dimensions beside them (the hybrid features, issue 19).

The embedding block is the text's unit-length static embedding times ``embedding_scale``;
it lets a code's model see reports that say the same thing in other words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from candour.lib.text.classifier.tokens import gram_keys, words
from candour.lib.text.embedding.embedder import StaticEmbedder, default_embedder

CHAR_RANGE = (3, 5)
# Below this many documents every term is kept; above it, terms seen once are noise.
MIN_DOCUMENTS_FOR_PRUNING = 20

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class FeatureSpace:
    word_terms: tuple[str, ...]
    char_terms: tuple[str, ...]
    idf: FloatArray = field(repr=False)
    # 0.0: no embedding block (models saved before issue 19, or switched off).
    embedding_scale: float = 0.0

    @property
    def word_count(self) -> int:
        return len(self.word_terms)

    @property
    def lexical_count(self) -> int:
        """Word and character features: the columns that carry IDF weights."""
        return len(self.word_terms) + len(self.char_terms)

    @property
    def embedding_count(self) -> int:
        return _embedder().dimensions if self.embedding_scale > 0.0 else 0

    @property
    def count(self) -> int:
        return self.lexical_count + self.embedding_count

    @classmethod
    def fit_transform(
        cls,
        texts: Sequence[str],
        *,
        max_word_features: int,
        max_char_features: int,
        char_ngrams: bool,
        embedding_scale: float = 0.0,
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
        space = cls(word_terms, char_terms, idf, embedding_scale)
        return space, space.with_meaning(space.weigh(counts), texts)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        blocks = []
        if self.word_terms:
            blocks.append(self._word_vectoriser.transform(texts))
        if self.char_terms:
            blocks.append(_char_vectoriser(self._char_vocabulary).transform(texts))
        if not blocks:
            return sparse.csr_matrix((len(texts), 0), dtype=np.float64)
        return self.with_meaning(self.weigh(sparse.hstack(blocks, format="csr")), texts)

    def with_meaning(self, lexical: sparse.csr_matrix, texts: Sequence[str]) -> sparse.csr_matrix:
        """The lexical features with the scaled static embedding of each text beside them."""
        if self.embedding_scale <= 0.0:
            return lexical
        meaning = _embedder().embed_many(list(texts)).astype(np.float64) * self.embedding_scale
        combined = sparse.hstack([lexical, sparse.csr_matrix(meaning)], format="csr")
        combined.sort_indices()
        return combined

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


def _embedder() -> StaticEmbedder:
    return default_embedder()


def embedding_fingerprint() -> str:
    """Which static model the embedding block was computed with: a saved model needs it."""
    return _embedder().fingerprint


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
