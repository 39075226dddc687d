from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from candour.core.progress import ProgressBar
from candour.learning.coding.services import train_suggester
from candour.learning.coding.training import organisations_to_train


class Command(BaseCommand):
    help = (
        "Train each organisation's code suggester from its analysts' coding of reviewed "
        "reports and their verdicts on suggestions. Run nightly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", help="Only this organisation (its code or slug)")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw progress.")

    def handle(self, *args: Any, **options: Any) -> None:
        chosen = organisations_to_train()
        if options["organisation"]:
            wanted = options["organisation"]
            chosen = [o for o in chosen if wanted in {o.code, o.slug}]
            if not chosen:
                raise CommandError(
                    f"No organisation with the code or slug {wanted!r} has coded reports"
                )
        bar = (
            None
            if options["no_progress"]
            else ProgressBar(len(chosen), label="Training code suggesters", stream=self.stderr)
        )
        trained = []
        for done, organisation in enumerate(chosen, start=1):
            trained.append((organisation, train_suggester(organisation)))
            if bar:
                bar.update(done)
        if bar:
            bar.finish(len(chosen))
        for organisation, suggester in trained:
            hidden = sum(1 for item in suggester.code_quality.values() if not item["shown"])
            self.stdout.write(
                f"{organisation.name}: trained on {suggester.examples} coded reports and "
                f"{suggester.decisions} verdicts on suggestions; learned suggestions hidden "
                f"for poor accuracy: {hidden}."
            )
        if not trained:
            self.stdout.write("No organisation has coded reports to learn from yet.")
