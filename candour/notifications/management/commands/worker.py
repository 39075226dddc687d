from __future__ import annotations

import signal
import time
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import OperationalError, close_old_connections

from candour.notifications.outbox import deliver_due, purge_sent


class Command(BaseCommand):
    help = (
        "The task worker: send queued emails that the web process could not send at once "
        "(it died, or the mail server was down), retrying with back-off. Run one or more, "
        "always on; it is safe to kill at any moment."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Send what is due, then stop (for cron)."
        )
        parser.add_argument(
            "--interval", type=float, default=5.0, help="Seconds between polls (default 5)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            sent = deliver_due()
            purged = purge_sent()
            self.stdout.write(f"Sent {sent} queued email(s); forgot {purged} sent a month ago.")
            return
        stopping = False

        def stop(signum: int, frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write("Worker started.")
        last_purge = 0.0
        while not stopping:
            close_old_connections()  # survive a database restart or fail-over
            try:
                sent = deliver_due()
            except OperationalError as error:
                self.stderr.write(f"Database unavailable ({type(error).__name__}); retrying.")
                sent = 0
            if sent:
                self.stdout.write(f"Sent {sent} queued email(s).")
            if time.monotonic() - last_purge > 3600:
                purge_sent()
                last_purge = time.monotonic()
            if not sent:
                time.sleep(options["interval"])
        self.stdout.write("Worker stopped.")
