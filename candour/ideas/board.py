"""The team board (to do, doing, done) and the bottleneck view (awaiting, overdue, stalled)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from candour.ideas.models import Idea
from candour.ideas.querysets import IdeaQuerySet
from candour.ideas.vocabulary import DONE_STATUSES, IdeaStatus

DONE_SHOWN = 20
# A board is for the work in hand: past this, the column says how many more there are and
# the bottleneck view lists them (a team with years of backlog made a page of megabytes).
OPEN_SHOWN = 100


@dataclass
class Column:
    key: str
    title: StrOrPromise
    ideas: list[Idea] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.ideas)


def board(ideas: QuerySet[Idea]) -> list[Column]:
    """Three columns; each shows its first ideas only (done: the most recent), so the board
    stays a board however large the team's history."""
    cards = ideas.select_related("team", "author")
    columns = []
    for key, title, statuses, order, shown in (
        ("todo", _("To do"), (IdeaStatus.NEW, IdeaStatus.UNDER_REVIEW), ("respond_by", "pk"),
         OPEN_SHOWN),
        ("doing", _("Doing"), (IdeaStatus.TRIAL,), ("respond_by", "pk"), OPEN_SHOWN),
        ("done", _("Done"), DONE_STATUSES, ("-last_activity_at", "-pk"), DONE_SHOWN),
    ):  # fmt: skip
        chosen = cards.filter(status__in=statuses)
        shown_ideas = list(chosen.order_by(*order)[:shown])
        total = len(shown_ideas) if len(shown_ideas) < shown else chosen.count()
        columns.append(Column(key, title, shown_ideas, total))
    return columns


@dataclass(frozen=True)
class Bottlenecks:
    awaiting: list[Idea]
    overdue: list[Idea]
    stalled: list[Idea]


def bottlenecks(ideas: IdeaQuerySet, *, now: datetime | None = None) -> Bottlenecks:
    now = now or timezone.now()
    today = timezone.localdate(now)
    waiting = list(
        ideas.filter(status=IdeaStatus.NEW, first_response_at__isnull=True)
        .select_related("team")
        .order_by("respond_by", "pk")
    )
    stalled = list(ideas.stalled(now=now).select_related("team").order_by("last_activity_at", "pk"))
    return Bottlenecks(
        awaiting=[i for i in waiting if i.respond_by >= today],
        overdue=[i for i in waiting if i.respond_by < today],
        stalled=stalled,
    )
