"""A paper report and a phone call's feedback, typed in by Riverside's advocate through
the Paper and phone page's own services (ADR 0035). Written by us for the demo."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from candour.accounts.models import User
from candour.core.channels import Channel
from candour.core.models import Organisation
from candour.reporting.assisted.services import enter_report
from candour.reporting.vocabulary import Setting
from candour.voice import services as voice
from candour.voice.access import links_in_use
from candour.voice.assisted.services import enter_feedback
from candour.voice.vocabulary import AgeBand, Rating

PAPER_REPORT = {
    "what_happened": (
        "A foster carer rang the out of hours line about a missed contact visit. The call "
        "notes went into the wrong child's record because two children share a surname, "
        "and the social worker only found them a week later."
    ),
    "what_caught_it": "The social worker checked the record before the review meeting.",
    "what_made_it_likely": "The search box picks the first match on surname.",
    "what_would_prevent": "Show date of birth and placement in the search results.",
}
PHONE_FEEDBACK = (
    "The family support worker came every week when things were hard.",
    "It took three weeks to get a call back after I asked for help with the school run.",
)


def load(organisation: Organisation, advocate: User) -> None:
    """The advocate's paper report (anonymous) and a parent's feedback by phone."""
    today = timezone.localdate()
    team = organisation.teams.filter(name="Children in Care Team").first()
    enter_report(
        actor=advocate,
        channel=Channel.PAPER,
        answers={
            "organisation": organisation,
            "team_obj": team,
            "route": "anonymous",
            "outcome": "no_harm",
            "setting": Setting.PHONE_OR_ONLINE,
            "occurred_month": date(today.year, today.month, 1).isoformat(),
            "part_of_day": "evening",
            "factors": ["recording_system"],
            "contact": "",
            **PAPER_REPORT,
        },
    )
    link = links_in_use(organisation.pk).filter(team__name="Child in Need Team").first()
    if link is None:
        return
    good, better = PHONE_FEEDBACK
    enter_feedback(
        actor=advocate,
        link=link,
        channel=Channel.PHONE,
        answers=voice.Answers(
            age_band=AgeBand.PARENT,
            rating=Rating.NEITHER,
            what_was_good=good,
            what_would_be_better=better,
        ),
        language="en-gb",
    )
