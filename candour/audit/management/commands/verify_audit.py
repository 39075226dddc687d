from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from candour.audit.anchor import Head, anchor_path, record_head, recorded_head
from candour.audit.triggers import missing_triggers
from candour.audit.verification import count_events, verify_audit_chain
from candour.core.progress import ProgressBar


class Command(BaseCommand):
    help = (
        "Verify the audit trail's hash chain and name the first broken link; check the "
        "insert-only triggers; compare with the head recorded outside the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--expect-head",
            metavar="SEQUENCE:HASH",
            help="A head recorded or published elsewhere; detects a truncated tail.",
        )
        parser.add_argument(
            "--reset-anchor",
            action="store_true",
            help=(
                "Record this database's head in the anchor file even though it is behind "
                "the recorded one (after a deliberate restore or a new database)."
            ),
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not draw progress.")

    def handle(self, *args: Any, **options: Any) -> None:
        missing = missing_triggers()
        total = count_events()
        bar = (
            None
            if options["no_progress"]
            else ProgressBar(total, label="Verifying audit trail", stream=self.stderr)
        )
        result = verify_audit_chain(on_progress=bar.update if bar else None)
        if bar:
            bar.finish(result.checked)
        if result.broken is not None:
            raise CommandError(
                f"Audit trail BROKEN at sequence {result.broken.sequence}: {result.broken.reason}. "
                f"{result.checked:,} events before it verified."
            )
        if options["expect_head"]:
            try:
                expected = Head.parse(options["expect_head"])
            except ValueError as exc:
                raise CommandError("--expect-head must look like 1234:abcdef...") from exc
            self._check_reaches(expected, result.head_sequence, "was recorded")
        anchored = recorded_head()
        if anchored is not None and not options["reset_anchor"]:
            self._check_reaches(anchored, result.head_sequence, f"is anchored in {anchor_path()}")
        if missing:
            # The chain is intact, but nothing now stops rows being changed or deleted:
            # fail, and do not move the anchor forward over an unprotected table.
            raise CommandError(
                "Audit trail UNPROTECTED: the insert-only triggers are missing or disabled "
                f"({', '.join(missing)}). Run `candour migrate audit` to restore them and "
                "find out who removed them."
            )
        head = Head(result.head_sequence, result.head_hash)
        if result.head_sequence > 0:
            record_head(head)
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail OK: {result.checked:,} events verified; insert-only triggers "
                f"present; head {head}"
            )
        )

    def _check_reaches(self, expected: Head, head_sequence: int, where: str) -> None:
        if head_sequence < expected.sequence:
            raise CommandError(
                f"Audit trail BROKEN at sequence {head_sequence + 1}: the trail ends "
                f"at {head_sequence} but {expected.sequence} {where} (truncated)."
            )
        if expected.hash and not self._hash_at(expected.sequence, expected.hash):
            raise CommandError(
                f"Audit trail BROKEN at sequence {expected.sequence}: it differs from the "
                f"head that {where}."
            )

    def _hash_at(self, sequence: int, expected_hash: str) -> bool:
        from candour.audit.models import AuditEvent

        found = AuditEvent.objects.filter(sequence=sequence).values_list("hash", flat=True).first()
        return found == expected_hash
