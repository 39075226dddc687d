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
    # What it is about, named for the inbox: an idea's title, a report's reference.
    about = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[NotificationQuerySet] = NotificationQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.subject


class OutboundEmail(models.Model):
    """One email to one address, written in the transaction that caused it (an outbox).

    A web process killed after its commit but before it sent the email used to lose the
    email; now the row survives and ``candour worker`` sends it. Delivery is claimed with
    a lease, so two senders never send the same row at once, and a sender that dies
    mid-send leaves a lease that expires. The body is sealed at rest and erased once
    sent: it can hold a child's words (safeguarding alerts).
    """

    # Erased ("") once a reporter's email is sent or their report closed (issue 16).
    to = models.EmailField(blank=True)
    # To a confidential reporter: the address goes once sent, and times are kept to the
    # day, so the row can be matched with neither a report nor an audit event.
    to_reporter = models.BooleanField(default=False)
    subject = models.CharField(max_length=300)
    body_sealed = models.BinaryField()
    message_id = models.CharField(max_length=200, unique=True)
    # Extra headers, such as List-Unsubscribe for digests (RFC 8058); never personal data.
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["claimed_until", "created_at"],
                name="outbox_due",
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return self.subject
