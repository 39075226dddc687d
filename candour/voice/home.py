"""The voice app's answers to the platform's home page (core.hooks)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.hooks import Waiting
from candour.voice.models import Feedback, SafeguardingAlert
from candour.voice.vocabulary import AlertState, FeedbackStatus


def waiting(user: User, since: datetime | None) -> list[Waiting]:
    """For the duty team: disclosures nobody has acknowledged yet. For the learning
    team (who check feedback before staff see it): feedback waiting to be checked."""
    items: list[Waiting] = []
    alerts = SafeguardingAlert.objects.visible_to(user).filter(state=AlertState.SENT)
    counts = alerts.aggregate(
        waiting=Count("pk"),
        arrived=Count("pk", filter=Q(sent_at__gt=since))
        if since
        else Count("pk", filter=Q(pk=None)),
    )
    items.append(
        Waiting(
            key="safeguarding-alerts",
            title=_("Safeguarding alerts not yet acknowledged"),
            count=counts["waiting"],
            href=reverse("voice:alerts"),
            # A disclosure waits for no date: every one not acknowledged is late.
            overdue=counts["waiting"],
            changed=counts["arrived"],
            hint=_("A child or family may have told us they are not safe."),
        )
    )
    if user.organisation_ids_with_role(Role.ANALYST):
        to_check = Feedback.objects.for_learning_team(user).filter(status=FeedbackStatus.NEW)
        items.append(
            Waiting(
                key="feedback-to-check",
                title=_("Feedback from children and families to check"),
                count=to_check.count(),
                href=reverse("voice:moderation-queue"),
            )
        )
    return items
