"""Reads for the voice pages."""

from __future__ import annotations

from django.http import Http404

from candour.accounts.models import User
from candour.voice.models import FeedbackLink, SafeguardingAlert


def active_link(token: str) -> FeedbackLink:
    """A handed-out link that is still in use; anything else is not found."""
    link = (
        FeedbackLink.objects.filter(token=token, active=True)
        .select_related("organisation", "team")
        .first()
    )
    if link is None:
        raise Http404
    return link


def get_alert_for_reader(user: User, pk: int) -> SafeguardingAlert:
    alert = (
        SafeguardingAlert.objects.visible_to(user)
        .filter(pk=pk)
        .select_related("feedback", "feedback__team", "feedback__data_key", "organisation")
        .first()
    )
    if alert is None:
        raise Http404
    return alert
