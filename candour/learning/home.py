"""The learning app's answers to the platform's home page (core.hooks)."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.core.hooks import Waiting
from candour.learning.models import Alert, AlertStatus, Lesson


def waiting(user: User, since: datetime | None) -> list[Waiting]:
    """Alerts sent to the person (a safety lead) not yet acknowledged, and lessons
    published since they last came."""
    items = [
        Waiting(
            key="hazard-alerts",
            title=_("Hazard alerts to acknowledge"),
            count=Alert.objects.filter(
                organisation__safety_lead=user,
                organisation_id__in=user.organisation_ids(),
                status=AlertStatus.RAISED,
            ).count(),
            href=reverse("learning:alerts"),
        )
    ]
    if since is not None:
        published = (
            Lesson.objects.visible_to(user).published().filter(published_at__gt=since).count()
        )
        items.append(
            Waiting(
                key="new-lessons",
                title=_("Lessons published since you last came"),
                count=published,
                href=reverse("learning:lessons"),
                changed=published,
                kind="watch",
            )
        )
    return items
