from __future__ import annotations

import io
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.reporting.models import Report
from candour.reporting.tests.factories import submit
from candour.reporting.vocabulary import Status
from conftest import World

pytestmark = pytest.mark.django_db


def test_the_digest_tells_analysts_how_many_without_saying_what(world: World) -> None:
    submit(world)
    submit(world)
    out = io.StringIO()
    call_command("send_report_digest", "--base-url", "https://candour.example", stdout=out)
    assert "Sent 1 email(s)" in out.getvalue()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [world.analyst.email]
    assert message.subject == "Candour: 2 new reports are waiting"
    assert "https://candour.example/learning/reports/" in message.body
    for word in ("baby", "home visit", "Kasia", "health visitor"):
        assert word not in message.body
    assert AuditEvent.objects.filter(event_type=AuditEventType.REPORT_DIGEST_SENT).exists()


def test_no_new_reports_means_no_email(world: World) -> None:
    call_command("send_report_digest", stdout=io.StringIO())
    assert mail.outbox == []


def test_the_retention_command_closes_expired_reports(world: World, settings) -> None:
    settings.CANDOUR_RAW_RETENTION_DAYS = 1
    submit(world, today=date(2025, 1, 6))
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert "Closed 1 report(s) older than 1 days." in out.getvalue()
    report = Report.objects.get()
    assert report.status == Status.CLOSED
    assert report.raw_sealed is None
