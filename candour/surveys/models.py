from __future__ import annotations

import uuid
from datetime import date
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from candour.surveys.querysets import WaveQuerySet


class Wave(models.Model):
    """One round of the survey in an organisation, for chosen teams, until a closing date."""

    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="survey_waves"
    )
    title = models.CharField(max_length=120)
    item_version = models.PositiveSmallIntegerField()
    opens_on = models.DateField()
    closes_on = models.DateField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[WaveQuerySet] = WaveQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-opens_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today: date) -> bool:
        return self.closed_at is None and self.opens_on <= today <= self.closes_on


class WaveTeam(models.Model):
    """A team asked in a wave, with how many people were invited from it."""

    wave = models.ForeignKey(Wave, on_delete=models.PROTECT, related_name="wave_teams")
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, related_name="+")
    invited = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["team__name"]
        constraints = [models.UniqueConstraint(fields=["wave", "team"], name="wave_team_once")]

    def __str__(self) -> str:
        return f"{self.team_id} in wave {self.wave_id}"


class WaveQuestion(models.Model):
    """An organisation's own question for a wave, on the agree scale."""

    wave = models.ForeignKey(Wave, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=200)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["wave", "position"], name="wave_question_position")
        ]

    def __str__(self) -> str:
        return self.text


class Invitation(models.Model):
    """A person's invitation to a wave, used or not. Nothing here points at the answers
    given with it, and it keeps no time of use (ADR 0016)."""

    wave = models.ForeignKey(Wave, on_delete=models.PROTECT, related_name="invitations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, related_name="+")
    # A flag, not a time: a time of use could be matched with when answers arrived.
    used = models.BooleanField(default=False)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["wave", "person"], name="invitation_once_per_wave")
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk}"

    def last_sent_on(self) -> date:
        return timezone.localdate(self.reminded_at) if self.reminded_at else self.wave.opens_on


class InvitationLink(models.Model):
    """One link sent for an invitation (the first, then one per reminder): only a keyed
    hash of its token is kept. Every link of an invitation works until one is used."""

    invitation = models.ForeignKey(Invitation, on_delete=models.PROTECT, related_name="links")
    token_digest = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"link {self.pk}"


class Response(models.Model):
    """One person's answers: the wave and the team only, never the person, the link or
    when. A random key, so that keys say nothing about who answered when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.PROTECT, related_name="responses")
    team = models.ForeignKey("core.Team", on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return "survey response"


class Answer(models.Model):
    # Random too: counting-up keys would give the order responses were stored in.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.PROTECT, related_name="answers")
    item = models.CharField(max_length=32)
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    # Free text, stored only after de-identification.
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="answer_once_per_item")
        ]

    def __str__(self) -> str:
        return self.item
