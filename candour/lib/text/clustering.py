"""Recurring groups among reports: what they say and how they were coded, clustered.

Pure numpy and scikit-learn, no Django. Each report is a unit vector made of its text
embedding and its codes (so that two reports telling the same trap in different words
still meet); average-linkage agglomerative clustering with a cosine distance threshold
finds groups without being told how many there are. Groups smaller than `min_size`
are not recurring, so they are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

FloatMatrix = NDArray[np.float32]

# Weight of the codes against the words, and the distance at which groups stop merging:
# chosen from the flat middle of a sweep on the demo reports (0.38-0.5 give the same groups).
# The words alone split one trap by its tellings; the codes alone merge unlike stories.
CODE_WEIGHT = 1.0
DISTANCE_THRESHOLD = 0.45
MIN_SIZE = 4
MAX_REPORTS = 3000

_WORD = re.compile(r"[a-z][a-z'-]{2,}")
_PLACEHOLDER = re.compile(r"\[[A-Z _]+\]")
# Words every report uses: they say nothing about what sets a group apart.
_COMMON = frozenset(ENGLISH_STOP_WORDS) | {
    "child",
    "children",
    "family",
    "did",
    "didn't",
    "told",
    "said",
    "team",
    "worker",
    "social",
    "week",
    "weeks",
    "day",
    "days",
}


@dataclass(frozen=True)
class Item:
    id: int
    text: str
    codes: frozenset[str]


@dataclass(frozen=True)
class Group:
    ids: tuple[int, ...]
    key_terms: tuple[str, ...]
    # Mean similarity of members to the group's centre, 0 to 1: how tight the group is.
    cohesion: float


def code_vectors(items: Sequence[Item]) -> FloatMatrix:
    vocabulary = sorted({code for item in items for code in item.codes})
    position = {code: i for i, code in enumerate(vocabulary)}
    matrix = np.zeros((len(items), max(len(vocabulary), 1)), dtype=np.float32)
    for row, item in enumerate(items):
        for code in item.codes:
            matrix[row, position[code]] = 1.0
    return _unit_rows(matrix)


def find_groups(
    items: Sequence[Item],
    text_vectors: FloatMatrix,
    *,
    code_weight: float = CODE_WEIGHT,
    threshold: float = DISTANCE_THRESHOLD,
    min_size: int = MIN_SIZE,
) -> list[Group]:
    """Groups of at least `min_size` similar items, largest first."""
    if len(items) < max(min_size, 2):
        return []
    combined = _unit_rows(
        np.hstack([_unit_rows(text_vectors), code_weight * code_vectors(items)]).astype(np.float32)
    )
    labels = AgglomerativeClustering(
        n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold
    ).fit_predict(combined)
    document_terms = [_terms(item.text) for item in items]
    groups = []
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        if len(members) < min_size:
            continue
        centre = combined[members].mean(axis=0)
        centre /= np.linalg.norm(centre) or 1.0
        groups.append(
            Group(
                ids=tuple(items[int(i)].id for i in members),
                key_terms=key_terms([document_terms[i] for i in members], document_terms),
                cohesion=round(float((combined[members] @ centre).mean()), 3),
            )
        )
    return sorted(groups, key=lambda group: (-len(group.ids), group.ids))


def key_terms(
    members: Sequence[frozenset[str]], everyone: Sequence[frozenset[str]], *, limit: int = 5
) -> tuple[str, ...]:
    """Words far more common inside the group than across all reports, most telling first."""
    inside = Counter(term for terms in members for term in terms)
    overall = Counter(term for terms in everyone for term in terms)
    scored = []
    for term, count in inside.items():
        share_in = count / len(members)
        if share_in < 0.3:
            continue
        lift = share_in - overall[term] / len(everyone)
        scored.append((round(lift, 6), term))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return tuple(term for _, term in scored[:limit] if _ > 0)


def _terms(text: str) -> frozenset[str]:
    words = _WORD.findall(_PLACEHOLDER.sub(" ", text).lower())
    return frozenset(word for word in words if word not in _COMMON)


def _unit_rows(matrix: NDArray[np.floating]) -> FloatMatrix:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: FloatMatrix = (matrix / norms).astype(np.float32)
    return unit
