from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from candour.notifications.querysets import NotificationQuerySet


class Notification(models.Model):
    """A message to one person, shown in Candour and sent by email.

    Never holds report narrative or anything that identifies a reporter: the subject and
    body say what changed and link to the page, where access rules apply.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[NotificationQuerySet] = NotificationQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.subject
