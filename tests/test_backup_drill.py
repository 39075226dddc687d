"""The SQLite backup and restore drill (scripts/backup_drill.py) runs end to end and passes.

The demo data takes most of a minute to load, so the drill runs with ``--no-demo`` and a
small dataset instead: an organisation, two teams and a few audited actions, enough for the
audit chain's head and the row counts to mean something after the restore.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

POPULATE = """
from django.db import transaction
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation, Team
with transaction.atomic():
    org = Organisation.objects.create(name="Drill Council", slug="drill", kind="local_authority")
    record(AuditEventType.ORGANISATION_CREATED, actor_id=None, organisation=org, target=org)
    for name in ("North", "South"):
        team = Team.objects.create(organisation=org, name=name)
        record(AuditEventType.TEAM_CREATED, actor_id=None, organisation=org, target=team)
"""


def test_sqlite_drill_backs_up_restores_and_verifies():
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "backup_drill.py"),
            "--sqlite",
            "--no-demo",
            "--populate",
            POPULATE,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "PASS: SQLite backup restored and verified" in output
    assert "[ok] verify-audit on the restored copy: Audit trail OK: 3 events verified" in output
    assert "audit_auditevent=3" in output
    assert "core_team=2" in output
    assert "FAILED" not in output


def test_a_drill_of_an_empty_audit_trail_says_what_to_do():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "backup_drill.py"), "--sqlite", "--no-demo"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "the audit trail is empty: load the demo data or use --populate" in output
