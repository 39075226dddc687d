"""Similar reviewed reports: for the learning team's report page and for national analysts.

The persisted index (`similarity_store`, ADR 0008) answers when one has been built, by
the hybrid ranking (BM25 over the words fused with the static embedding): its hits are
only candidates, each checked against the database (still reviewed, still in an
allowed organisation) before anyone sees it, since the index is minutes behind. Until an
index is built, a throwaway one is built per request from the most recent reviewed reports.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Q

from candour.learning.similar.store import indexed_text, shared_reports
from candour.lib.text.similar_reports import SimilarReports
from candour.lib.text.vectors.index import Hit
from candour.reporting.models import Report
from candour.reporting.querysets import ReportQuerySet

RECENT_LIMIT = 2000
# Hits asked of the index beyond k, for those the database check turns away.
SPARE_HITS = 10
EXCERPT_LENGTH = 140


@dataclass(frozen=True)
class SimilarReport:
    reference: str
    excerpt: str
    score: float
    organisation: str = ""


@dataclass(frozen=True)
class Match:
    report: Report
    score: float


def similar_reports(
    report: Report, *, k: int = 5, organisation_ids: Collection[int] | None = None
) -> list[SimilarReport]:
    """Reviewed reports most like this one, best first; by default in its own organisation."""
    allowed = {report.organisation_id} if organisation_ids is None else set(organisation_ids)
    matches = find_similar(
        Report.objects.all(), organisation_ids=allowed, text=indexed_text(report), like=report, k=k
    )
    return [
        SimilarReport(
            match.report.reference,
            match.report.what_happened[:EXCERPT_LENGTH],
            match.score,
            match.report.organisation.name,
        )
        for match in matches
    ]


def find_similar(
    candidates: ReportQuerySet,
    *,
    organisation_ids: Collection[int],
    text: str,
    like: Report | None = None,
    k: int,
) -> list[Match]:
    """The k reviewed reports among `candidates` most like the text (or `like`), best first.

    `candidates` is the caller's scoped queryset; `organisation_ids` narrows it further.
    """
    groups = sorted(set(organisation_ids))
    if not groups or k <= 0:
        return []
    allowed = candidates.reviewed().filter(organisation_id__in=groups)
    if like is not None:
        # Earlier reports only: only the week is stored, so within it arrival order (pk).
        allowed = allowed.exclude(pk=like.pk).filter(
            Q(received_week__lt=like.received_week)
            | Q(received_week=like.received_week, pk__lt=like.pk)
        )
    index = shared_reports()
    if index is None:
        return _built_per_request(allowed, text, k)
    wanted = k + SPARE_HITS
    excluded = [like.pk] if like is not None else []
    # An indexed report's own vector saves embedding it again; its words are re-read.
    vector = index.index.vector(like.pk) if like is not None else None
    hits = index.similar(text, wanted, groups=groups, exclude=excluded, vector=vector)
    return _checked(hits, allowed, k)


def _checked(hits: list[Hit], allowed: ReportQuerySet, k: int) -> list[Match]:
    """Hits still eligible now, in the index's order: the index may be minutes behind."""
    found = {
        report.pk: report
        for report in allowed.filter(pk__in=[hit.id for hit in hits]).select_related("organisation")
    }
    return [Match(found[hit.id], hit.score) for hit in hits if hit.id in found][:k]


def _built_per_request(allowed: ReportQuerySet, text: str, k: int) -> list[Match]:
    candidates = list(
        allowed.select_related("organisation").order_by("-received_week", "-pk")[:RECENT_LIMIT]
    )
    if not candidates:
        return []
    by_id = {candidate.pk: candidate for candidate in candidates}
    index = SimilarReports.build(
        lambda: [(c.pk, c.organisation_id, indexed_text(c)) for c in candidates], weighted=False
    )
    return [Match(by_id[hit.id], hit.score) for hit in index.similar(text, k=k) if hit.id in by_id]
