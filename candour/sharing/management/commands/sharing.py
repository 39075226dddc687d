"""`candour sharing rehash`: recompute flags' NHS digests under the current SECRET_KEY."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from candour.core.progress import ProgressBar
from candour.sharing import services
from candour.sharing.models import ChildFlag


class Command(BaseCommand):
    help = (
        "Information sharing: `rehash` recomputes every flag's NHS number digest under the "
        "current SECRET_KEY, after a rotation, so the old key can leave SECRET_KEY_FALLBACKS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rehash"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] != "rehash":  # pragma: no cover - argparse refuses others
            raise CommandError("unknown action")
        bar = ProgressBar(ChildFlag.objects.count(), label="Rehashing flags", stream=self.stderr)
        result = services.rehash_flags(progress=bar.update)
        bar.finish(result.flags)
        self.stdout.write(f"rehashed {result.changed} of {result.flags} flags")
