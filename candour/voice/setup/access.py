"""Reads for an organisation's feedback set-up, scoped to its administrators: anything
else is "not found"."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from candour.accounts.models import User
from candour.core.access import get_administered_organisation
from candour.core.models import Organisation
from candour.voice.models import DutyContact, FeedbackLink


def duty_contact_of(organisation: Organisation) -> DutyContact | None:
    return DutyContact.objects.filter(organisation=organisation).first()


def links_of(organisation: Organisation) -> QuerySet[FeedbackLink]:
    """Links in use first, then stopped ones."""
    return (
        FeedbackLink.objects.filter(organisation=organisation)
        .select_related("team")
        .order_by("-active", "name", "pk")
    )


def get_administered_link(
    user: User, slug: str, pk: int, *, active: bool = True
) -> tuple[Organisation, FeedbackLink]:
    """The organisation and one of its links, for its administrators; with active=True a
    stopped link is not found either."""
    organisation = get_administered_organisation(user, slug)
    link = (
        FeedbackLink.objects.filter(organisation=organisation)
        .filter(pk=pk)
        .select_related("team")
        .first()
    )
    if link is None:
        raise Http404
    if active and not link.active:
        raise Http404
    return organisation, link
