from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from candour.voice.services import chase_alerts


class Command(BaseCommand):
    help = (
        "Tell administrators and the learning team about possible disclosures in feedback "
        "that nobody has acknowledged within 15 minutes. Run every few minutes."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        chased = chase_alerts()
        self.stdout.write(f"Chased {chased} unacknowledged safeguarding alert(s).")
