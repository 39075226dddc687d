"""`candour surveys remind` and `candour surveys close-due`: thin wrappers over services."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from candour.surveys import services


class Command(BaseCommand):
    help = "Survey waves: send reminders for open waves, or close waves past their date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["remind", "close-due"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "remind":
            reminded = services.remind_open_waves()
            total = sum(reminded.values())
            self.stdout.write(f"reminded {total} people across {len(reminded)} open waves")
        elif options["action"] == "close-due":
            closed = services.close_due_waves()
            self.stdout.write(f"closed {len(closed)} waves")
        else:  # pragma: no cover - argparse refuses other actions
            raise CommandError("unknown action")
