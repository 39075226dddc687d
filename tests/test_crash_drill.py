"""The crash drills (scripts/crash_drill.py) run end to end on SQLite and pass.

Small configurations. web: one submitter of each kind (reports, ideas, feedback), gunicorn
killed (master and workers, SIGKILL) and restarted twice, two seconds apart; every
acknowledged submission must be found intact, nothing half-present, and the audit trail
must verify. worker: 400 emails queued by a "web process" that died before sending,
`candour worker` killed and restarted twice mid-delivery; every email must be marked sent
and delivered, with no more duplicates than kills. tasks: 100 overdue ideas,
`candour escalate-ideas` killed once mid-run and rerun; each idea escalated exactly once.
"""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _drill(*args: str) -> str:
    """Run one drill; its output, once it has passed."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "crash_drill.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    return output


def test_web_crash_drill_on_sqlite_loses_nothing_acknowledged():
    output = _drill("web", "--sqlite", "--rounds", "2", "--submitters", "1", "--interval", "2")
    assert "PASS: web (SQLite): every acknowledged submission survived" in output
    assert output.count("SIGKILL gunicorn's process group, restart") == 2
    counts = re.search(
        r"found/acknowledged: reports (\d+)/(\d+), ideas (\d+)/(\d+), feedback (\d+)/(\d+)", output
    )
    assert counts, output
    found_and_sent = [int(n) for n in counts.groups()]
    assert found_and_sent[0::2] == found_and_sent[1::2]
    assert sum(found_and_sent[1::2]) > 0
    assert "[ok] nothing half-present" in output
    assert "[ok] verify-audit: Audit trail OK" in output
    assert "FAILED" not in output


def test_worker_crash_drill_on_sqlite_delivers_every_queued_email():
    output = _drill("worker", "--sqlite", "--emails", "400", "--rounds", "2")
    assert "PASS: worker (SQLite): every queued email was delivered" in output
    assert output.count("SIGKILL the worker mid-delivery, restart") == 2
    counts = re.search(
        r"queued (\d+), sent (\d+), delivered (\d+), duplicates (\d+) after (\d+) kills", output
    )
    assert counts, output
    queued, sent, delivered, duplicates, kills = (int(n) for n in counts.groups())
    assert queued == sent == delivered == 400
    assert kills == 2
    assert duplicates <= kills
    assert "[ok] no sent email keeps its sealed body" in output
    assert "FAILED" not in output


def test_tasks_crash_drill_on_sqlite_escalates_each_overdue_idea_once():
    output = _drill("tasks", "--sqlite", "--ideas", "100", "--rounds", "1")
    assert "PASS: tasks (SQLite): every overdue idea was escalated exactly once" in output
    assert "ideas 100, escalated once 100, emails 200, delivered 200," in output
    assert "[ok] a further run escalates nothing" in output
    assert "FAILED" not in output
