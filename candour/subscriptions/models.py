from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from candour.subscriptions.querysets import SubscriptionQuerySet
from candour.subscriptions.vocabulary import Frequency, Kind


class Subscription(models.Model):
    """One thing a person follows: a theme, a contributing factor, a setting or a team.

    ``target`` is the theme's or team's id, the factor's taxonomy key or the setting's
    value. Following something shows nothing by itself: every digest is read again
    through the pages' own scoped querysets when it is sent (ADR 0034).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    target = models.CharField(max_length=80)
    created_at = models.DateTimeField()

    objects: ClassVar[SubscriptionQuerySet] = SubscriptionQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["kind", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "target"], name="subscription_unique_target"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.target}"


class DigestPreference(models.Model):
    """How often one person hears, and up to when they have been told."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    frequency = models.CharField(max_length=16, choices=Frequency.choices, default=Frequency.WEEKLY)
    # Everything that became readable up to this moment has been told (or was before
    # the person followed anything): the next digest covers what came after.
    told_up_to = models.DateTimeField()
    last_digest_at = models.DateTimeField(null=True, blank=True)
    # Part of every unsubscribe link; raising it revokes every link sent so far.
    link_version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return self.frequency


class ThemeTrend(models.Model):
    """The last trend direction seen for a followed theme, so a change can be told once."""

    theme = models.OneToOneField("learning.Theme", on_delete=models.CASCADE, related_name="+")
    direction = models.CharField(max_length=16)
    changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.direction
