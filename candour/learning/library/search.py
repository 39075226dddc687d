"""Searching the open library by the same hybrid ranking as similar reports (ADR 0008, 0033).

Open lessons are few (hundreds, not millions) and never change once opened, so each web
process builds a small `SimilarReports` index over their text in memory, and rebuilds it
only when the set of open lessons changes. Every hit is checked against the database's
open lessons and the filters chosen, so a withdrawn lesson is never found, even by an
index built before it was withdrawn.
"""

from __future__ import annotations

import threading

from candour.learning.models import OpenLesson
from candour.learning.querysets import OpenLessonQuerySet
from candour.lib.text.similar_reports import SimilarReports

# As many as the national search shows: the best matches, best first.
RESULTS = 20
QUERY_LENGTH = 200

_lock = threading.Lock()
_built: dict[str, tuple[frozenset[tuple[int, object]], SimilarReports | None]] = {}


def search_open_lessons(text: str, allowed: OpenLessonQuerySet) -> list[OpenLesson]:
    """The open lessons among `allowed` most like the words, best first."""
    words = text.strip()[:QUERY_LENGTH]
    index = _index()
    if not words or index is None:
        return []
    hits = index.similar(words, k=RESULTS * 4)
    found = allowed.in_bulk([hit.id for hit in hits])
    return [found[hit.id] for hit in hits if hit.id in found][:RESULTS]


def lesson_text(opened: OpenLesson) -> str:
    return " ".join(
        part
        for part in (opened.title, opened.story, opened.commentary, opened.action_taken)
        if part
    )


def _index() -> SimilarReports | None:
    public = OpenLesson.objects.public()
    # Ids with their opening time: an id alone could be reused after a database reset.
    ids = frozenset(public.values_list("pk", "opened_at"))
    with _lock:
        cached = _built.get("open")
        if cached is not None and cached[0] == ids:
            return cached[1]
        rows = [
            (opened.pk, opened.organisation_id, lesson_text(opened))
            for opened in public.filter(pk__in=[pk for pk, _opened in ids]).order_by("pk")
        ]
        # Built without learned token weights: too few lessons to learn them from.
        index = SimilarReports.build(lambda: rows, weighted=False) if rows else None
        _built["open"] = (ids, index)
        return index
