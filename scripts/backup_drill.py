"""Backup and restore drill: back a fresh Candour database up, restore it, prove it intact.

    python scripts/backup_drill.py --sqlite      # the default
    python scripts/backup_drill.py --postgres    # needs PostgreSQL on 127.0.0.1:5432

Both drills build a new database (``candour migrate`` and ``candour load-demo-data``, or no
demo data with ``--no-demo``), note the audit trail's head from the original, back it up
the way docs/deployment.md says (SQLite's online backup API; ``pg_dump -Fc``), restore the
backup somewhere new, then check the restored copy: ``candour verify-audit --expect-head``
must pass and key tables must hold as many rows as the original. Prints PASS or FAIL and
exits 1 on failure. PostgreSQL databases are named ``candour_drill_<random>`` and dropped at
the end; the SQLite drill works in a temporary directory that is removed.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The venv's entry point, as the Makefile runs it; otherwise whatever `candour` is on PATH.
_VENV_CANDOUR = ROOT / ".venv" / "bin" / "candour"
CANDOUR = str(_VENV_CANDOUR) if _VENV_CANDOUR.exists() else "candour"

from drill_commands import DrillError, run  # noqa: E402 - beside this script

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_ARGS = ("-h", "127.0.0.1", "-p", "5432", "-U", "postgres")

# Tables whose row counts must survive the round trip.
KEY_TABLES = (
    "audit_auditevent",
    "accounts_user",
    "core_organisation",
    "core_team",
    "reporting_report",
    "ideas_idea",
    "voice_feedback",
    "django_migrations",
)

_HEAD = re.compile(r"head (\d+:[0-9a-f]{64})")


@dataclass
class Drill:
    """The outcome of one drill, step by step."""

    engine: str
    steps: list[tuple[str, bool, str]] = field(default_factory=list)

    def record(self, name: str, ok: bool, detail: str = "") -> None:
        self.steps.append((name, ok, detail))
        print(f"  [{'ok' if ok else 'FAILED'}] {name}{': ' + detail if detail else ''}", flush=True)

    @property
    def passed(self) -> bool:
        return bool(self.steps) and all(ok for _, ok, _ in self.steps)


def base_env(var_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CANDOUR_SQLITE_PATH"}
    }
    # Development settings: the audit and encryption keys are kept in CANDOUR_VAR_DIR, which
    # the original and the restored copy share, as a real restore shares the secrets.
    env["CANDOUR_ENVIRONMENT"] = "development"
    env["CANDOUR_VAR_DIR"] = str(var_dir)
    return env


def audit_head(env: Mapping[str, str]) -> str:
    output = run([CANDOUR, "verify-audit", "--no-progress"], env, "verify-audit (original)")
    match = _HEAD.search(output)
    if match is None:
        raise DrillError(f"verify-audit printed no head: {output.strip()}")
    if match.group(1).startswith("0:"):
        # An empty trail proves nothing about a restore, and cannot be checked against.
        raise DrillError("the audit trail is empty: load the demo data or use --populate")
    return match.group(1)


def populate(env: Mapping[str, str], drill: Drill, *, demo: bool) -> None:
    started = time.monotonic()
    run([CANDOUR, "migrate", "--verbosity", "0"], env, "migrate")
    if demo:
        run([CANDOUR, "load-demo-data"], env, "load-demo-data")
    what = "migrated and loaded demo data" if demo else "migrated (no demo data)"
    drill.record(
        "create the original database", True, f"{what} in {time.monotonic() - started:.1f}s"
    )


def compare_counts(
    drill: Drill, original: Callable[[str], int], restored: Callable[[str], int]
) -> None:
    mismatches = []
    summary = []
    for table in KEY_TABLES:
        before, after = original(table), restored(table)
        summary.append(f"{table}={before}")
        if before != after:
            mismatches.append(f"{table}: {before} before, {after} after")
    if mismatches:
        drill.record("row counts match", False, "; ".join(mismatches))
    else:
        drill.record("row counts match", True, ", ".join(summary))


def verify_restored(env: Mapping[str, str], head: str, drill: Drill) -> None:
    output = run(
        [CANDOUR, "verify-audit", "--no-progress", "--expect-head", head],
        env,
        "verify-audit (restored copy)",
    )
    drill.record("verify-audit on the restored copy", True, output.strip().splitlines()[-1])


def sqlite_drill(*, demo: bool, populate_command: str | None) -> Drill:
    drill = Drill("SQLite")
    with tempfile.TemporaryDirectory(prefix="candour-drill-") as tmp:
        work = Path(tmp)
        original_path, backup_path, restored_path = (
            work / "original.sqlite3",
            work / "backup.sqlite3",
            work / "restored" / "candour.sqlite3",
        )
        env = base_env(work / "var")
        original_env = {**env, "CANDOUR_SQLITE_PATH": str(original_path)}
        restored_env = {**env, "CANDOUR_SQLITE_PATH": str(restored_path)}
        try:
            populate(original_env, drill, demo=demo)
            if populate_command:
                run([CANDOUR, "shell", "-c", populate_command], original_env, "populate")
                drill.record("add data with candour shell", True)
            head = audit_head(original_env)
            drill.record("audit head of the original", True, head)

            # The online backup API copies a consistent snapshot, WAL included, while the
            # service may still be writing; copying the file with cp is not safe.
            with sqlite3.connect(original_path) as source, sqlite3.connect(backup_path) as copy:
                source.backup(copy)
            source.close()
            copy.close()
            drill.record("online backup", True, f"{backup_path.stat().st_size:,} bytes")

            # Restore: the backup is a whole database; put a copy where the service expects it.
            restored_path.parent.mkdir()
            with sqlite3.connect(backup_path) as source, sqlite3.connect(restored_path) as target:
                source.backup(target)
            source.close()
            target.close()
            with sqlite3.connect(restored_path) as check:
                integrity = check.execute("PRAGMA integrity_check").fetchone()[0]
            check.close()
            drill.record("restore to a new path", integrity == "ok", f"integrity_check {integrity}")

            verify_restored(restored_env, head, drill)
            compare_counts(
                drill,
                lambda table: sqlite_count(original_path, table),
                lambda table: sqlite_count(restored_path, table),
            )
        except DrillError as error:
            drill.record("drill step", False, str(error))
    return drill


def sqlite_count(path: Path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        query = f'SELECT count(*) FROM "{table}"'  # noqa: S608 - a name from KEY_TABLES
        return int(connection.execute(query).fetchone()[0])
    finally:
        connection.close()


def postgres_count(name: str, table: str) -> int:
    output = run(
        ["psql", *PG_ARGS, "-d", name, "-tAc", f'SELECT count(*) FROM "{table}"'],  # noqa: S608
        os.environ,
        f"count {table} in {name}",
    )
    return int(output.strip())


def postgres_drill(*, demo: bool, populate_command: str | None) -> Drill:
    drill = Drill("PostgreSQL")
    token = secrets.token_hex(4)
    original, restored = f"candour_drill_{token}", f"candour_drill_{token}_restored"
    created: list[str] = []
    with tempfile.TemporaryDirectory(prefix="candour-drill-") as tmp:
        work = Path(tmp)
        dump = work / "candour.dump"
        env = base_env(work / "var")
        original_env = {**env, "DATABASE_URL": f"{PG_SERVER}/{original}"}
        restored_env = {**env, "DATABASE_URL": f"{PG_SERVER}/{restored}"}
        try:
            run(["createdb", *PG_ARGS, original], os.environ, f"createdb {original}")
            created.append(original)
            populate(original_env, drill, demo=demo)
            if populate_command:
                run([CANDOUR, "shell", "-c", populate_command], original_env, "populate")
                drill.record("add data with candour shell", True)
            head = audit_head(original_env)
            drill.record("audit head of the original", True, head)

            run(
                ["pg_dump", *PG_ARGS, "-Fc", "--no-owner", "-f", str(dump), original],
                os.environ,
                "pg_dump",
            )
            drill.record("pg_dump -Fc", True, f"{dump.stat().st_size:,} bytes")

            run(["createdb", *PG_ARGS, restored], os.environ, f"createdb {restored}")
            created.append(restored)
            run(
                [
                    "pg_restore",
                    *PG_ARGS,
                    "--no-owner",
                    "--exit-on-error",
                    "-d",
                    restored,
                    str(dump),
                ],
                os.environ,
                "pg_restore",
            )
            drill.record("pg_restore into a new database", True, restored)

            verify_restored(restored_env, head, drill)
            compare_counts(
                drill,
                lambda table: postgres_count(original, table),
                lambda table: postgres_count(restored, table),
            )
        except DrillError as error:
            drill.record("drill step", False, str(error))
        finally:
            for name in reversed(created):
                try:
                    run(["dropdb", *PG_ARGS, "--if-exists", name], os.environ, f"dropdb {name}")
                    drill.record(f"drop {name}", True)
                except DrillError as error:
                    drill.record(f"drop {name}", False, str(error))
    return drill


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    engine = parser.add_mutually_exclusive_group()
    engine.add_argument("--sqlite", action="store_const", const="sqlite", dest="engine")
    engine.add_argument("--postgres", action="store_const", const="postgres", dest="engine")
    parser.add_argument(
        "--no-demo", action="store_true", help="migrate only; do not load the demo data"
    )
    parser.add_argument(
        "--populate",
        metavar="PYTHON",
        help="Python run with `candour shell -c` against the original before the backup",
    )
    args = parser.parse_args(argv)
    chosen = args.engine or "sqlite"
    if chosen == "postgres" and shutil.which("pg_dump") is None:
        print("FAIL: pg_dump is not installed")
        return 1
    print(f"Backup and restore drill ({chosen})", flush=True)
    started = time.monotonic()
    drill_function = postgres_drill if chosen == "postgres" else sqlite_drill
    drill = drill_function(demo=not args.no_demo, populate_command=args.populate)
    elapsed = time.monotonic() - started
    if drill.passed:
        print(f"PASS: {drill.engine} backup restored and verified in {elapsed:.1f}s")
        return 0
    failed = [name for name, ok, _ in drill.steps if not ok]
    print(f"FAIL: {drill.engine} drill failed at: {', '.join(failed) or 'no steps ran'}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
