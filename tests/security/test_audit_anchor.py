"""Route 9: truncating the audit trail is caught without --expect-head; missing triggers
are named; the files Candour creates holding personal data are private to its user.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from candour.audit.events import AuditEventType
from candour.audit.recorder import record

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def _append(count: int) -> None:
    for index in range(count):
        with transaction.atomic():
            record(AuditEventType.TEAM_CREATED, actor_id=index + 1, data={"n": index})


def _drop_triggers() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute("DROP TRIGGER audit_event_no_delete")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update_delete ON audit_auditevent")


def _verify() -> str:
    out = io.StringIO()
    call_command("verify_audit", "--no-progress", stdout=out)
    return out.getvalue()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_deleting_the_newest_rows_is_caught_against_the_anchor() -> None:
    _append(5)
    assert "Audit trail OK: 5 events verified" in _verify()
    anchor = Path(settings.CANDOUR_AUDIT_ANCHOR_FILE)
    assert _mode(anchor) == 0o600
    assert any(head.startswith("5:") for head in json.loads(anchor.read_text()).values())

    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence >= 4")
    # No --expect-head typed: the anchor recorded by the last run is enough.
    with pytest.raises(CommandError, match=r"BROKEN at sequence 4: .*5 is anchored.*truncated"):
        _verify()


def test_missing_triggers_are_named_even_when_the_chain_is_intact() -> None:
    _append(3)
    _drop_triggers()
    with pytest.raises(CommandError, match="UNPROTECTED: the insert-only triggers are missing"):
        _verify()


def test_a_trail_that_grows_keeps_passing_and_moves_the_anchor() -> None:
    _append(2)
    _verify()
    _append(2)
    assert "head 4:" in _verify()


# Writes through a connection and, while it is open (SQLite removes -wal and -shm when
# the last connection closes), prints the mode of every file in var/.
_OPEN_DATABASE = """
import json, os, stat, django
django.setup()
from django.conf import settings
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE probe (id integer)")
    cursor.execute("INSERT INTO probe VALUES (1)")
    modes = {
        name: stat.S_IMODE(os.stat(settings.VAR_DIR / name).st_mode)
        for name in os.listdir(settings.VAR_DIR)
    }
print(json.dumps(modes))
"""


def test_files_holding_personal_data_are_private_to_candours_user(tmp_path: Path) -> None:
    var_dir = tmp_path / "var"
    mail_dir = tmp_path / "mail"
    # An installation from before this change: a world-readable var/ and database.
    var_dir.mkdir(mode=0o755)
    (var_dir / "candour.sqlite3").touch(mode=0o644)
    os.chmod(var_dir, 0o755)  # noqa: S103 - reproduces an old, world-readable install
    os.chmod(var_dir / "candour.sqlite3", 0o644)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CANDOUR_SQLITE_PATH"}
    }
    env.update(
        CANDOUR_ENVIRONMENT="development",
        CANDOUR_VAR_DIR=str(var_dir),
        CANDOUR_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        CANDOUR_EMAIL_FILE_PATH=str(mail_dir),
        DJANGO_SETTINGS_MODULE="candour.config.settings",
        PYTHONPATH=str(ROOT),
    )
    done = subprocess.run(
        [sys.executable, "-c", _OPEN_DATABASE],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert _mode(var_dir) == 0o700
    assert _mode(mail_dir) == 0o700
    modes = json.loads(done.stdout.strip().splitlines()[-1])
    for name in ("candour.sqlite3", "candour.sqlite3-wal", "candour.sqlite3-shm"):
        assert modes[name] == 0o600, name
    for key_file in ("secret_key", "audit_key", "key_encryption_key"):
        assert modes[key_file] == 0o600, key_file
