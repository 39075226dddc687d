from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from candour.voice.services import chase_alerts


class Command(BaseCommand):
    help = (
        "Chase possible disclosures in feedback that nobody has acknowledged: every 15 "
        "minutes until somebody does, widening to every administrator and the team's "
        "managers. Run every few minutes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        chased = chase_alerts()
        self.stdout.write(f"Chased {chased} unacknowledged safeguarding alert(s).")
