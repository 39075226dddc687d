"""Similar earlier reports for the learning team's report page.

For now the index is built per request from the organisation's most recent reviewed
reports (a few hundred milliseconds for 2,000); a persisted index updated by a
background job (candour.learning.similarity.SharedReports) is the next step for scale.
"""

from __future__ import annotations

from dataclasses import dataclass

from candour.learning.similarity import SimilarReports
from candour.reporting.models import Report

RECENT_LIMIT = 2000


@dataclass(frozen=True)
class SimilarReport:
    reference: str
    excerpt: str
    score: float


def _text(report: Report) -> str:
    return " ".join(
        part
        for part in (report.what_happened, report.what_caught_it, report.what_made_it_likely)
        if part
    )


def similar_reports(report: Report, *, k: int = 5) -> list[SimilarReport]:
    """The organisation's reviewed reports most like this one, best first."""
    candidates = list(
        Report.objects.filter(
            organisation=report.organisation, redactions_reviewed_at__isnull=False
        )
        .exclude(pk=report.pk)
        .order_by("-received_week", "-pk")[:RECENT_LIMIT]
    )
    if not candidates:
        return []
    by_id = {candidate.pk: candidate for candidate in candidates}
    index = SimilarReports.build(
        lambda: [(c.pk, c.organisation_id, _text(c)) for c in candidates], weighted=False
    )
    hits = index.similar(_text(report), k=k)
    return [
        SimilarReport(by_id[hit.id].reference, by_id[hit.id].what_happened[:140], hit.score)
        for hit in hits
        if hit.id in by_id
    ]
