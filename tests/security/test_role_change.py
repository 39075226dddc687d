"""Route 11 (second part): access follows a change of role at once.

A safety lead who is replaced used to keep opening the organisation's hazard alerts
until the hourly `chase-hazard-alerts` moved them to the new lead. Access is now
checked against who the safety lead is at the moment of each request.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from candour.core.services import set_safety_lead
from candour.learning.alerts import services as alerts
from candour.learning.models import Alert
from candour.reporting import services as reporting
from candour.reporting.vocabulary import Outcome, PartOfDay, Route, Setting
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db

HAZARD = "The out-of-hours phone line diverts to a disconnected number after 10pm."


def _alert(world: World) -> Alert:
    submitted = reporting.submit_report(
        organisation=world.riverside,
        team=world.assessment,
        route=Route.ANONYMOUS,
        outcome=Outcome.NEAR_MISS,
        setting=Setting.HOME_VISIT,
        occurred_month=date(2026, 10, 1),
        part_of_day=PartOfDay.AFTERNOON,
        factors=[],
        narrative=reporting.Narrative(
            what_happened="The duty phone rang out overnight.",
            what_caught_it="A colleague noticed in the morning.",
            what_made_it_likely="The divert was not tested.",
            what_would_prevent="Test the divert weekly.",
        ),
        today=date(2026, 11, 26),
    )
    return alerts.raise_alert(
        actor=world.analyst,
        report=submitted.report,
        hazard=HAZARD,
        could_identify_reporter=False,
    )


def test_a_replaced_safety_lead_loses_the_alerts_at_once(world: World) -> None:
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.manager)
    alert = _alert(world)
    url = reverse("learning:alert", args=[alert.pk])
    old_lead = signed_in_client(world.manager)
    assert HAZARD in old_lead.get(url).content.decode()

    # The administrator names a new safety lead; no chase has run since.
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.other_manager)
    alert.refresh_from_db()
    assert alert.recipient_id == world.manager.pk  # not moved yet

    assert old_lead.get(url).status_code == 404
    assert old_lead.post(url, {"acknowledge": "1"}).status_code == 404
    assert HAZARD not in old_lead.get(reverse("learning:alerts")).content.decode()
    new_lead = signed_in_client(world.other_manager)
    assert HAZARD in new_lead.get(url).content.decode()
    assert HAZARD in new_lead.get(reverse("learning:alerts")).content.decode()


def test_a_safety_lead_without_a_role_in_the_organisation_is_refused(world: World) -> None:
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.manager)
    alert = _alert(world)
    world.manager.memberships.update(revoked_at=alert.raised_at)
    page = signed_in_client(world.manager).get(reverse("learning:alert", args=[alert.pk]))
    assert page.status_code == 404
