"""Did the adopted idea work? The streams linked to it before and after (issue 23).

The streams (``learning/changes.py`` gathers them, ADR 0032): the reports of the theme
the idea was raised from, judged from the month it was adopted; children's and families'
ratings of what the feedback it was raised from was about, or of its team's work; the
safety culture survey's scores of its team; and its team's leavers, sickness absence and
caseloads. The ideas adopted in a period are offered to the bulletin from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _t

from candour.ideas.models import Idea
from candour.learning.changes import Change, StreamEffect, judge


def idea_change(idea: Idea) -> Change | None:
    """The adopted idea as a change; None when it is not adopted."""
    if idea.adopted_at is None:
        return None
    themes = (idea.source_theme_id,) if idea.source_theme_id is not None else ()
    return Change(
        idea.adopted_at, idea.organisation_id, idea.team_id, themes, idea.source_feedback_id
    )


def idea_effects(idea: Idea, *, today: date | None = None) -> list[StreamEffect]:
    """The adopted idea's linked streams, judged; empty when it is not adopted or has no
    linked stream."""
    change = idea_change(idea)
    return [] if change is None else judge(change, today=today)


def adopted_between(organisation_id: int, first: date, last: date) -> list[tuple[str, Change]]:
    """The ideas adopted in the organisation between two days, as changes (for the
    bulletin's "did it work?")."""
    ideas = Idea.objects.filter(
        organisation_id=organisation_id,
        adopted_at__date__gte=first,
        adopted_at__date__lte=last,
    ).order_by("adopted_at", "pk")
    found = []
    for idea in ideas:
        change = idea_change(idea)
        if change is not None:
            name = _t("Idea %(number)s adopted: %(title)s") % {
                "number": idea.pk,
                "title": idea.title,
            }
            found.append((name, change))
    return found


@dataclass(frozen=True)
class JudgedIdea:
    idea: Idea
    effects: list[StreamEffect]


RECENT_JUDGED = 10


def recently_judged(organisation_id: int, *, today: date | None = None) -> list[JudgedIdea]:
    """The organisation's most recently adopted ideas, each judged on its streams (for the
    kaizen measures page: does what we adopt work?); those with no stream left out."""
    ideas = (
        Idea.objects.filter(organisation_id=organisation_id, adopted_at__isnull=False)
        .select_related("team", "source_feedback")
        .order_by("-adopted_at", "-pk")[:RECENT_JUDGED]
    )
    judged = [JudgedIdea(idea, idea_effects(idea, today=today)) for idea in ideas]
    return [item for item in judged if item.effects]
