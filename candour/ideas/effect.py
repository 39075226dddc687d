"""Did the adopted idea work? The streams linked to it before and after (issue 23).

The streams: the reports of the theme the idea was raised from, judged from the month it
was adopted (``learning/themes/effect.py``), and children's and families' ratings of what
the feedback it was raised from was about (``voice/effect.py``); ADR 0032.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _t

from candour.ideas.models import Idea
from candour.learning.themes.effect import StreamEffect, theme_effect
from candour.voice.effect import rating_effect


def idea_effects(idea: Idea, *, today: date | None = None) -> list[StreamEffect]:
    """The adopted idea's linked streams, judged; empty when it is not adopted or has no
    linked stream."""
    if idea.adopted_at is None:
        return []
    effects = []
    if idea.source_theme_id is not None:
        effects.append(
            theme_effect(
                idea.source_theme_id,
                idea.adopted_at,
                _t("Reports of the theme it came from"),
                today=today,
            )
        )
    if idea.source_feedback is not None:
        effects.append(
            rating_effect(
                idea.source_feedback,
                idea.adopted_at,
                _t("Children's and families' ratings of what the feedback was about"),
                today=today,
            )
        )
    return effects


@dataclass(frozen=True)
class JudgedIdea:
    idea: Idea
    effects: list[StreamEffect]


RECENT_JUDGED = 10


def recently_judged(organisation_id: int, *, today: date | None = None) -> list[JudgedIdea]:
    """The organisation's most recently adopted ideas that have a stream to judge, each
    judged (for the kaizen measures page: does what we adopt work?)."""
    ideas = (
        Idea.objects.filter(organisation_id=organisation_id, adopted_at__isnull=False)
        .filter(Q(source_theme__isnull=False) | Q(source_feedback__isnull=False))
        .select_related("team", "source_feedback")
        .order_by("-adopted_at", "-pk")[:RECENT_JUDGED]
    )
    return [JudgedIdea(idea, idea_effects(idea, today=today)) for idea in ideas]
