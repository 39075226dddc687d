from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from candour.learning.alerts.services import chase_alerts


class Command(BaseCommand):
    help = (
        "Move open hazard alerts to the organisation's current safety lead; remind the lead "
        "of alerts unacknowledged after a day, and tell the administrators after three. "
        "Run hourly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--base-url", default="", help="Candour's address, for the links")

    def handle(self, *args: Any, **options: Any) -> None:
        result = chase_alerts(base_url=options["base_url"])
        self.stdout.write(
            f"Moved {result.moved}, reminded {result.reminded} and escalated "
            f"{result.escalated} alert(s)."
        )
