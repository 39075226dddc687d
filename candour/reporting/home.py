"""The reporting app's answers to the platform's home page (core.hooks)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from candour.accounts.models import User
from candour.core.hooks import ReportCounts
from candour.reporting.models import Report
from candour.reporting.vocabulary import Status


def report_counts(user: User) -> ReportCounts:
    """Open reports the person may triage: all, new and overdue."""
    counts = (
        Report.objects.for_learning_team(user)
        .open()
        .aggregate(
            open=Count("pk"),
            new=Count("pk", filter=Q(status=Status.NEW)),
            overdue=Count("pk", filter=Q(due_on__lt=timezone.localdate())),
        )
    )
    return ReportCounts(open=counts["open"], new=counts["new"], overdue=counts["overdue"])
