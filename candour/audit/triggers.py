"""Are the audit table's insert-only triggers (migration 0002, ADR 0002) still in place?

Someone able to drop them can delete the newest rows and leave a chain that still
verifies, so verify-audit checks for them by name on both databases.
"""

from __future__ import annotations

from django.db import connection

TABLE = "audit_auditevent"
EXPECTED = {
    "sqlite": frozenset({"audit_event_no_update", "audit_event_no_delete"}),
    "postgresql": frozenset({"audit_event_no_update_delete", "audit_event_no_truncate"}),
}


def present_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger "
                "WHERE tgrelid = %s::regclass AND NOT tgisinternal AND tgenabled <> 'D'",
                [TABLE],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLE],
            )
        return {row[0] for row in cursor.fetchall()}


def missing_triggers() -> list[str]:
    """The names of expected triggers that are absent (or disabled), sorted."""
    return sorted(EXPECTED.get(connection.vendor, frozenset()) - present_triggers())
