"""The development email backend: says an email was sent, never what it said or to whom.

Django's console backend printed whole messages (addresses, a child's words from a
safeguarding alert, acknowledgement links) straight to the terminal, around the log's
privacy filter (issue 16). This one logs through it, with the subject scrubbed, the
recipient reduced to its domain's last part, and no body at all.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

from candour.core.logging import scrub

logger = logging.getLogger("candour.email")


def redacted_recipient(address: str) -> str:
    """ "someone@riverside.gov.uk" -> "[email]@…uk": enough to see it went somewhere."""
    _, _, domain = address.rpartition("@")
    return f"[email]@…{domain.rsplit('.', 1)[-1]}" if domain else "[email]"


class ScrubbedConsoleBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            recipients = ", ".join(redacted_recipient(a) for a in message.recipients())
            logger.info(
                "email sent (development, not delivered) to %s: %s",
                recipients,
                scrub(str(message.subject)),
                extra={"count": len(message.recipients())},
            )
            sent += 1
        return sent
