"""Did the adopted idea work? The streams linked to it before and after (issue 23).

The streams: the reports of the theme the idea was raised from, judged from the month it
was adopted (``learning/themes/effect.py``), and children's and families' ratings of what
the feedback it was raised from was about (``voice/effect.py``); ADR 0032.
"""

from __future__ import annotations

from datetime import date

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
