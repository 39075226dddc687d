"""The email outbox: an email exists exactly when its change does, and is sent once."""

from __future__ import annotations

import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from candour.notifications import outbox
from candour.notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db

WORDS = "I am scared to go home tonight."


class MailServerDown(BaseEmailBackend):
    """The mail server is outside Candour, so this fake stands in for it being down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def test_an_email_is_sent_once_after_commit_and_its_words_are_erased(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        (queued,) = outbox.queue_email(["duty@example.org"], subject="Alert", body=WORDS)
        assert mail.outbox == []  # nothing leaves before the change is committed
    assert [m.to for m in mail.outbox] == [["duty@example.org"]]
    assert mail.outbox[0].body == WORDS
    assert mail.outbox[0].extra_headers["Message-ID"] == queued.message_id
    queued.refresh_from_db()
    assert queued.sent_at is not None
    assert bytes(queued.body_sealed) == b""
    assert outbox.deliver_due() == 0  # nothing is sent twice
    assert len(mail.outbox) == 1


def test_an_email_in_a_rolled_back_change_never_exists():
    def failing_change() -> None:
        with transaction.atomic():
            outbox.queue_email(["duty@example.org"], subject="Alert", body=WORDS)
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        failing_change()
    assert not OutboundEmail.objects.exists()
    assert outbox.deliver_due() == 0
    assert mail.outbox == []


def test_the_words_are_sealed_at_rest():
    (queued,) = outbox.queue_email(["duty@example.org"], subject="Alert", body=WORDS)
    stored = bytes(OutboundEmail.objects.get(pk=queued.pk).body_sealed)
    assert b"scared" not in stored
    assert len(stored) > len(WORDS)


def test_one_email_per_distinct_address():
    rows = outbox.queue_email(
        ["a@example.org", "b@example.org", "a@example.org", ""], subject="S", body="B"
    )
    assert sorted(row.to for row in rows) == ["a@example.org", "b@example.org"]
    assert len({row.message_id for row in rows}) == 2


def test_an_email_the_web_process_never_sent_is_sent_by_the_worker():
    # Queued, committed, and the process died before its after-commit send.
    outbox.queue_email(["duty@example.org"], subject="Alert", body=WORDS)
    output = StringIO()
    call_command("worker", "--once", stdout=output)
    assert "Sent 1 queued email(s)" in output.getvalue()
    assert [m.body for m in mail.outbox] == [WORDS]
    call_command("worker", "--once", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_a_sender_holding_the_lease_keeps_others_off_until_it_runs_out():
    (queued,) = outbox.queue_email(["duty@example.org"], subject="Alert", body=WORDS)
    assert outbox._claim(queued.pk)  # a sender took it, then was killed mid-send
    assert not outbox._claim(queued.pk)
    assert outbox.deliver_due() == 0
    OutboundEmail.objects.filter(pk=queued.pk).update(
        claimed_until=timezone.now() - timedelta(seconds=1)
    )
    assert outbox.deliver_due() == 1
    assert len(mail.outbox) == 1


def test_a_failed_send_is_retried_later_and_the_log_names_no_one(settings, caplog):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
    (queued,) = outbox.queue_email(["duty@example.org"], subject="Alert", body=WORDS)
    with caplog.at_level(logging.WARNING):
        assert outbox.deliver([queued.pk]) == 0
    queued.refresh_from_db()
    assert queued.sent_at is None
    assert queued.attempts == 1
    assert queued.last_error == "ConnectionRefusedError"
    assert queued.claimed_until is not None
    assert queued.claimed_until > timezone.now()
    assert "duty@example.org" not in caplog.text
    assert "scared" not in caplog.text
    assert outbox.deliver_due() == 0  # backing off

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboundEmail.objects.filter(pk=queued.pk).update(claimed_until=timezone.now())
    assert outbox.deliver_due() == 1
    assert [m.body for m in mail.outbox] == [WORDS]


def test_an_email_that_keeps_failing_is_given_up_and_marked(settings):
    settings.EMAIL_BACKEND = f"{__name__}.MailServerDown"
    (queued,) = outbox.queue_email(["duty@example.org"], subject="Alert", body=WORDS)
    OutboundEmail.objects.filter(pk=queued.pk).update(attempts=outbox.MAX_ATTEMPTS - 1)
    outbox.deliver([queued.pk])
    queued.refresh_from_db()
    assert queued.failed_at is not None
    assert outbox.due() == []


def test_sent_emails_are_forgotten_after_a_month():
    old, new = outbox.queue_email(["a@example.org", "b@example.org"], subject="S", body="B")
    outbox.deliver([old.pk, new.pk])
    OutboundEmail.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=31))
    assert outbox.purge_sent() == 1
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == ["b@example.org"]
