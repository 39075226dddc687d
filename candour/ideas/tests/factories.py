"""Improvement ideas in their common states, made through the real services (deadline,
notifications and audit as in use), never written to the table directly.

``IdeaDraftFactory`` builds what a member of staff fills in; ``IdeaFactory`` submits one
and returns the ``Idea``. ``draft`` and ``submit`` are the shorthands most tests use, for
the world's Riverside Assessment team, submitted by its member of staff on a Monday.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from factory.base import Factory
from factory.declarations import SubFactory

from candour.accounts.models import User
from candour.ideas import services
from candour.ideas.models import Idea
from candour.ideas.vocabulary import ProblemKind
from candour.notifications.models import Notification
from conftest import World

LONDON = ZoneInfo("Europe/London")
# A Monday: five working days later is the next Monday.
MONDAY = datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)


class IdeaDraftFactory(Factory[services.IdeaDraft]):
    """A complete idea about wasted effort (``team`` must be given)."""

    class Meta:
        model = services.IdeaDraft

    team = None
    problem_kind = ProblemKind.WASTE
    problem = "We type the family's details three times."
    idea = "Carry the details forward from the referral.\nIt is one setting."
    expected_benefit = "Twenty minutes saved per assessment."


class IdeaFactory(Factory[Idea]):
    """An idea submitted by ``author`` through ``submit_idea`` at ``now``.

    Any ``draft__<field>`` sets a field of the draft, e.g. ``draft__idea="..."``.
    """

    class Meta:
        model = Idea

    author = None
    draft = SubFactory(IdeaDraftFactory)
    now = MONDAY

    @classmethod
    def _create(cls, model_class: type, **kwargs: Any) -> Idea:
        return services.submit_idea(**kwargs)


def draft(world: World, **overrides: Any) -> services.IdeaDraft:
    overrides.setdefault("team", world.assessment)
    return IdeaDraftFactory.create(**overrides)


def submit(world: World, **overrides: Any) -> Idea:
    """An idea from Riverside's member of staff for Assessment, sent on MONDAY."""
    return IdeaFactory.create(author=world.staff, draft=draft(world, **overrides))


def inbox(user: User) -> list[str]:
    """The subjects of the person's notifications, oldest first."""
    return list(Notification.objects.filter(recipient=user).values_list("subject", flat=True))
