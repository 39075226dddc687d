"""Reports the learning tests search, code and theme: short tellings of the same few
incidents, reviewed and ready (made through the reporting factories)."""

from __future__ import annotations

from candour.reporting.models import Report
from candour.reporting.tests.factories import reviewed_report
from conftest import World

VISIT = "On a home visit the baby was asleep upstairs and was not seen."
COURT = "The court statement was filed late because the locum left."
STRATEGY = "A strategy discussion went ahead without the police."
LIKE_VISIT = "At the home visit I did not see the infant, who mum said was sleeping."


def in_moorland(world: World, what_happened: str) -> Report:
    """A reviewed report in another organisation (Moorland), for cross-organisation tests."""
    return reviewed_report(
        world, what_happened, organisation=world.moorland, team=world.moorland_team
    )
