"""The demo's subscriptions: people follow things and a weekly digest is queued."""

from __future__ import annotations

from django.core import mail

from candour.demo.subscriptions import load
from candour.notifications.models import OutboundEmail
from candour.reporting.tests.factories import reviewed_report
from candour.subscriptions.models import Subscription
from conftest import World


def test_the_demo_queues_a_weekly_digest(world: World, django_capture_on_commit_callbacks) -> None:
    report = reviewed_report(world, "The baby was asleep upstairs and was not seen.")
    with django_capture_on_commit_callbacks(execute=True):
        run = load(
            staff=world.staff,
            analyst=world.analyst,
            manager=world.manager,
            team=world.assessment,
            base_url="http://127.0.0.1:8000",
        )
    assert run.emails == 1
    assert Subscription.objects.of(world.staff).count() == 2
    assert Subscription.objects.of(world.manager).count() == 1
    [email] = mail.outbox
    assert email.to == [world.staff.email]
    assert "weekly digest" in email.subject
    assert report.reference in email.body
    assert OutboundEmail.objects.get().sent_at is not None
