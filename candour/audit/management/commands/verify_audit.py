from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from candour.audit.verification import count_events, verify_audit_chain
from candour.core.progress import ProgressBar


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain and name the first broken link."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--expect-head",
            metavar="SEQUENCE:HASH",
            help="A head recorded earlier outside the database; detects a truncated tail.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not draw progress.")

    def handle(self, *args: Any, **options: Any) -> None:
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
            sequence_text, _, expected_hash = options["expect_head"].partition(":")
            try:
                expected_sequence = int(sequence_text)
            except ValueError as exc:
                raise CommandError("--expect-head must look like 1234:abcdef...") from exc
            if result.head_sequence < expected_sequence:
                raise CommandError(
                    f"Audit trail BROKEN at sequence {result.head_sequence + 1}: the trail ends "
                    f"at {result.head_sequence} but {expected_sequence} was recorded (truncated)."
                )
            if expected_hash and not self._hash_at(expected_sequence, expected_hash):
                raise CommandError(
                    f"Audit trail BROKEN at sequence {expected_sequence}: it differs from the "
                    "recorded head."
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail OK: {result.checked:,} events verified; "
                f"head {result.head_sequence}:{result.head_hash}"
            )
        )

    def _hash_at(self, sequence: int, expected_hash: str) -> bool:
        from candour.audit.models import AuditEvent

        found = AuditEvent.objects.filter(sequence=sequence).values_list("hash", flat=True).first()
        return found == expected_hash
