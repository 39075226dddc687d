from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from candour.subscriptions.services import send_digests


class Command(BaseCommand):
    help = (
        "Queue subscription digests: immediate ones for what became readable since the last "
        "run, weekly ones a week after the last. Run hourly; safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--base-url", default="http://127.0.0.1:8000", help="Where Candour is served."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_digests(base_url=options["base_url"])
        self.stdout.write(
            f"Queued {result.emails} digest email(s) for {result.people} person(s) due one."
        )
