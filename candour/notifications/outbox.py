"""The email outbox: queue in the transaction, send after commit, and retry from the worker.

``queue_email`` writes one ``OutboundEmail`` per address with the rest of the change, so
an email exists exactly when the change does. After commit the same process tries to send
at once (people should not wait for a worker's poll); whatever it could not send (the
process died, the mail server was down) is sent by ``candour worker`` via ``deliver_due``.

Each send first claims the row with a conditional UPDATE that sets a lease, so however
many senders run, one row is sent by one of them at a time. A sender killed between the
mail server accepting the message and the row being marked sent makes the only possible
duplicate, which carries the same Message-ID, so mail systems drop it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, make_msgid
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from candour.keys import envelope
from candour.notifications.models import OutboundEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 20
KEEP_SENT = timedelta(days=30)


def _kek() -> bytes:
    return envelope.derive_kek(settings.CANDOUR_KEY_ENCRYPTION_KEY)


def _context(message_id: str) -> str:
    return f"outbox:{message_id}"


def _day_start(moment: datetime) -> datetime:
    local = timezone.localtime(moment)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def queue_email(
    addresses: Iterable[str],
    *,
    subject: str,
    body: str,
    to_reporter: bool = False,
    headers: dict[str, str] | None = None,
) -> list[OutboundEmail]:
    """Queue one email per distinct address; they are sent once the transaction commits.

    ``to_reporter``: the address is a confidential reporter's. Its row keeps times only
    to the day and loses the address as soon as it is sent (see erase_reporter_emails).
    """
    now = _day_start(timezone.now()) if to_reporter else timezone.now()
    kek = _kek()
    rows = []
    for address in dict.fromkeys(a for a in addresses if a):
        message_id = make_msgid(domain="candour")
        rows.append(
            OutboundEmail(
                to=address,
                subject=str(subject)[:300],
                body_sealed=envelope.encrypt(kek, str(body), context=_context(message_id)),
                message_id=message_id,
                created_at=now,
                to_reporter=to_reporter,
                headers=dict(headers or {}),
            )
        )
    created = OutboundEmail.objects.bulk_create(rows)
    ids = [row.pk for row in created if row.pk is not None]
    if ids:
        # If the pks are unknown (an old SQLite), the worker sends them instead.
        transaction.on_commit(lambda: deliver(ids))
    return created


def _claim(pk: int) -> bool:
    now = timezone.now()
    lease = timedelta(seconds=settings.CANDOUR_EMAIL_LEASE_SECONDS)
    claimable = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    return bool(
        OutboundEmail.objects.filter(pk=pk, sent_at__isnull=True, failed_at__isnull=True)
        .filter(claimable)
        .update(claimed_until=now + lease)
    )


def _send_one(pk: int) -> bool:
    if not _claim(pk):
        return False  # sent already, or another sender holds the lease
    email = OutboundEmail.objects.get(pk=pk)
    attempts = email.attempts + 1
    try:
        body = envelope.decrypt(
            _kek(), bytes(email.body_sealed), context=_context(email.message_id)
        )
        EmailMessage(
            email.subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [email.to],
            headers={**email.headers, "Message-ID": email.message_id},
        ).send()
    except Exception as error:  # noqa: BLE001 - any failure is retried by the worker
        now = timezone.now()
        backoff = timedelta(seconds=min(30 * 2**attempts, 3600))
        failed = attempts >= MAX_ATTEMPTS
        OutboundEmail.objects.filter(pk=pk).update(
            attempts=attempts,
            claimed_until=now + backoff,
            last_error=type(error).__name__,
            failed_at=(_day_start(now) if email.to_reporter else now) if failed else None,
        )
        if failed and email.to_reporter:
            OutboundEmail.objects.filter(pk=pk).update(to="", body_sealed=b"")
        # The address and the words stay out of the log.
        logger.warning("email %s not sent (attempt %s): %s", pk, attempts, type(error).__name__)
        return False
    if email.to_reporter:
        # Sent: nothing more needs the reporter's address, and the day is enough.
        OutboundEmail.objects.filter(pk=pk).update(
            attempts=attempts,
            sent_at=_day_start(timezone.now()),
            claimed_until=None,
            body_sealed=b"",
            to="",
        )
        return True
    OutboundEmail.objects.filter(pk=pk).update(
        attempts=attempts,
        sent_at=timezone.now(),
        claimed_until=None,
        body_sealed=b"",
        headers={},  # an unsubscribe link is a credential: gone once it has been sent
    )
    return True


def erase_reporter_emails(address: str) -> int:
    """Erase every reporter email to this address, sent or not: its report is closed and
    the reporter's details destroyed, so no copy of them may stay in the outbox."""
    address = address.strip()
    if not address:
        return 0
    today = _day_start(timezone.now())
    unsent = OutboundEmail.objects.filter(
        to_reporter=True, to__iexact=address, sent_at__isnull=True, failed_at__isnull=True
    ).update(to="", body_sealed=b"", failed_at=today, claimed_until=None, last_error="erased")
    rest = OutboundEmail.objects.filter(to_reporter=True, to__iexact=address).update(
        to="", body_sealed=b""
    )
    return unsent + rest


def deliver(ids: Iterable[int]) -> int:
    """Send these queued emails now, if no other sender has them; returns how many."""
    return sum(_send_one(pk) for pk in ids)


def due() -> list[int]:
    now = timezone.now()
    return list(
        OutboundEmail.objects.filter(sent_at__isnull=True, failed_at__isnull=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:500]
    )


def deliver_due() -> int:
    """Send everything waiting whose lease (if any) has run out; the worker's one job."""
    return deliver(due())


def purge_sent() -> int:
    """Forget sent emails after a month: the address is personal data."""
    deleted, _ = OutboundEmail.objects.filter(sent_at__lt=timezone.now() - KEEP_SENT).delete()
    return deleted
