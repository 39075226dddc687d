"""Evidence an analyst can check: the words in the text that pushed a code's score up."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from candour.lib.text.classifier.tokens import Gram, grams

# Negations stay in evidence ("not told" says more than "told"); other function words make
# poor evidence on their own or at the edge of a phrase ("the visit").
NEGATIONS = frozenset({"no", "nor", "not", "never", "nothing", "nobody", "none", "cannot"})
FUNCTION_WORDS = frozenset(ENGLISH_STOP_WORDS) - NEGATIONS


def model_evidence(
    text: str,
    features: sparse.csr_matrix,
    weights: npt.NDArray[np.float32],
    terms: tuple[str, ...],
    limit: int,
) -> tuple[str, ...]:
    """Phrases of ``text`` whose word features added most to the score, as written.

    ``features`` is the text's feature row and ``weights`` one code's weight column; only
    word features count (character n-grams mean nothing to a reader).
    """
    in_words = features.indices < len(terms)
    indices = features.indices[in_words]
    contributions = features.data[in_words] * weights[indices]
    order = np.lexsort((indices, -contributions))
    first_seen: dict[str, Gram] = {}
    for found in grams(text):
        first_seen.setdefault(found.key, found)
    chosen: list[str] = []
    used_words: set[str] = set()
    for position in order:
        if contributions[position] <= 0.0 or len(chosen) == limit:
            break
        key = terms[indices[position]]
        key_words = set(key.split())
        gram = first_seen.get(key)
        if gram is None or key_words <= NEGATIONS or key_words & (FUNCTION_WORDS | used_words):
            continue
        chosen.append(text[gram.start : gram.end])
        used_words |= key_words - NEGATIONS
    return tuple(chosen)


def combine_evidence(
    stronger: tuple[str, ...], weaker: tuple[str, ...], limit: int
) -> tuple[str, ...]:
    """Evidence from the source that added more to the score first, keeping up to two
    places for the other source so that a matched rule is never crowded out."""
    kept_for_weaker = min(len(weaker), 2, limit // 2)
    combined = stronger[: limit - kept_for_weaker] + weaker
    return tuple(dict.fromkeys(combined))[:limit]
