from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from candour.core.models import Organisation, OrganisationKind
from candour.core.progress import ProgressBar
from candour.learning.themes.services import find_themes


class Command(BaseCommand):
    help = (
        "Look for recurring themes (error traps) in each organisation's reviewed reports and "
        "store them as suggestions for the learning team. Run nightly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", help="Only this organisation (its code or slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        organisations = Organisation.objects.exclude(kind=OrganisationKind.NATIONAL_HUB)
        if options["organisation"]:
            wanted = options["organisation"]
            organisations = organisations.filter(code=wanted) | organisations.filter(slug=wanted)
            if not organisations.exists():
                raise CommandError(f"No organisation with the code or slug {wanted!r}")
        chosen = list(organisations.order_by("name"))
        bar = ProgressBar(len(chosen), label="Finding themes", stream=self.stderr)
        results = []
        for done, organisation in enumerate(chosen, start=1):
            results.append((organisation, find_themes(organisation)))
            bar.update(done)
        bar.finish(len(chosen))
        for organisation, result in results:
            self.stdout.write(
                f"{organisation.name}: {result.reports} reports, {result.suggested} themes "
                f"suggested ({result.replaced} earlier suggestions replaced)."
            )
