"""Reads for the voice pages."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from candour.accounts.models import User
from candour.voice.models import Feedback, FeedbackLink, FeedbackReply, SafeguardingAlert


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
        .select_related(
            "feedback",
            "feedback__team",
            "feedback__data_key",
            "organisation",
            "burst__link",
            "entered_by",
        )
        .first()
    )
    if alert is None:
        raise Http404
    return alert


def public_replies(link: FeedbackLink) -> QuerySet[FeedbackReply]:
    """The answers a link's holders may read: its team's, and the whole service's."""
    teams = Q(team__isnull=True)
    if link.team_id is not None:
        teams |= Q(team_id=link.team_id)
    return (
        FeedbackReply.objects.filter(organisation_id=link.organisation_id)
        .filter(teams)
        .only("you_said", "we_did", "created_at")
        .order_by("-created_at", "-pk")
    )


def feedback_sent_through(link: FeedbackLink, pk: int | None) -> Feedback | None:
    """Feedback this browser just sent through this link (its id is kept in the session)."""
    if not pk:
        return None
    return Feedback.objects.filter(pk=pk, link=link).first()


def links_in_use(organisation_id: int) -> QuerySet[FeedbackLink]:
    """An organisation's feedback links still in use: those paper feedback is entered
    against (ADR 0035); callers check the person may enter for the organisation."""
    return (
        FeedbackLink.objects.filter(organisation_id=organisation_id, active=True)
        .select_related("team")
        .order_by("name")
    )
