"""Searching the open library by the same hybrid ranking as similar reports (ADR 0008, 0033).

Open lessons and bulletins are few (hundreds, not millions) and never change once opened,
so each web process builds a small `SimilarReports` index over their text in memory, one
for lessons and one for bulletins, and rebuilds it only when the set of open copies
changes. Every hit is checked against the database's open copies and the filters chosen,
so a withdrawn copy is never found, even by an index built before it was withdrawn.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from django.db import models

from candour.learning.models import OpenBulletin, OpenLesson
from candour.learning.querysets import OpenBulletinQuerySet, OpenLessonQuerySet
from candour.lib.text.similar_reports import SimilarReports

# As many as the national search shows: the best matches, best first.
RESULTS = 20
QUERY_LENGTH = 200

Copy = TypeVar("Copy", OpenLesson, OpenBulletin)
_lock = threading.Lock()
_built: dict[str, tuple[frozenset[tuple[int, object]], SimilarReports | None]] = {}


def search_open_lessons(text: str, allowed: OpenLessonQuerySet) -> list[OpenLesson]:
    """The open lessons among `allowed` most like the words, best first."""
    return _search(text, allowed, OpenLesson.objects.public(), lesson_text)


def search_open_bulletins(text: str, allowed: OpenBulletinQuerySet) -> list[OpenBulletin]:
    """The open bulletins among `allowed` most like the words, best first."""
    return _search(text, allowed, OpenBulletin.objects.public(), bulletin_text)


def lesson_text(opened: OpenLesson) -> str:
    parts = (opened.title, opened.story, opened.commentary, opened.action_taken)
    return " ".join(part for part in parts if part)


def bulletin_text(opened: OpenBulletin) -> str:
    parts = [opened.title, opened.introduction]
    for lesson in opened.lessons:
        parts += [lesson.get(name, "") for name in ("title", "story", "commentary")]
    return " ".join(part for part in parts if part)


def _search(
    text: str,
    allowed: models.QuerySet[Copy],
    public: models.QuerySet[Copy],
    text_of: Callable[[Copy], str],
) -> list[Copy]:
    words = text.strip()[:QUERY_LENGTH]
    if not words:
        return []
    index = _index(public, text_of)
    if index is None:
        return []
    hits = index.similar(words, k=RESULTS * 4)
    found = allowed.in_bulk([hit.id for hit in hits])
    return [found[hit.id] for hit in hits if hit.id in found][:RESULTS]


def _index(public: models.QuerySet[Copy], text_of: Callable[[Copy], str]) -> SimilarReports | None:
    key = public.model.__name__
    # Ids with their opening time: an id alone could be reused after a database reset.
    ids = frozenset(public.values_list("pk", "opened_at"))
    with _lock:
        cached = _built.get(key)
        if cached is not None and cached[0] == ids:
            return cached[1]
        rows = [
            (opened.pk, opened.organisation_id, text_of(opened))
            for opened in public.filter(pk__in=[pk for pk, _opened in ids]).order_by("pk")
        ]
        # Built without learned token weights: too few copies to learn them from.
        index = SimilarReports.build(lambda: rows, weighted=False) if rows else None
        _built[key] = (ids, index)
        return index
