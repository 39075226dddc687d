from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from candour.ideas.querysets import IdeaQuerySet
from candour.ideas.vocabulary import (
    EscalationReason,
    EventKind,
    IdeaSource,
    IdeaStatus,
    ProblemKind,
)


class Idea(models.Model):
    """A small improvement suggested by a member of staff, followed through Plan-Do-Check-Act."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="ideas"
    )
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, related_name="ideas")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ideas"
    )
    # Colleagues see the idea without the author's name; managers still see it.
    name_hidden_from_colleagues = models.BooleanField(default=False)
    problem_kind = models.CharField(max_length=16, choices=ProblemKind.choices)
    problem = models.TextField()
    idea = models.TextField()
    expected_benefit = models.TextField()
    source = models.CharField(max_length=16, choices=IdeaSource.choices, default=IdeaSource.STAFF)
    source_theme = models.ForeignKey(
        "learning.Theme", null=True, blank=True, on_delete=models.PROTECT, related_name="ideas"
    )
    source_lesson = models.ForeignKey(
        "learning.Lesson", null=True, blank=True, on_delete=models.PROTECT, related_name="ideas"
    )
    source_feedback = models.ForeignKey(
        "voice.Feedback", null=True, blank=True, on_delete=models.PROTECT, related_name="ideas"
    )
    # What it came from, in words, for sources without a record here (feedback, survey).
    source_note = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=16, choices=IdeaStatus.choices, default=IdeaStatus.NEW)
    created_at = models.DateTimeField()
    # The team's manager owns the first response, by this date.
    respond_by = models.DateField()
    first_response_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField()
    escalated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="escalated_ideas",
    )
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalation_reason = models.CharField(
        max_length=16, choices=EscalationReason.choices, blank=True
    )
    # Plan-Do-Check-Act: the trial's plan, how it is measured, and when it is reviewed.
    plan = models.TextField(blank=True)
    measure = models.TextField(blank=True)
    review_on = models.DateField(null=True, blank=True)
    not_adopted_reason = models.TextField(blank=True)
    # Impact, once adopted.
    what_changed = models.TextField(blank=True)
    minutes_saved_per_week = models.PositiveIntegerField(null=True, blank=True)
    errors_avoided_per_year = models.PositiveIntegerField(null=True, blank=True)
    children_experience = models.TextField(blank=True)
    cost = models.CharField(max_length=200, blank=True)
    adopted_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[IdeaQuerySet] = IdeaQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "status"], name="idea_org_status"),
            # Newest first within an organisation: the API's list and the boards.
            models.Index(fields=["organisation", "-created_at", "-id"], name="idea_org_newest"),
        ]

    def __str__(self) -> str:
        return f"idea {self.pk}"

    @property
    def title(self) -> str:
        """The idea's first line, short enough for a card on the board."""
        first = self.idea.strip().splitlines()[0] if self.idea.strip() else ""
        return first if len(first) <= 90 else first[:87].rstrip() + "..."


class IdeaEvent(models.Model):
    """The idea's timeline: each step, comment, escalation and thanks, with who did it."""

    idea = models.ForeignKey(Idea, on_delete=models.PROTECT, related_name="events")
    # None: the system (an escalation).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    from_status = models.CharField(max_length=16, choices=IdeaStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=IdeaStatus.choices, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} on idea {self.idea_id}"


class IdeaShare(models.Model):
    """An adopted idea offered to another team or organisation to adopt too."""

    idea = models.ForeignKey(Idea, on_delete=models.PROTECT, related_name="shares")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="ideas_shared_with"
    )
    # None: the whole organisation.
    team = models.ForeignKey(
        "core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    shared_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "organisation", "team"], name="idea_share_once")
        ]

    def __str__(self) -> str:
        return f"idea {self.idea_id} shared with {self.organisation_id}"


class ResponseStandard(models.Model):
    """How quickly an organisation's managers must respond to a new idea."""

    organisation = models.OneToOneField(
        "core.Organisation", on_delete=models.CASCADE, related_name="idea_standard"
    )
    working_days = models.PositiveSmallIntegerField(_("working days to respond"), default=5)

    def __str__(self) -> str:
        return f"{self.working_days} working days"
