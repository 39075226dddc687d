"""A fake mail server for the crash drills: each message becomes a file in a sink directory.

The mail server is outside Candour, so the drill stands in for it. A message is "accepted"
when its file appears, atomically (written under a temporary name, then hard-linked to
``<Message-ID>.<n>.eml`` with the first free ``n``), so a second delivery of the same
message is a second file beside the first and the drill can count duplicates. Each
message takes ``CANDOUR_DRILL_MAIL_DELAY`` seconds (0.005 by default): most of it before
acceptance (sending the data) and a little after (the server's reply), so that a kill can
land in either part.

Use it with ``CANDOUR_EMAIL_BACKEND=drill_mail_backend.EmailBackend``,
``CANDOUR_EMAIL_FILE_PATH=<sink>`` and ``scripts/`` on ``PYTHONPATH``.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

_UNSAFE = re.compile(r"[^A-Za-z0-9._@-]")


def file_stem(message_id: str) -> str:
    """The file name a Message-ID is delivered under (without ``.<n>.eml``)."""
    return _UNSAFE.sub("_", message_id.strip().strip("<>"))


class EmailBackend(BaseEmailBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sink = Path(settings.EMAIL_FILE_PATH)
        self.delay = float(os.environ.get("CANDOUR_DRILL_MAIL_DELAY", "0.005"))

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        self.sink.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            self._accept(message)
        return len(email_messages)

    def _accept(self, message: EmailMessage) -> None:
        mime = message.message()
        stem = file_stem(str(mime["Message-ID"]))
        time.sleep(self.delay * 0.8)  # the data on its way to the server
        partial = self.sink / f".{stem}.{os.getpid()}.tmp"
        partial.write_bytes(mime.as_bytes())
        number = 1
        while True:
            try:
                os.link(partial, self.sink / f"{stem}.{number}.eml")  # accepted
                break
            except FileExistsError:
                number += 1
        partial.unlink()
        time.sleep(self.delay * 0.2)  # the server's reply on its way back
