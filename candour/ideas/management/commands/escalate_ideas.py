from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from candour.ideas.services import escalate_ideas


class Command(BaseCommand):
    help = (
        "Pass improvement ideas with no response by their deadline, and ideas with no update "
        "for 30 days, to the next manager up, telling them and the author. Run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = escalate_ideas()
        self.stdout.write(
            f"Escalated {result.overdue} overdue and {result.stalled} stalled idea(s)."
        )
