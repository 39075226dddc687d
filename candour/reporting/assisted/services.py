"""Typing in a report given on paper, by phone or in person (ADR 0035).

The same ``submit_report`` as the online journey, so the same de-identification, sealing
and receipt. The person typing it in is not the reporter and is never recorded as one:
the report says only its channel, and the audit row says who typed an item in, on which
day and how it came, without pointing at the report.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core import throttle
from candour.core.channels import ASSISTED_CHANNELS, Channel
from candour.core.models import Organisation
from candour.reporting import services
from candour.reporting.access import may_enter_for

# A day's typing of a big postbag, not a script's flood.
ENTRIES_PER_HOUR = 120


def check_entry(*, actor: User, organisation: Organisation, channel: Channel) -> None:
    """Refuse anyone who may not type in items for this organisation, or a channel that
    is not one of paper, phone or in person; count the entry against the person."""
    if not may_enter_for(actor, organisation):
        raise PermissionDenied
    if channel not in ASSISTED_CHANNELS:
        raise ValidationError({"channel": _("Choose how it was given to you")})
    if not throttle.hit(
        f"assisted-entry:{actor.pk}", limit=ENTRIES_PER_HOUR, window=timedelta(hours=1)
    ):
        raise ValidationError(_("You have entered a lot in the last hour. Wait, then try again."))


def record_entry(*, actor: User, organisation: Organisation, channel: Channel, kind: str) -> None:
    """The audit row for an item typed in for someone: who, how, what kind; not which."""
    record(
        AuditEventType.ENTERED_ON_BEHALF,
        actor_id=actor.pk,
        organisation=organisation,
        data={"kind": kind, "channel": channel.value},
    )


@transaction.atomic
def enter_report(
    *, actor: User, channel: Channel, answers: dict[str, Any], submission_token: str = ""
) -> services.SubmittedReport:
    """Take a report given on paper, by phone or in person, through the online route's
    own ``submit_report``; ``answers`` are the question pages' cleaned answers. A second
    press of Send (the same page's token) makes no second report."""
    organisation: Organisation = answers["organisation"]
    check_entry(actor=actor, organisation=organisation, channel=channel)
    submitted = services.submit_answers(answers, submission_token=submission_token, channel=channel)
    if not submitted.repeated:
        record_entry(actor=actor, organisation=organisation, channel=channel, kind="report")
    return submitted
