"""Reports the learning tests search, code and theme: short tellings of the same few
incidents, reviewed and ready (made through the reporting factories)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from candour.accounts.models import User
from candour.reporting.models import Report
from candour.reporting.tests.factories import reviewed_report
from conftest import World, signed_in_client

VISIT = "On a home visit the baby was asleep upstairs and was not seen."
COURT = "The court statement was filed late because the locum left."
STRATEGY = "A strategy discussion went ahead without the police."
LIKE_VISIT = "At the home visit I did not see the infant, who mum said was sleeping."


def in_moorland(world: World, what_happened: str) -> Report:
    """A reviewed report in another organisation (Moorland), for cross-organisation tests."""
    return reviewed_report(
        world, what_happened, organisation=world.moorland, team=world.moorland_team
    )


# After every "Did it work?" test's change and its months after: the day the page is read.
JUDGED_AT = datetime(2026, 10, 5, 9, 0, tzinfo=ZoneInfo("Europe/London"))


def did_it_work(user: User, url_name: str, pk: int, *, at: datetime = JUDGED_AT) -> str:
    """The page's "Did it work?" section onwards, as ``user`` reads it on ``at``."""
    with time_machine.travel(at, tick=False):
        page = signed_in_client(user).get(reverse(url_name, args=[pk])).content.decode()
    return page[page.index('id="did-it-work"') :]
