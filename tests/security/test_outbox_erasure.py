"""Route 5 (issue 16): a confidential reporter's address must not outlive "destroyed".

The attacks: the consent request for an alert kept the reporter's address in the outbox
for 30 days after the report was closed, at a time matching a visible audit event; and
in development the console email backend printed addresses, children's words and
acknowledgement links to the log, around its privacy filter.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

import pytest
from django.core.mail import EmailMessage
from django.utils import timezone
from time_machine import TimeMachineFixture

from candour.core.services import set_safety_lead
from candour.learning.alerts import services as alerts
from candour.notifications import outbox
from candour.notifications.console_backend import ScrubbedConsoleBackend
from candour.notifications.models import OutboundEmail
from candour.reporting import services
from candour.reporting.models import Report
from candour.reporting.services import Narrative
from candour.reporting.vocabulary import ClosureReason, Outcome, PartOfDay, Route, Setting
from conftest import World
from tests.security.frozen_time_16a import Clock, hold_time

pytestmark = pytest.mark.django_db

ADDRESS = "j.bloggs.private@example.net"


@pytest.fixture
def clock(time_machine: TimeMachineFixture) -> Clock:
    return hold_time(time_machine)


def _consent_requested(world: World) -> Report:
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.manager)
    report = services.submit_report(
        organisation=world.riverside,
        team=world.assessment,
        route=Route.CONFIDENTIAL,
        outcome=Outcome.NEAR_MISS,
        setting=Setting.OFFICE,
        occurred_month=date(2026, 3, 1),
        part_of_day=PartOfDay.MORNING,
        factors=[],
        narrative=Narrative(what_happened="The out-of-hours rota had nobody on Sunday."),
        contact=ADDRESS,
    ).report
    alerts.raise_alert(
        actor=world.analyst,
        report=report,
        hazard="The weekend rota can be left empty.",
        could_identify_reporter=True,
        base_url="https://candour.example",
    )
    return report


def _to_reporter() -> OutboundEmail:
    return OutboundEmail.objects.get(to_reporter=True)


def _close(world: World, report: Report) -> None:
    services.review_redactions(actor=world.analyst, report=report, keep={}, add_phrases={})
    report.refresh_from_db()
    services.close_report(
        actor=world.analyst,
        report=report,
        reason=ClosureReason.LEARNING_CAPTURED,
        outcome_for_reporter="Thank you.",
    )


def test_closing_the_report_erases_an_unsent_email_to_the_reporter(
    world: World, clock: Clock
) -> None:
    report = _consent_requested(world)
    assert _to_reporter().to == ADDRESS  # queued, not yet sent
    _close(world, report)
    email = _to_reporter()
    assert email.to == ""
    assert bytes(email.body_sealed) == b""
    assert email.failed_at is not None  # never sent to nobody
    assert not OutboundEmail.objects.filter(to__iexact=ADDRESS).exists()
    assert outbox.deliver_due() == 0


def test_a_sent_email_to_the_reporter_keeps_no_address(world: World, clock: Clock) -> None:
    _consent_requested(world)
    assert outbox.deliver_due() >= 1
    email = _to_reporter()
    assert email.sent_at is not None
    assert email.to == ""
    assert not OutboundEmail.objects.filter(to__iexact=ADDRESS).exists()


def test_a_reporter_email_keeps_times_only_to_the_day(world: World, clock: Clock) -> None:
    clock.advance(hours=4, minutes=17)
    _consent_requested(world)
    outbox.deliver_due()
    email = _to_reporter()
    midnight = timezone.localtime(clock.now).replace(hour=0, minute=0, second=0, microsecond=0)
    assert email.created_at == midnight
    assert email.sent_at == midnight
    # Other emails (to staff) keep their exact times, which they need for nothing private.
    staff = OutboundEmail.objects.filter(to_reporter=False).first()
    assert staff is None or isinstance(staff.created_at, datetime)


def test_the_development_email_backend_prints_no_address_words_or_link(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    message = EmailMessage(
        "URGENT safeguarding: a child may be in danger now",
        "What they wrote:\nMy stepdad hits me.\n\nOpen this link: "
        "https://candour.example/safeguarding/acknowledge/s3cret-ack-token/",
        "candour@localhost",
        ["duty.worker@riverside.gov.uk"],
    )
    with caplog.at_level(logging.INFO, logger="candour.email"):
        assert ScrubbedConsoleBackend().send_messages([message]) == 1
    printed = caplog.text + "".join(capsys.readouterr())
    assert "URGENT safeguarding" in printed
    for secret in ("duty.worker", "riverside.gov", "stepdad", "s3cret-ack-token"):
        assert secret not in printed
