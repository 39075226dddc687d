"""`candour sharing rehash`: recompute flags' NHS digests under the current SECRET_KEY.

`candour sharing reconcile FILE --organisation SLUG --as EMAIL [--dry-run]`: the local
authority's daily full file from its case system, run by a scheduler (ADR 0025). The
same service as the page: one transaction, nothing applied if the file is malformed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from candour.accounts.models import User
from candour.core.models import Organisation
from candour.core.progress import ProgressBar
from candour.sharing import services
from candour.sharing.models import ChildFlag
from candour.sharing.reconciliation.services import Reconciliation, reconcile_flags


class _DryRunError(Exception):
    """Raised inside the transaction to undo a dry run's changes."""

    def __init__(self, result: Reconciliation) -> None:
        self.result = result


class Command(BaseCommand):
    help = (
        "Information sharing. `rehash` recomputes every flag's NHS number digest under the "
        "current SECRET_KEY, after a rotation, so the old key can leave SECRET_KEY_FALLBACKS. "
        "`reconcile FILE --organisation SLUG --as EMAIL` reconciles a local authority's flags "
        "with its daily full file (add --dry-run to see what would change)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["rehash", "reconcile"])
        parser.add_argument("file", nargs="?", help="the daily full file (CSV), for reconcile")
        parser.add_argument("--organisation", help="the local authority's slug")
        parser.add_argument(
            "--as", dest="actor", help="email of the flag keeper the change is recorded under"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change, change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "reconcile":
            self._reconcile(options)
            return
        bar = ProgressBar(ChildFlag.objects.count(), label="Rehashing flags", stream=self.stderr)
        result = services.rehash_flags(progress=bar.update)
        bar.finish(result.flags)
        self.stdout.write(f"rehashed {result.changed} of {result.flags} flags")

    def _reconcile(self, options: dict[str, Any]) -> None:
        if not options["file"] or not options["organisation"] or not options["actor"]:
            raise CommandError("reconcile needs FILE, --organisation SLUG and --as EMAIL")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"no organisation with the slug {options['organisation']!r}")
        actor = User.objects.filter(email__iexact=options["actor"], is_active=True).first()
        if actor is None:
            raise CommandError("no active person with that email")
        try:
            result = self._run(actor, organisation, path.read_bytes(), options["dry_run"])
        except PermissionDenied:
            raise CommandError(
                "that person does not keep this organisation's flags (or it is not a "
                "local authority)"
            ) from None
        self._print(result, options["dry_run"])

    def _run(
        self, actor: User, organisation: Organisation, data: bytes, dry_run: bool
    ) -> Reconciliation:
        if not dry_run:
            return reconcile_flags(actor=actor, organisation=organisation, data=data)
        try:
            with transaction.atomic():
                raise _DryRunError(
                    reconcile_flags(actor=actor, organisation=organisation, data=data)
                )
        except _DryRunError as undone:
            return undone.result

    def _print(self, result: Reconciliation, dry_run: bool) -> None:
        if not result.ok:
            for problem in result.problems:
                value = f" {problem.value!r}" if problem.value else ""
                self.stderr.write(f"line {problem.line}, {problem.column}{value}: {problem.reason}")
            raise CommandError(
                f"the file has {len(result.problems)} problem(s): nothing was changed"
            )
        for name, outcomes in (
            ("added", result.added),
            ("changed", result.changed),
            ("ended", result.ended),
            ("refused", result.refused),
        ):
            for outcome in outcomes:
                where = f"line {outcome.line}" if outcome.line else "not in the file"
                self.stdout.write(f"{name}: {where} {outcome.reference} {outcome.detail}".rstrip())
        summary = (
            f"{len(result.added)} added, {len(result.changed)} changed, "
            f"{len(result.ended)} ended, {len(result.refused)} refused, "
            f"{result.unchanged} unchanged"
        )
        self.stdout.write(("dry run, nothing changed: " if dry_run else "") + summary)
