"""The reporting app's answers to the platform's home page (core.hooks)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.hooks import ReportCounts, Waiting
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


def _week_of(moment: datetime) -> object:
    day = timezone.localtime(moment).date()
    return day - timedelta(days=day.weekday())


def waiting(user: User, since: datetime | None) -> list[Waiting]:
    """For the learning team: new reports to triage, and open reports past their date.

    Reports keep only the week they arrived (a finer time could identify the reporter), so
    "since you last came" counts the reports of that week and later.
    """
    if not user.organisation_ids_with_role(Role.ANALYST):
        return []
    today = timezone.localdate()
    new_filter = Q(status=Status.NEW)
    counts = (
        Report.objects.for_learning_team(user)
        .open()
        .aggregate(
            open=Count("pk"),
            new=Count("pk", filter=new_filter),
            new_overdue=Count("pk", filter=new_filter & Q(due_on__lt=today)),
            overdue=Count("pk", filter=Q(due_on__lt=today)),
            arrived=Count(
                "pk",
                filter=new_filter & Q(received_week__gte=_week_of(since)) if since else Q(pk=None),
            ),
        )
    )
    queue = reverse("reporting:queue")
    return [
        Waiting(
            key="reports-to-triage",
            title=_("New reports to triage"),
            count=counts["new"],
            href=queue,
            overdue=counts["new_overdue"],
            changed=counts["arrived"],
        ),
        Waiting(
            key="open-reports",
            title=_("Open reports being worked on"),
            count=counts["open"] - counts["new"],
            href=queue,
            overdue=counts["overdue"] - counts["new_overdue"],
            kind="watch",
        ),
    ]
