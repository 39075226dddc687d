"""Children's feedback in its common states.

- ``feedback_link``: a link for Riverside's Assessment team, made by its administrator.
- ``child_feedback``: feedback a child sent through ``submit_feedback`` (de-identified,
  sealed, checked for disclosures), named and asking to be better informed by default.
- ``received``: many pieces of already-checked-looking feedback written in bulk, for the
  results pages' counts (``FeedbackFactory.build_batch`` then one insert).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from factory.base import Factory
from factory.declarations import LazyAttribute
from factory.django import DjangoModelFactory

from candour.core.models import Team
from candour.lib.coarse_dates import week_start
from candour.voice import services
from candour.voice.models import Feedback, FeedbackLink
from candour.voice.vocabulary import FeedbackStatus
from conftest import World
from tests.clock import A_THURSDAY

NAMED = "My social worker Sarah Jones listened to me and came to see me at 12 Oak Road"
INFORMED = "Nobody told me what was happening at the meeting"

# The day the results tests read their pages on (they hold the clock there), and its week.
TODAY = timezone.localdate(A_THURSDAY)
A_WEEK = week_start(TODAY)


class FeedbackLinkFactory(Factory[FeedbackLink]):
    """A feedback link made through ``create_link`` (``actor`` and ``team`` given)."""

    class Meta:
        model = FeedbackLink

    actor = None
    team = None
    organisation = LazyAttribute(lambda o: o.team.organisation)
    name = "Visits"

    @classmethod
    def _create(cls, model_class: type, **kwargs: Any) -> FeedbackLink:
        return services.create_link(**kwargs)


class AnswersFactory(Factory[services.Answers]):
    """What an 8 to 12 year old answered: good, with a name and an address in it."""

    class Meta:
        model = services.Answers

    age_band = "8_12"
    rating = "good"
    what_was_good = NAMED
    what_would_be_better = INFORMED
    idea = ""


class FeedbackFactory(DjangoModelFactory[Feedback]):
    """A row of feedback as counted on the results pages (no words, nothing sealed)."""

    class Meta:
        model = Feedback

    organisation = LazyAttribute(lambda o: o.team.organisation)
    team = None
    age_band = "8_12"
    rating = "good"
    received_week = A_WEEK
    status = FeedbackStatus.NEW


def feedback_link(world: World) -> FeedbackLink:
    return FeedbackLinkFactory.create(actor=world.admin, team=world.assessment)


def child_feedback(
    world: World,
    *,
    good: str = NAMED,
    better: str = INFORMED,
    idea: str = "",
    today: date | None = None,
) -> Feedback:
    """Feedback sent through a new Assessment link; it must not raise an alert."""
    submitted, _secret = services.submit_feedback(
        link=feedback_link(world),
        answers=AnswersFactory.build(what_was_good=good, what_would_be_better=better, idea=idea),
        today=today,
    )
    assert submitted.alert is None
    return submitted.feedback


def received(
    world: World,
    count: int,
    *,
    rating: str,
    team: Team | None = None,
    band: str = "8_12",
    week: date = A_WEEK,
    status: str = FeedbackStatus.NEW,
) -> list[Feedback]:
    """``count`` pieces of Riverside feedback with this rating, written in one insert."""
    rows = FeedbackFactory.build_batch(
        count,
        organisation=world.riverside,
        team=team,
        age_band=band,
        rating=rating,
        received_week=week,
        status=status,
    )
    return Feedback.objects.bulk_create(rows)
