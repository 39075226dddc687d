"""Ideas like the one being written, so that people build on each other's instead of
repeating them (shown on the check page, and live as they type).

Ranked by Candour's hybrid search (BM25 over the words fused with the static embedding,
ADR 0008); an idea is shown only if its meaning is close enough (the cosine threshold),
so a shared word alone never makes two ideas look alike."""

from __future__ import annotations

from dataclasses import dataclass

from candour.accounts.models import User
from candour.ideas.models import Idea
from candour.lib.text.embedding.embedder import default_embedder
from candour.lib.text.hybrid import rank_texts

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
    ranked = rank_texts(
        text, [idea_text(c.problem, c.idea) for c in candidates], default_embedder(), k=k * 4
    )
    return [
        SimilarIdea(candidates[r.position], round(r.cosine, 3))
        for r in ranked
        if r.cosine >= THRESHOLD
    ][:k]
