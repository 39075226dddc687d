"""Telling people what changed: a notification in Candour and an email."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from candour.accounts.models import User
from candour.notifications.models import Notification
from candour.notifications.outbox import queue_email


def notify(
    recipients: Iterable[User], *, subject: str, body: str, url: str = "", about: str = ""
) -> int:
    """Notify each (active, distinct) person; the email goes once the transaction commits.

    `about` names what the notification is about (an idea's title), for the inbox."""
    now = timezone.now()
    people = {person.pk: person for person in recipients if person.is_active}
    rows = Notification.objects.bulk_create(
        Notification(
            recipient=person,
            subject=subject,
            body=body,
            url=url,
            about=about[:200],
            created_at=now,
        )
        for person in people.values()
    )
    link = f"\n\n{settings.CANDOUR_BASE_URL.rstrip('/')}{url}" if url else ""
    # One message each (recipients must not see who else was told), sent after commit.
    queue_email((person.email for person in people.values()), subject=subject, body=body + link)
    return len(rows)


@transaction.atomic
def mark_read(*, user: User, notifications: Iterable[Notification]) -> int:
    ids = [n.pk for n in notifications if n.recipient_id == user.pk]
    return Notification.objects.filter(pk__in=ids, read_at__isnull=True).update(
        read_at=timezone.now()
    )
