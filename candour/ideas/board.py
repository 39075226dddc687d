"""The team board (to do, doing, done) and the bottleneck view (awaiting, overdue, stalled)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from candour.ideas.models import Idea
from candour.ideas.vocabulary import STALLED_DAYS, IdeaStatus

DONE_SHOWN = 20


@dataclass
class Column:
    key: str
    title: StrOrPromise
    ideas: list[Idea] = field(default_factory=list)


def board(ideas: QuerySet[Idea]) -> list[Column]:
    """Three columns; done shows the most recent only, so the board stays a board."""
    columns = {
        "todo": Column("todo", _("To do")),
        "doing": Column("doing", _("Doing")),
        "done": Column("done", _("Done")),
    }
    for idea in ideas.select_related("team", "author").order_by("respond_by", "pk"):
        if idea.status in (IdeaStatus.NEW, IdeaStatus.UNDER_REVIEW):
            columns["todo"].ideas.append(idea)
        elif idea.status == IdeaStatus.TRIAL:
            columns["doing"].ideas.append(idea)
        else:
            columns["done"].ideas.append(idea)
    columns["done"].ideas.sort(key=lambda i: i.last_activity_at, reverse=True)
    columns["done"].ideas = columns["done"].ideas[:DONE_SHOWN]
    return list(columns.values())


@dataclass(frozen=True)
class Bottlenecks:
    awaiting: list[Idea]
    overdue: list[Idea]
    stalled: list[Idea]


def bottlenecks(ideas: QuerySet[Idea], *, now: datetime | None = None) -> Bottlenecks:
    now = now or timezone.now()
    today = timezone.localdate(now)
    waiting = list(
        ideas.filter(status=IdeaStatus.NEW, first_response_at__isnull=True)
        .select_related("team")
        .order_by("respond_by", "pk")
    )
    stalled = list(
        ideas.filter(
            status__in=[IdeaStatus.UNDER_REVIEW, IdeaStatus.TRIAL],
            last_activity_at__lt=now - timedelta(days=STALLED_DAYS),
        )
        .select_related("team")
        .order_by("last_activity_at", "pk")
    )
    return Bottlenecks(
        awaiting=[i for i in waiting if i.respond_by >= today],
        overdue=[i for i in waiting if i.respond_by < today],
        stalled=stalled,
    )
