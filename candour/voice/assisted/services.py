"""Typing in feedback a child or family gave on paper, by phone or in person (ADR 0035).

The same ``submit_feedback`` as the online journey: the same safeguarding check on their
own words, the same duty alert for a disclosure, the same de-identification and private
code. The person typing it in is recorded as having typed an item in, not against it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from candour.accounts.models import User
from candour.core.channels import Channel
from candour.reporting.assisted.services import check_entry, record_entry
from candour.voice import services
from candour.voice.models import FeedbackLink
from candour.voice.vocabulary import AgeBand


@dataclass(frozen=True)
class Entered:
    submitted: services.Submitted
    # The private code to read the answer, to pass on; "" when none is given (as online:
    # none after a disclosure, and none for the youngest).
    reply_code: str

    @property
    def concern(self) -> bool:
        alert = self.submitted.alert
        return alert is not None and alert.detected


@transaction.atomic
def enter_feedback(
    *,
    actor: User,
    link: FeedbackLink,
    channel: Channel,
    answers: services.Answers,
    language: str,
) -> Entered:
    """Take feedback given on paper, by phone or in person through the online route's
    ``submit_feedback``: a disclosure reaches the duty team, told who typed it in."""
    check_entry(actor=actor, organisation=link.organisation, channel=channel)
    submitted, _secret = services.submit_feedback(
        link=link,
        answers=answers,
        language=language,
        channel=channel,
        entered_by=actor,
    )
    entered = Entered(submitted, "")
    if not entered.concern and answers.age_band != AgeBand.YOUNG:
        entered = Entered(submitted, services.give_reply_code(feedback=submitted.feedback))
    record_entry(actor=actor, organisation=link.organisation, channel=channel, kind="feedback")
    return entered
