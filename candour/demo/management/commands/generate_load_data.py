from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from candour.core.progress import ProgressBar
from candour.demo.loadgen.generate import PARTS, Generator, Volumes


class Command(BaseCommand):
    help = (
        "Add national volumes for the scale benchmark: 150 councils with teams and staff, "
        "1M reports (coded, themed), 1M ideas, 1M feedback items, 10M audit events and "
        "workforce files, written with PostgreSQL's COPY. Run load-demo-data first. "
        "Never on a live service."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Fraction of the national volumes (default 1.0; 0.01 for a quick try).",
        )
        parser.add_argument(
            "--organisations", type=int, default=150, help="Local authorities in all (150)."
        )
        parser.add_argument(
            "--only", nargs="+", choices=PARTS, default=list(PARTS), help="Just these parts."
        )
        parser.add_argument("--json", help="Write the rows and seconds per step to this file.")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw progress.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["scale"] <= 0:
            raise CommandError("--scale must be more than 0")
        volumes = Volumes.scaled(options["scale"], options["organisations"])

        def progress(label: str, total: int) -> tuple[Callable[[int], None], Callable[[], None]]:
            if options["no_progress"]:
                return (lambda n: None), (lambda: None)
            bar = ProgressBar(total, label=f"{label:<32}", stream=self.stderr)
            done = [0]

            def advance(n: int) -> None:
                done[0] = n
                bar.update(n)

            return advance, lambda: bar.finish(done[0])

        result = Generator(volumes, progress=progress).run(options["only"])
        for step, seconds in result.seconds.items():
            self.stdout.write(f"{step}: {result.rows.get(step, 0):,} rows in {seconds:.1f}s")
        if options["json"]:
            with open(options["json"], "w", encoding="utf-8") as out:
                json.dump({"volumes": volumes.__dict__, **result.__dict__}, out, indent=2)
