from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from candour.core.progress import ProgressBar, Stream
from candour.learning.similar.store import build_index, index_directory, update_index
from candour.lib.text.vectors.storage import ConcurrentUpdateError


class Command(BaseCommand):
    help = (
        "Build the similar-reports index from every reviewed report (run nightly), or with "
        "--update add newly reviewed reports and drop ineligible ones (run every few minutes). "
        "Web workers pick up each new index within seconds; they never build one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--update",
            action="store_true",
            help="Change the existing index instead of rebuilding it (builds one if none).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not draw progress.")

    def handle(self, *args: Any, **options: Any) -> None:
        bars = None if options["no_progress"] else _StageBars(self.stderr)
        try:
            if options["update"]:
                change = update_index(progress=bars)
            else:
                change = build_index(progress=bars)
        except ConcurrentUpdateError as error:
            raise CommandError(
                "Another build saved the index while this update ran; run it again."
            ) from error
        finally:
            if bars is not None:
                bars.close()
        where = index_directory()
        if not change.saved:
            self.stdout.write(f"Nothing to update: {change.indexed:,} reports indexed in {where}.")
        elif change.full:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Indexed {change.indexed:,} reviewed reports in {where} "
                    f"(generation {change.generation})."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Added or refreshed {change.added:,} and removed {change.removed:,}: "
                    f"{change.indexed:,} reports indexed in {where} "
                    f"(generation {change.generation})."
                )
            )


class _StageBars:
    """One progress bar per stage of the build, each finished when the next begins."""

    def __init__(self, stream: Stream) -> None:
        self.stream = stream
        self.stage: str | None = None
        self.bar: ProgressBar | None = None
        self.done = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        bar = self.bar
        if bar is None or stage != self.stage:
            self.close()
            bar = self.bar = ProgressBar(total, label=stage, stream=self.stream)
            self.stage = stage
        self.done = done
        bar.update(done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.finish(self.done)
            self.bar = None
