from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from candour.reporting.notifications import send_new_report_digest


class Command(BaseCommand):
    help = "Email learning teams how many new reports are waiting (no content). Run daily."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="Where Candour is served."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_new_report_digest(base_url=options["base_url"])
        self.stdout.write(
            f"Sent {result.emails} email(s) to learning teams in {result.organisations} "
            "organisation(s)."
        )
