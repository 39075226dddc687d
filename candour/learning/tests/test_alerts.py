from __future__ import annotations

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.core.services import set_safety_lead
from candour.learning.alerts import services as alerts
from candour.learning.models import AlertStatus, ThemeStatus
from candour.learning.tests.factories import did_it_work
from candour.learning.themes.services import create_theme, update_theme
from candour.reporting.tests.factories import reviewed_report, submit
from candour.reporting.vocabulary import Route
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")

HAZARD = "The out-of-hours phone line diverts to a disconnected number after 10pm."


def test_no_safety_lead_means_no_alert(world: World) -> None:
    report = submit(world).report
    with pytest.raises(ValidationError, match="no safety lead"):
        alerts.raise_alert(
            actor=world.analyst, report=report, hazard=HAZARD, could_identify_reporter=False
        )


def test_an_alert_goes_to_the_safety_lead_and_is_tracked_to_action(
    world: World, django_capture_on_commit_callbacks
) -> None:
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.manager)
    report = submit(world).report
    analyst = signed_in_client(world.analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = analyst.post(
            reverse("learning:raise-alert", args=[report.reference]),
            {"hazard": HAZARD, "could_identify_reporter": "no"},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.manager.email]
    assert HAZARD in mail.outbox[0].body
    lead = signed_in_client(world.manager)
    listing = lead.get(reverse("learning:alerts")).content.decode()
    assert "out-of-hours phone line" in listing
    alert = world.manager.alerts_received.get()
    url = reverse("learning:alert", args=[alert.pk])
    lead.post(url, {"acknowledge": "1"})
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED
    missing = lead.post(url, {"action_taken": ""})
    assert "Say what was done" in missing.content.decode()
    lead.post(url, {"action_taken": "The divert was fixed and tested the same night."})
    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACTED_ON
    assert alert.acted_on_at is not None
    # Nobody else can act on it.
    assert signed_in_client(world.staff).get(url).status_code == 404


def test_an_alert_that_could_identify_the_reporter_waits_for_consent(
    world: World, django_capture_on_commit_callbacks
) -> None:
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.manager)
    submitted = submit(world)
    alert = alerts.raise_alert(
        actor=world.analyst,
        report=submitted.report,
        hazard=HAZARD,
        could_identify_reporter=True,
    )
    assert alert.status == AlertStatus.AWAITING_CONSENT
    assert mail.outbox == []
    reporter = Client()
    reporter.post("/report/follow-up/", {"receipt": submitted.receipt})
    page = reporter.get(reverse("reporting:your-report")).content.decode()
    assert "We need your agreement" in page
    with django_capture_on_commit_callbacks(execute=True):
        reporter.post(reverse("reporting:alert-consent", args=[alert.pk]), {"consent": "yes"})
    alert.refresh_from_db()
    assert alert.status == AlertStatus.RAISED
    assert len(mail.outbox) == 1


def test_a_refused_alert_is_never_sent(world: World) -> None:
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.manager)
    submitted = submit(world)
    alert = alerts.raise_alert(
        actor=world.analyst, report=submitted.report, hazard=HAZARD, could_identify_reporter=True
    )
    alerts.answer_consent(alert=alert, given=False)
    alert.refresh_from_db()
    assert alert.status == AlertStatus.WITHDRAWN
    assert mail.outbox == []


def test_an_identifying_hazard_is_refused(world: World) -> None:
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.manager)
    report = submit(world).report
    with pytest.raises(ValidationError, match="looks identifying"):
        alerts.raise_alert(
            actor=world.analyst,
            report=report,
            hazard="Call Kasia Nowak on 07700 900123 today",
            could_identify_reporter=False,
        )


def test_administrators_name_the_safety_lead(world: World) -> None:
    client = signed_in_client(world.admin)
    url = reverse("core:safety-lead", args=[world.riverside.slug])
    client.post(url, {"lead": str(world.manager.pk)})
    world.riverside.refresh_from_db()
    assert world.riverside.safety_lead == world.manager
    assert signed_in_client(world.other_admin).get(url).status_code == 404
    # Someone from another organisation cannot be named.
    assert client.post(url, {"lead": str(world.other_admin.pk)}).status_code == 200


def test_unacknowledged_alerts_are_chased_and_follow_a_new_safety_lead(
    world: World, django_capture_on_commit_callbacks
) -> None:
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.manager)
    report = submit(world).report
    with django_capture_on_commit_callbacks(execute=True):
        alert = alerts.raise_alert(
            actor=world.analyst, report=report, hazard=HAZARD, could_identify_reporter=False
        )
    assert alert.sent_at is not None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.chase_alerts(now=alert.sent_at + timedelta(hours=2)).reminded == 0
        assert alerts.chase_alerts(now=alert.sent_at + timedelta(days=1, hours=1)).reminded == 1
        assert alerts.chase_alerts(now=alert.sent_at + timedelta(days=2)).reminded == 0
    assert [m.to for m in mail.outbox] == [[world.manager.email]]
    assert "Reminder" in mail.outbox[0].body
    # The safety lead changes: the new lead sees and owns the open alert at once.
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.other_manager)
    url = reverse("learning:alert", args=[alert.pk])
    assert signed_in_client(world.other_manager).get(url).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        out = StringIO()
        call_command("chase_hazard_alerts", stdout=out)
    assert "Moved 1" in out.getvalue()
    alert.refresh_from_db()
    assert alert.recipient == world.other_manager
    assert signed_in_client(world.manager).get(url).status_code == 404
    assert AuditEvent.objects.filter(event_type=AuditEventType.ALERT_REASSIGNED).exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert alerts.chase_alerts(now=alert.sent_at + timedelta(days=3, hours=1)).escalated == 1
        assert alerts.chase_alerts(now=alert.sent_at + timedelta(days=4)).escalated == 0
    assert [m.to for m in mail.outbox] == [[world.admin.email]]
    assert HAZARD in mail.outbox[0].body
    # Acknowledged alerts are left alone.
    alerts.acknowledge(actor=world.other_manager, alert=alert)
    assert alerts.chase_alerts(now=alert.sent_at + timedelta(days=9)) == alerts.Chased(0, 0, 0)


def test_a_confidential_reporter_is_emailed_when_their_consent_is_needed(
    world: World, django_capture_on_commit_callbacks
) -> None:
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.manager)
    report = submit(world, route=Route.CONFIDENTIAL, contact="sam@riverside.example").report
    anonymous = submit(world).report
    with django_capture_on_commit_callbacks(execute=True):
        for item in (report, anonymous):
            alerts.raise_alert(
                actor=world.analyst, report=item, hazard=HAZARD, could_identify_reporter=True
            )
    assert [m.to for m in mail.outbox] == [["sam@riverside.example"]]
    assert HAZARD not in mail.outbox[0].body
    assert "receipt" in mail.outbox[0].body


def test_an_alert_acted_on_shows_whether_its_themes_reports_fell(world: World) -> None:
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.manager)
    # Two reports a month of a trap for ten months, then none after the action in June.
    months = [date(2025, 8, 1) + timedelta(days=31 * i) for i in range(10)]
    reports = [
        reviewed_report(world, occurred_month=month.replace(day=1))
        for month in months
        for _ in range(2)
    ]
    theme = create_theme(
        actor=world.analyst, organisation=world.riverside, name="Night diverts", reports=reports
    )
    update_theme(actor=world.analyst, theme=theme, name="Night diverts", description="")
    theme.refresh_from_db()
    assert theme.status == ThemeStatus.CONFIRMED
    alert = alerts.raise_alert(
        actor=world.analyst, report=reports[-1], hazard=HAZARD, could_identify_reporter=False
    )
    with time_machine.travel(datetime(2026, 6, 15, 11, 0, tzinfo=LONDON), tick=False):
        alerts.record_action(actor=world.manager, alert=alert, action_taken="Fixed the divert.")

    section = did_it_work(world.manager, "learning:alert", alert.pk)
    assert "Night diverts" in section
    assert "Improved" in section
    assert "went from 2.0 to 0.0 a month" in section
