"""Every phrasing children use in the safeguarding set is routed and can be acknowledged,
end to end through the feedback service (issue 6 item 6)."""

from __future__ import annotations

import pytest

from candour.lib.safeguarding.phrasings import NEGATIVES, POSITIVES
from candour.voice import services
from candour.voice.models import FeedbackLink, SafeguardingAlert
from candour.voice.vocabulary import AgeBand, AlertState
from conftest import World

pytestmark = pytest.mark.django_db

BANDS = {"4-7": AgeBand.YOUNG, "8-12": AgeBand.MIDDLE, "13+": AgeBand.TEEN}


def _link(world: World) -> FeedbackLink:
    return services.create_link(
        actor=world.admin, organisation=world.riverside, team=world.assessment, name="Visits"
    )


def test_every_disclosure_phrasing_is_routed_and_acknowledged(world: World) -> None:
    services.set_duty_contact(
        actor=world.admin, organisation=world.riverside, email="duty@riverside.example"
    )
    link = _link(world)
    missed = []
    for phrasing in POSITIVES:
        band = BANDS.get(phrasing.band, AgeBand.PARENT)
        submitted, secret = services.submit_feedback(
            link=link,
            answers=services.Answers(
                age_band=band, rating="very_poor", what_would_be_better=phrasing.text
            ),
        )
        if submitted.alert is None or secret is None:
            missed.append(phrasing.text)
            continue
        alert = services.alert_for_secret(secret)
        assert alert == submitted.alert
        services.acknowledge_alert(alert=alert, by_name="Duty worker", action="Checked.")
    assert missed == []
    assert SafeguardingAlert.objects.count() == len(POSITIVES)
    assert not SafeguardingAlert.objects.exclude(state=AlertState.ACKNOWLEDGED).exists()


def test_ordinary_feedback_rarely_raises_an_alert(world: World) -> None:
    link = _link(world)
    raised = 0
    for phrasing in NEGATIVES:
        submitted, _secret = services.submit_feedback(
            link=link,
            answers=services.Answers(
                age_band=AgeBand.MIDDLE, rating="good", what_was_good=phrasing.text
            ),
        )
        raised += submitted.alert is not None
    # Recall first: a few false alarms are the price (ADR 0012); most ordinary words pass.
    assert raised / len(NEGATIVES) <= 0.1
