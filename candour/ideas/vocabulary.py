"""The words of the improvement board: kinds of problem, life-cycle stages, sources."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProblemKind(models.TextChoices):
    QUALITY = "quality", _("Quality: something is done wrong or below standard")
    WASTE = "waste", _("Waste: effort that does nothing for children and families")
    DELAY = "delay", _("Delay: people or work kept waiting")
    SAFETY = "safety", _("Safety: a risk to children, families or staff")
    EXPERIENCE = "experience", _("The experience of children and families")
    OTHER = "other", _("Something else")


class IdeaStatus(models.TextChoices):
    NEW = "new", _("New")
    UNDER_REVIEW = "under_review", _("Under review")
    TRIAL = "trial", _("On trial")
    ADOPTED = "adopted", _("Adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")
    SHARED = "shared", _("Shared with other teams")


# Plan-Do-Check-Act: where each stage may go next. Not adopted can be reopened, because
# a good idea at the wrong time is still a good idea.
NEXT_STATUSES: dict[str, tuple[str, ...]] = {
    IdeaStatus.NEW: (
        IdeaStatus.UNDER_REVIEW,
        IdeaStatus.TRIAL,
        IdeaStatus.ADOPTED,
        IdeaStatus.NOT_ADOPTED,
    ),
    IdeaStatus.UNDER_REVIEW: (IdeaStatus.TRIAL, IdeaStatus.ADOPTED, IdeaStatus.NOT_ADOPTED),
    IdeaStatus.TRIAL: (IdeaStatus.ADOPTED, IdeaStatus.NOT_ADOPTED),
    IdeaStatus.ADOPTED: (IdeaStatus.SHARED,),
    IdeaStatus.NOT_ADOPTED: (IdeaStatus.UNDER_REVIEW,),
    IdeaStatus.SHARED: (),
}

OPEN_STATUSES = frozenset({IdeaStatus.NEW, IdeaStatus.UNDER_REVIEW, IdeaStatus.TRIAL})
DONE_STATUSES = frozenset({IdeaStatus.ADOPTED, IdeaStatus.NOT_ADOPTED, IdeaStatus.SHARED})
IMPLEMENTED_STATUSES = frozenset({IdeaStatus.ADOPTED, IdeaStatus.SHARED})


class IdeaSource(models.TextChoices):
    STAFF = "staff", _("A member of staff")
    THEME = "theme", _("An incident theme")
    LESSON = "lesson", _("A lesson from a report")
    FEEDBACK = "feedback", _("Children's and families' feedback")
    SURVEY = "survey", _("The safety culture survey")


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    STATUS = "status", _("Moved on")
    COMMENT = "comment", _("Comment")
    ESCALATED = "escalated", _("Escalated")
    SHARED = "shared", _("Shared")
    THANKED = "thanked", _("Thanked")


class EscalationReason(models.TextChoices):
    OVERDUE = "overdue", _("No response by the deadline")
    STALLED = "stalled", _("No update for 30 days")


# An open idea a manager has responded to, with no update for this long, has stalled: it
# shows in the bottleneck view and escalates to the next manager up.
STALLED_DAYS = 30
