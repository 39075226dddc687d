"""The ideas app's answers to the platform's home page (core.hooks)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.core.hooks import Waiting
from candour.ideas.models import Idea
from candour.ideas.vocabulary import IdeaStatus

OPEN = (IdeaStatus.NEW, IdeaStatus.UNDER_REVIEW, IdeaStatus.TRIAL)


def waiting(user: User, since: datetime | None) -> list[Waiting]:
    """For managers: ideas waiting for a first response (overdue past their date), and
    ideas escalated to them. For everyone: their own ideas that moved since they came."""
    board = reverse("ideas:board")
    items: list[Waiting] = []
    managed = Idea.objects.managed_by(user).filter(status__in=OPEN)
    if managed.exists() or user.service_manager_organisation_ids():
        counts = managed.aggregate(
            unanswered=Count("pk", filter=Q(first_response_at__isnull=True)),
            overdue=Count(
                "pk",
                filter=Q(first_response_at__isnull=True, respond_by__lt=timezone.localdate()),
            ),
            escalated=Count("pk", filter=Q(escalated_to=user)),
            arrived=Count("pk", filter=Q(created_at__gt=since))
            if since
            else Count("pk", filter=Q(pk=None)),
        )
        items.append(
            Waiting(
                key="ideas-to-answer",
                title=_("Improvement ideas waiting for your response"),
                count=counts["unanswered"],
                href=board,
                overdue=counts["overdue"],
                changed=counts["arrived"],
            )
        )
        items.append(
            Waiting(
                key="ideas-escalated",
                title=_("Ideas escalated to you"),
                count=counts["escalated"],
                href=board,
                hint=_("No one answered these in time, or they stalled."),
            )
        )
    if since is not None:
        moved = (
            Idea.objects.filter(author=user, last_activity_at__gt=since)
            .exclude(created_at__gt=since)
            .count()
        )
        items.append(
            Waiting(
                key="your-ideas",
                title=_("Your ideas with news"),
                count=moved,
                href=board,
                changed=moved,
                kind="watch",
            )
        )
    return items
