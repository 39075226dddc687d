"""Writes for an organisation's feedback set-up: stopping a handed-out link."""

from __future__ import annotations

from django.db import transaction

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.voice.models import FeedbackLink


@transaction.atomic
def deactivate_link(*, actor: User, link: FeedbackLink) -> FeedbackLink:
    """Stop a feedback link working: its page, and its QR code, say "not found" from now on."""
    if not link.active:
        return link
    link.active = False
    link.save(update_fields=["active"])
    record(
        AuditEventType.FEEDBACK_LINK_DEACTIVATED,
        actor_id=actor.pk,
        organisation=link.organisation,
        target=link,
    )
    return link
