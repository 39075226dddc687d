"""Ideas like the one being written, so that people build on each other's instead of
repeating them (shown on the check page, and live as they type)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from candour.accounts.models import User
from candour.ideas.models import Idea
from candour.lib.text.embedding.embedder import default_embedder

# Below this cosine similarity an idea is more likely unrelated than a near-duplicate.
THRESHOLD = 0.6
CANDIDATES = 2000


@dataclass(frozen=True)
class SimilarIdea:
    idea: Idea
    score: float


def idea_text(problem: str, idea: str) -> str:
    return f"{problem}\n{idea}".strip()


def similar_ideas(user: User, problem: str, idea: str, *, k: int = 3) -> list[SimilarIdea]:
    """The person's organisations' ideas most like this one, best first."""
    text = idea_text(problem, idea)
    if len(text) < 12:
        return []
    candidates = list(
        Idea.objects.visible_to(user).select_related("team").order_by("-created_at")[:CANDIDATES]
    )
    if not candidates:
        return []
    embedder = default_embedder()
    vectors = embedder.embed_many([idea_text(c.problem, c.idea) for c in candidates])
    query = embedder.embed_many([text])[0]
    scores = np.asarray(vectors @ query, dtype=np.float32)
    order = np.argsort(-scores)[:k]
    return [
        SimilarIdea(candidates[i], round(float(scores[i]), 3))
        for i in order
        if scores[i] >= THRESHOLD
    ]
