"""Crash drills: kill Candour in the middle of its work and prove nothing acknowledged is lost.

    python scripts/crash_drill.py web --sqlite      # the default engine
    python scripts/crash_drill.py web --postgres    # needs PostgreSQL on 127.0.0.1:5432

The ``web`` drill builds a fresh database (``candour migrate`` and a small organisation: a
team, a member of staff and a feedback link), starts gunicorn (``candour.config.wsgi``)
on a free loopback port with production settings and fresh secrets, and runs concurrent
submitters that send reports, improvement ideas and children's feedback through the real
forms, each noting every submission the service acknowledged (a receipt code, an idea's
number, the feedback thank-you page). Several times (``--rounds``) it SIGKILLs gunicorn's
whole process group, master and workers at once, mid-submission, and starts it again; the
submitters carry on. At the end it checks the database: every acknowledged submission is
there and intact (the receipt code resolves to the report with that reference and its
sealed narrative opens to the words sent; the idea has its author, words and timeline; the
feedback's sealed answers hold the words sent); submissions cut off by a kill may be
missing or present but never half-present (every report, idea and feedback row is whole
and has its audit event); and ``candour verify-audit`` passes. Prints each step, then
PASS or FAIL with the counts, and exits 1 on any loss. PostgreSQL databases are named
``candour_crash_<random>`` and dropped at the end; the SQLite drill works in a temporary
directory that is removed.

The ``worker`` drill (``worker_drill``) queues emails as a web process that died between
its commit and its after-commit send would leave them, starts ``candour worker`` with a
fake mail server (``scripts/drill_mail_backend.py``, a file per accepted message, named by
Message-ID) and SIGKILLs it mid-delivery several times, restarting it; every email must be
marked sent and delivered, with no more duplicates than kills and no sealed body left.
The ``tasks`` drill (``tasks_drill``) submits overdue ideas, SIGKILLs
``candour escalate-ideas`` part-way, reruns it, and checks each idea escalated exactly
once and every escalation's emails delivered. Their PostgreSQL databases are named
``candour_drill_<random>``.

    python scripts/crash_drill.py worker --sqlite    # or --postgres
    python scripts/crash_drill.py tasks --sqlite     # or --postgres

Each drill is a function (``web_drill``, ...) behind a subcommand, so that others can be
added.
"""

from __future__ import annotations

import argparse
import email.policy
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.parser import BytesParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import requests

ROOT = Path(__file__).resolve().parent.parent
_BIN = ROOT / ".venv" / "bin"
CANDOUR = str(_BIN / "candour") if (_BIN / "candour").exists() else "candour"

import drill_commands  # noqa: E402 - beside this script
from drill_commands import DrillError, run  # noqa: E402

GUNICORN = str(_BIN / "gunicorn") if (_BIN / "gunicorn").exists() else "gunicorn"

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
LONDON = ZoneInfo("Europe/London")  # Candour's TIME_ZONE: the form offers its months
PG_ARGS = ("-h", "127.0.0.1", "-p", "5432", "-U", "postgres")

STAFF_EMAIL = "drill.staff@drill.example"
STAFF_PASSWORD = secrets.token_urlsafe(18)

# A small organisation, made through the services so that the audit trail starts whole.
POPULATE = """
import json, os
from django.db import transaction
from candour.accounts.roles import Role
from candour.accounts.services import create_user, grant_role
from candour.core.models import OrganisationKind
from candour.core.services import create_organisation, create_team
from candour.voice.services import create_link
with transaction.atomic():
    org = create_organisation(actor=None, name="Drill Council",
                              kind=OrganisationKind.LOCAL_AUTHORITY, code="E09999999")
    team = create_team(actor=None, organisation=org, name="Drill Team")
    user = create_user(actor=None, organisation=org, email=os.environ["DRILL_EMAIL"],
                       full_name="Drill Staff", password=os.environ["DRILL_PASSWORD"])
    grant_role(actor=None, user=user, organisation=org, role=Role.STAFF, team=team)
    link = create_link(actor=user, organisation=org, team=team, name="Drill link")
print(json.dumps({"organisation": org.pk, "team": team.pk, "link": link.token}))
"""

# Reads the drill's record (CANDOUR_DRILL_RECORD); prints what is found, missing or broken.
VERIFY = """
import json, os
from candour.audit.models import AuditEvent
from candour.ideas.models import Idea
from candour.reporting import receipts, services as reporting
from candour.reporting.models import Report
from candour.voice import services as voice
from candour.voice.models import Feedback
sent = json.load(open(os.environ["CANDOUR_DRILL_RECORD"]))
problems = []
audited = {}
for object_type, object_id in AuditEvent.objects.values_list("object_type", "object_id"):
    audited.setdefault(object_type, set()).add(object_id)

def whole(kind, row, raw):
    # A row is whole when its sealed words open and its audit event exists.
    if raw is None:
        problems.append(f"{kind} {row.pk} is half-present: its sealed words are missing")
        return False
    if str(row.pk) not in audited.get(row._meta.label_lower, set()):
        problems.append(f"{kind} {row.pk} is half-present: no audit event")
        return False
    return True

reports = {}
for report in Report.objects.select_related("data_key"):
    raw = reporting.raw_narrative(report)
    if whole("report", report, raw):
        if report.route == "confidential" and reporting.contact_details(report) is None:
            problems.append(f"report {report.pk} is half-present: contact details missing")
        reports[report.reference] = (report, raw)
ideas = {}
for idea in Idea.objects.select_related("author"):
    if whole("idea", idea, idea.problem or None) and not idea.events.exists():
        problems.append(f"idea {idea.pk} is half-present: no timeline")
    ideas[idea.pk] = idea
feedback_words = {}
for feedback in Feedback.objects.select_related("data_key"):
    raw = voice.raw_answers(feedback)
    if whole("feedback", feedback, raw):
        feedback_words[feedback.pk] = raw.get("what_was_good", "")

found = {"reports": 0, "ideas": 0, "feedback": 0}
for item in sent["acknowledged"]["reports"]:
    stored = reports.get(item["reference"])
    if stored is None:
        problems.append(f"acknowledged report {item['reference']} is missing")
    elif stored[0].receipt_digest != receipts.digest(item["receipt"]):
        problems.append(f"receipt for {item['reference']} does not resolve to it")
    elif item["marker"] not in stored[1]["what_happened"]:
        problems.append(f"report {item['reference']}: sealed narrative is not what was sent")
    else:
        found["reports"] += 1
for item in sent["acknowledged"]["ideas"]:
    idea = ideas.get(item["id"])
    if idea is None or idea.author.email != item["author"] or item["marker"] not in idea.problem:
        problems.append(f"acknowledged idea {item['id']} is missing or not as sent")
    else:
        found["ideas"] += 1
texts = "\\n".join(feedback_words.values())
for item in sent["acknowledged"]["feedback"]:
    if item["marker"] in texts:
        found["feedback"] += 1
    else:
        problems.append(f"acknowledged feedback {item['marker']} is missing")
cut_off_present = sum(1 for m in sent["cut_off"] if m in texts or
                      any(m in r[1]["what_happened"] for r in reports.values()) or
                      any(m in i.problem for i in ideas.values()))
print(json.dumps({
    "found": found,
    "rows": {"reports": len(reports), "ideas": len(ideas), "feedback": len(feedback_words)},
    "cut_off_present": cut_off_present,
    "problems": problems[:50],
}))
"""

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_RECEIPT = re.compile(r'id="receipt-code">([0-9A-Z-]{19})<')
_REFERENCE = re.compile(r"refer to it as (CR-[0-9A-Z]{6})")
_SUBMISSION_TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')
_IDEA_URL = re.compile(r"/ideas/(\d+)/$")
_IDEA_LINK = re.compile(r"/ideas/(\d+)/")


class CutOffError(RuntimeError):
    """A submission did not end with its acknowledgement: the server went away, or answered
    with a status a working service would not (``status``; None when there was no page)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Drill:
    """The outcome of one drill, step by step."""

    name: str
    steps: list[tuple[str, bool, str]] = field(default_factory=list)
    counts: str = ""

    def record(self, name: str, ok: bool, detail: str = "") -> None:
        self.steps.append((name, ok, detail))
        print(f"  [{'ok' if ok else 'FAILED'}] {name}{': ' + detail if detail else ''}", flush=True)

    @property
    def passed(self) -> bool:
        return bool(self.steps) and all(ok for _, ok, _ in self.steps)


def shell_json(code: str, env: Mapping[str, str], what: str) -> Any:
    return drill_commands.shell_json(CANDOUR, code, env, what)


def production_env(work: Path) -> dict[str, str]:
    """Production settings with fresh secrets; plain HTTP on loopback, no SMTP server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CANDOUR_", "DATABASE_URL"))}
    env.update(
        {
            "CANDOUR_ENVIRONMENT": "production",
            "CANDOUR_SECRET_KEY": secrets.token_urlsafe(50),
            "CANDOUR_AUDIT_KEY": secrets.token_urlsafe(50),
            "CANDOUR_KEY_ENCRYPTION_KEY": secrets.token_urlsafe(50),
            "CANDOUR_ALLOWED_HOSTS": "127.0.0.1",
            "CANDOUR_VAR_DIR": str(work / "var"),
            "CANDOUR_STATIC_ROOT": str(work / "static"),
            "CANDOUR_SIMILARITY_DIR": str(work / "similarity"),
            "CANDOUR_SSL_REDIRECT": "false",
            "CANDOUR_SECURE_COOKIES": "false",
            "CANDOUR_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "CANDOUR_LOG_LEVEL": "WARNING",
            # One client on loopback sends every submission: the drill tests durability,
            # not the flood limits (tests/security does), so they are set out of reach.
            "CANDOUR_REPORTS_PER_SESSION": "100000",
            "CANDOUR_REPORTS_PER_CLIENT": "100000",
            "CANDOUR_FEEDBACK_PER_SESSION": "100000",
            "CANDOUR_FEEDBACK_PER_LINK": "100000",
        }
    )
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """gunicorn in a process group of its own, so that one signal reaches every worker."""

    def __init__(self, env: Mapping[str, str], port: int, workers: int, log: Path) -> None:
        self.env, self.port, self.workers, self.log = dict(env), port, workers, log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> float:
        started = time.monotonic()
        with self.log.open("ab") as handle:
            self.process = subprocess.Popen(  # noqa: S603 - fixed program and arguments
                [
                    GUNICORN,
                    "candour.config.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    str(self.workers),
                    "--threads",
                    "2",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=handle,
                stderr=handle,
                start_new_session=True,
            )
        deadline = started + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise DrillError(f"gunicorn exited with {self.process.returncode}")
            try:
                url = f"http://127.0.0.1:{self.port}/healthz"
                if requests.get(url, timeout=2).status_code == 200:
                    return time.monotonic() - started
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise DrillError("gunicorn did not answer /healthz within 60 s")

    def kill(self) -> int:
        """SIGKILL the master and its workers at once; return how many processes died."""
        if self.process is None:
            return 0
        group = self.process.pid
        members = [pid for pid in _pids() if _pgid(pid) == group]
        os.killpg(group, signal.SIGKILL)
        self.process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in members) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.process = None
        return len(members)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass
        self.process = None


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _pgid(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except (ProcessLookupError, PermissionError):
        return None


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


@dataclass
class Ledger:
    """What the submitters sent: acknowledged, cut off, and anything a live server refused."""

    acknowledged: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {"reports": [], "ideas": [], "feedback": []}
    )
    cut_off: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, kind: str, item: dict[str, Any]) -> None:
        with self.lock:
            self.acknowledged[kind].append(item)

    def as_json(self) -> dict[str, Any]:
        with self.lock:
            return {"acknowledged": self.acknowledged, "cut_off": list(self.cut_off)}


@dataclass
class Site:
    base: str
    organisation: int
    team: int
    link: str


def _csrf(response: requests.Response) -> str:
    found = _CSRF.search(response.text)
    if found is None:
        raise CutOffError(f"no CSRF token on {response.url} ({response.status_code})", 0)
    return found.group(1)


def _expect(response: requests.Response, status: int, contains: str = "") -> requests.Response:
    if response.status_code != status or (contains and contains not in response.text):
        # 5xx can come from a worker dying under the kill; anything else is a real fault.
        raise CutOffError(
            f"{response.request.method} {response.url}: {response.status_code}",
            response.status_code,
        )
    return response


# The report's question pages in order, and what each posts (ADR 0029).
REPORT_PAGES = (
    ("organisation", ("organisation",)),
    ("what-happened", ("what_happened",)),
    ("outcome", ("outcome",)),
    ("when-and-where", ("occurred_month", "part_of_day", "setting", "team")),
    ("what-helped", ()),
    ("staying-in-touch", ("route", "contact")),
)


def submit_report(session: requests.Session, site: Site, words: str) -> dict[str, Any]:
    base = f"{site.base}/report/new"
    token = _csrf(_expect(session.get(f"{base}/", timeout=30), 200))
    confidential = secrets.randbelow(2) == 0
    answers: dict[str, Any] = {
        "organisation": site.organisation,
        "team": str(site.team),
        "what_happened": f"A plan was sent to the wrong school ({words}); a colleague noticed.",
        "outcome": "near_miss",
        "occurred_month": datetime.now(LONDON).date().replace(day=1).isoformat(),
        "part_of_day": "morning",
        "setting": "office",
        "route": "confidential" if confidential else "anonymous",
        "contact": "reporter@example.org" if confidential else "",
    }
    for slug, fields in REPORT_PAGES:
        data = {"csrfmiddlewaretoken": token, **{name: answers[name] for name in fields}}
        page = session.post(f"{base}/{slug}/", data=data, timeout=30, allow_redirects=False)
        _expect(page, 302)
    check = _expect(session.get(f"{base}/check/", timeout=30), 200, "Send report")
    found = _SUBMISSION_TOKEN.search(check.text)
    if found is None:
        raise CutOffError("the check page had no submission token", 0)
    data = {"csrfmiddlewaretoken": token, "submission_token": found.group(1)}
    sent = _expect(session.post(f"{base}/check/", data=data, timeout=30), 200, "Report sent")
    receipt, reference = _RECEIPT.search(sent.text), _REFERENCE.search(sent.text)
    if receipt is None or reference is None:
        raise CutOffError("the receipt page had no receipt code", 0)
    return {"receipt": receipt.group(1), "reference": reference.group(1), "marker": words}


def sign_in(session: requests.Session, site: Site) -> None:
    page = _expect(session.get(f"{site.base}/sign-in/", timeout=30), 200)
    data = {"csrfmiddlewaretoken": _csrf(page), "email": STAFF_EMAIL, "password": STAFF_PASSWORD}
    response = session.post(f"{site.base}/sign-in/", data=data, timeout=30, allow_redirects=False)
    _expect(response, 302)


def submit_idea(session: requests.Session, site: Site, words: str) -> dict[str, Any]:
    url = f"{site.base}/ideas/new/"
    form = session.get(url, timeout=30, allow_redirects=False)
    if form.status_code == 302:  # signed out: the session went with a kill, or never was
        sign_in(session, site)
        form = session.get(url, timeout=30, allow_redirects=False)
    data = {
        "csrfmiddlewaretoken": _csrf(_expect(form, 200)),
        "team": str(site.team),
        "problem_kind": "waste",
        "problem": f"Forms are typed twice ({words}).",
        "idea": "Copy the form across with one button.",
        "expected_benefit": "An hour a week each.",
        "stage": "check",
    }
    _expect(session.post(url, data=data, timeout=30), 200, "Send idea")
    data["stage"] = "confirm"
    sent = _expect(session.post(url, data=data, timeout=30, allow_redirects=False), 302)
    found = _IDEA_URL.search(sent.headers.get("Location", ""))
    if found is None:
        raise CutOffError(f"redirected to {sent.headers.get('Location')!r}", 0)
    return {"id": int(found.group(1)), "author": STAFF_EMAIL, "marker": words}


def submit_feedback(session: requests.Session, site: Site, words: str) -> dict[str, Any]:
    session.cookies.clear()
    start = f"{site.base}/feedback/{site.link}/"
    token = _csrf(_expect(session.get(start, timeout=30), 200))
    answers = {
        "rating": "good",
        "what_was_good": f"They listened to me ({words})",
        "what_would_be_better": "More time",
        "idea": "A quiet room",
        "worked_with": "social_worker",
    }
    chosen = session.post(
        start, data={"csrfmiddlewaretoken": token, "age_band": "8_12"}, timeout=30
    )
    page = _expect(chosen, 200)
    for _step in range(8):
        if page.url.endswith("/check/"):
            break
        key = page.url.rstrip("/").rsplit("/", 1)[-1]
        page = _expect(
            session.post(
                page.url, data={"csrfmiddlewaretoken": token, key: answers[key]}, timeout=30
            ),
            200,
        )
    done = _expect(
        session.post(page.url, data={"csrfmiddlewaretoken": token}, timeout=30),
        200,
        "We have got your answers",
    )
    if not done.url.endswith("/thank-you/"):
        raise CutOffError(f"ended on {done.url}", 0)
    return {"marker": words}


SUBMITTERS: dict[str, Callable[[requests.Session, Site, str], dict[str, Any]]] = {
    "reports": submit_report,
    "ideas": submit_idea,
    "feedback": submit_feedback,
}


def submitter(kind: str, number: int, site: Site, ledger: Ledger, stop: threading.Event) -> None:
    """Submit one kind until told to stop; note each acknowledgement and each cut-off."""
    session = requests.Session()
    sent = 0
    while not stop.is_set():
        sent += 1
        words = f"drill{kind}{number}x{sent}x{secrets.token_hex(3)}"
        try:
            ledger.note(kind, SUBMITTERS[kind](session, site, words))
        except (requests.RequestException, CutOffError) as error:
            with ledger.lock:
                ledger.cut_off.append(words)
                # A 502/503 can come from a worker dying under the kill; any other answer
                # that is not the acknowledgement is a fault of a live server.
                if isinstance(error, CutOffError) and error.status not in {None, 502, 503}:
                    ledger.refused.append(f"{kind}: {error}")
            session = requests.Session()
            stop.wait(0.2)


def _make_database(
    engine: str, work: Path, env: dict[str, str], prefix: str = "candour_crash_"
) -> tuple[str, Callable[[], None]]:
    if engine == "sqlite":
        env["CANDOUR_SQLITE_PATH"] = str(work / "candour.sqlite3")
        return "SQLite", lambda: None
    name = f"{prefix}{secrets.token_hex(4)}"
    run(["createdb", *PG_ARGS, name], os.environ, f"createdb {name}", 120)
    env["DATABASE_URL"] = f"{PG_SERVER}/{name}"

    def drop() -> None:
        # DROP DATABASE waits for every backend on the server; do not wait for ever.
        run(["dropdb", *PG_ARGS, "--if-exists", name], os.environ, f"dropdb {name}", 120)

    return "PostgreSQL", drop


def _drop(drill: Drill, drop: Callable[[], object]) -> None:
    """Drop the drill's database; a failure is a failed step, not a crash."""
    try:
        drop()
    except DrillError as error:
        drill.record("drop the database", False, str(error))


def web_drill(*, engine: str, rounds: int, submitters: int, interval: float, workers: int) -> Drill:
    """Kill gunicorn (master and workers) mid-submission, restart it, and count what stayed."""
    drill = Drill(f"web ({'PostgreSQL' if engine == 'postgres' else 'SQLite'})")
    with tempfile.TemporaryDirectory(prefix="candour-crash-") as tmp:
        work = Path(tmp)
        env = production_env(work)
        drop: Callable[[], None] = lambda: None  # noqa: E731
        server: Server | None = None
        stop = threading.Event()
        threads: list[threading.Thread] = []
        try:
            label, drop = _make_database(engine, work, env)
            started = time.monotonic()
            run([CANDOUR, "migrate", "--verbosity", "0"], env, "migrate")
            made = shell_json(
                POPULATE,
                {**env, "DRILL_EMAIL": STAFF_EMAIL, "DRILL_PASSWORD": STAFF_PASSWORD},
                "populate",
            )
            run([CANDOUR, "collectstatic", "--noinput", "--verbosity", "0"], env, "collectstatic")
            drill.record(
                f"fresh {label} database",
                True,
                f"migrated, one organisation, team, person and feedback link, "
                f"in {time.monotonic() - started:.1f}s",
            )
            server = Server(env, free_port(), workers, work / "gunicorn.log")
            took = server.start()
            drill.record("start gunicorn", True, f"{workers} workers, up in {took:.1f}s")
            site = Site(
                f"http://127.0.0.1:{server.port}", made["organisation"], made["team"], made["link"]
            )
            ledger = Ledger()
            threads = [
                threading.Thread(target=submitter, args=(kind, n, site, ledger, stop), daemon=True)
                for kind in SUBMITTERS
                for n in range(submitters)
            ]
            for thread in threads:
                thread.start()
            for number in range(1, rounds + 1):
                time.sleep(interval * (0.7 + secrets.randbelow(61) / 100))  # 0.7 to 1.3 times
                with ledger.lock:
                    before = sum(len(items) for items in ledger.acknowledged.values())
                    cut_before = len(ledger.cut_off)
                killed = server.kill()
                took = server.start()
                time.sleep(0.5)  # let the submitters notice their connections went
                with ledger.lock:
                    cut = len(ledger.cut_off) - cut_before
                drill.record(
                    f"round {number}: SIGKILL gunicorn's process group, restart",
                    killed > workers,
                    f"{killed} processes killed after {before} acknowledged, "
                    f"{cut} submissions cut off, back in {took:.1f}s",
                )
            time.sleep(interval)
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
            server.stop()
            record_file = work / "ledger.json"
            record_file.write_text(json.dumps(ledger.as_json()))
            checked = shell_json(
                VERIFY, {**env, "CANDOUR_DRILL_RECORD": str(record_file)}, "verification"
            )
            acknowledged = {kind: len(items) for kind, items in ledger.acknowledged.items()}
            found = checked["found"]
            drill.counts = ", ".join(
                f"{kind} {found[kind]}/{acknowledged[kind]}" for kind in acknowledged
            )
            lost = {kind: acknowledged[kind] - found[kind] for kind in acknowledged}
            drill.record(
                "every acknowledged submission is present and intact",
                not any(lost.values()) and sum(acknowledged.values()) > 0,
                f"found/acknowledged: {drill.counts}",
            )
            drill.record(
                "nothing half-present",
                not checked["problems"],
                "; ".join(checked["problems"][:5])
                or f"rows whole: {checked['rows']}; {len(ledger.cut_off)} cut off by kills, "
                f"{checked['cut_off_present']} of them stored whole",
            )
            drill.record(
                "no submission refused by a live server",
                not ledger.refused,
                "; ".join(ledger.refused[:5]),
            )
            audit = run([CANDOUR, "verify-audit", "--no-progress"], env, "verify-audit")
            drill.record("verify-audit", True, audit.strip().splitlines()[-1])
        except DrillError as error:
            drill.record("drill step", False, str(error))
        finally:
            stop.set()
            if server is not None:
                server.stop()
            _drop(drill, drop)
    return drill


# --- The task worker and the scheduled tasks -------------------------------------------

DRILL_LEASE_SECONDS = 2  # short, so that emails held by a killed sender come back soon
SCRIPTS = Path(__file__).resolve().parent  # drill_mail_backend, the fake mail server

# Emails queued as the web process queues them, in transactions that commit, but with the
# after-commit send dropped: the process died between its commit and its send.
QUEUE_EMAILS = """
import json, os, secrets
from django.db import connection, transaction
from candour.notifications.outbox import queue_email
count = int(os.environ["DRILL_EMAILS"])
queued = {}
for start in range(0, count, 100):
    with transaction.atomic():
        for n in range(start, min(start + 100, count)):
            token = f"drillmail{n}x{secrets.token_hex(4)}"
            (row,) = queue_email([f"person{n}@drill.example"],
                                 subject=f"Drill message {token}",
                                 body=f"These words belong to {token} alone.")
            queued[row.message_id] = token
        # Simulates the process dying after its commit and before its after-commit send:
        # the rows commit, the send that would have followed never runs.
        connection.run_on_commit = []
print(json.dumps({"queued": queued}))
"""

OUTBOX_STATE = """
import json
from candour.notifications.models import OutboundEmail
rows = list(OutboundEmail.objects.values_list("message_id", "sent_at", "failed_at",
                                             "body_sealed", "attempts"))
print(json.dumps({
    "total": len(rows),
    "unsent": sum(1 for _, sent, _f, _b, _a in rows if sent is None),
    "failed": sum(1 for _, _s, failed, _b, _a in rows if failed is not None),
    "sealed_after_sent": sum(1 for _, sent, _f, body, _a in rows
                             if sent is not None and len(bytes(body))),
    "most_attempts": max((attempts for *_, attempts in rows), default=0),
    "message_ids": [message_id for message_id, *_ in rows],
}))
"""

# Overdue ideas, submitted through the service as if weeks ago; a service manager to
# escalate them to. Emails here go to the dummy backend (the drill sends none of them).
POPULATE_IDEAS = """
import json, os
from datetime import timedelta
from django.db import transaction
from django.utils import timezone
from candour.accounts.roles import Role
from candour.accounts.services import create_user, grant_role
from candour.core.models import OrganisationKind
from candour.core.services import create_organisation, create_team
from candour.ideas.services import IdeaDraft, submit_idea
from candour.ideas.vocabulary import ProblemKind
count = int(os.environ["DRILL_IDEAS"])
with transaction.atomic():
    org = create_organisation(actor=None, name="Drill Council",
                              kind=OrganisationKind.LOCAL_AUTHORITY, code="E09999999")
    team = create_team(actor=None, organisation=org, name="Drill Team")
    people = {}
    for key, role, for_team in (("author", Role.STAFF, team), ("manager", Role.MANAGER, team),
                                ("service", Role.MANAGER, None)):
        people[key] = create_user(actor=None, organisation=org,
                                  email=f"drill.{key}@drill.example",
                                  full_name=f"Drill {key.title()}", password=None)
        grant_role(actor=None, user=people[key], organisation=org, role=role, team=for_team)
weeks_ago = timezone.now() - timedelta(days=42)
ideas = []
for start in range(0, count, 100):
    with transaction.atomic():
        for n in range(start, min(start + 100, count)):
            draft = IdeaDraft(team=team, problem_kind=ProblemKind.WASTE,
                              problem=f"Forms are typed twice (drillidea{n}).",
                              idea="Copy the form across with one button.",
                              expected_benefit="An hour a week each.")
            ideas.append(submit_idea(author=people["author"], draft=draft,
                                     now=weeks_ago + timedelta(seconds=n)).pk)
print(json.dumps({"ideas": ideas}))
"""

ESCALATIONS = """
import json
from collections import Counter
from django.db.models import Count
from candour.audit.models import AuditEvent
from candour.audit.events import AuditEventType
from candour.ideas.models import Idea, IdeaEvent
from candour.ideas.vocabulary import EventKind
from candour.notifications.models import Notification
events = dict(IdeaEvent.objects.filter(kind=EventKind.ESCALATED).values("idea")
              .annotate(n=Count("pk")).values_list("idea", "n"))
audited = Counter(AuditEvent.objects.filter(event_type=AuditEventType.IDEA_ESCALATED)
                  .values_list("object_id", flat=True))
told = Counter(Notification.objects.filter(subject__startswith="Escalated idea")
               .values_list("url", flat=True))
ideas = {}
for idea in Idea.objects.all():
    ideas[idea.pk] = {"events": events.get(idea.pk, 0), "audited": audited.get(str(idea.pk), 0),
                      "told": told.get(f"/ideas/{idea.pk}/", 0),
                      "escalated": idea.escalated_at is not None}
print(json.dumps({"ideas": ideas}))
"""


class Process:
    """A candour command in a process group of its own, so that one signal reaches it all."""

    def __init__(self, args: list[str], env: Mapping[str, str], log: Path) -> None:
        self.args, self.env, self.log = args, dict(env), log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as handle:
            self.process = subprocess.Popen(  # noqa: S603 - fixed program and arguments
                self.args,
                cwd=ROOT,
                env=self.env,
                stdout=handle,
                stderr=handle,
                start_new_session=True,
            )

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> int:
        """SIGKILL the process group; return how many processes died (0: it had ended)."""
        if self.process is None:
            return 0
        group = self.process.pid
        members = [pid for pid in _pids() if _pgid(pid) == group and _alive(pid)]
        if members:
            os.killpg(group, signal.SIGKILL)
        self.process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in members) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.process = None
        return len(members)

    def stop(self, timeout: float = 30) -> int | None:
        """SIGTERM the group and wait; SIGKILL it if it will not stop. Returns the exit code."""
        if self.process is None:
            return None
        process, self.process = self.process, None
        if process.poll() is not None:
            return process.returncode
        try:
            os.killpg(process.pid, signal.SIGTERM)
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass
        return process.returncode


def mail_env(env: Mapping[str, str], sink: Path) -> dict[str, str]:
    """Email through the drill's fake mail server (a file per message) and short leases."""
    return {
        **env,
        "CANDOUR_EMAIL_BACKEND": "drill_mail_backend.EmailBackend",
        "CANDOUR_EMAIL_FILE_PATH": str(sink),
        "CANDOUR_EMAIL_LEASE_SECONDS": str(DRILL_LEASE_SECONDS),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SCRIPTS), env.get("PYTHONPATH", "")])),
    }


def delivered_count(sink: Path) -> int:
    try:
        return sum(1 for entry in os.scandir(sink) if entry.name.endswith(".eml"))
    except FileNotFoundError:
        return 0


def read_sink(sink: Path) -> list[tuple[str, str, str]]:
    """Every delivered copy as (Message-ID, subject, body)."""
    copies = []
    for path in sorted(sink.glob("*.eml")):
        message = BytesParser(policy=email.policy.default).parsebytes(path.read_bytes())
        body = message.get_body(preferencelist=("plain",))
        text = body.get_content() if body is not None else ""
        copies.append((str(message["Message-ID"]), str(message["Subject"]), text))
    return copies


def duplicates(copies: list[tuple[str, str, str]]) -> int:
    """Copies beyond the first of each Message-ID."""
    counted = Counter(message_id for message_id, _, _ in copies)
    return sum(n - 1 for n in counted.values())


def kill_when(
    process: Process, sink: Path, target: int, limit: float = 120
) -> tuple[int, int] | None:
    """Wait until ``target`` messages are in the sink, then SIGKILL the process group.

    Returns (processes killed, messages delivered at the kill), or None when the process
    ended first: the kill would have landed after completion."""
    deadline = time.monotonic() + limit
    while delivered_count(sink) < target and time.monotonic() < deadline:
        if not process.running():
            return None
        time.sleep(0.01)
    at = delivered_count(sink)
    if not process.running():
        return None
    return process.kill(), at


def _targets(total: int, rounds: int) -> list[int]:
    """Kill points spread through the work, each jittered within its share."""
    share = total / (rounds + 1)
    return [int(share * (n + 0.6 + secrets.randbelow(81) / 100)) for n in range(rounds)]


def _wait_for_outbox(env: Mapping[str, str], limit: float) -> dict[str, Any]:
    deadline = time.monotonic() + limit
    while True:
        state: dict[str, Any] = shell_json(OUTBOX_STATE, env, "read the outbox")
        if not state["unsent"] or time.monotonic() > deadline:
            return state
        time.sleep(1)


def _check_delivery(
    drill: Drill,
    state: dict[str, Any],
    copies: list[tuple[str, str, str]],
    expected: Mapping[str, str],
    kills: int,
) -> tuple[int, int]:
    """Record the outbox checks; returns (distinct messages delivered, duplicates)."""
    drill.record(
        "every queued email is marked sent",
        state["unsent"] == 0 and state["failed"] == 0,
        f"{state['total'] - state['unsent']}/{state['total']} sent, {state['failed']} given up, "
        f"at most {state['most_attempts']} attempt(s) on one email",
    )
    delivered = {message_id for message_id, _, _ in copies}
    missing = [m for m in state["message_ids"] if m not in delivered]
    strangers = delivered - set(state["message_ids"])
    wrong = [
        m
        for m, subject, body in copies
        if m in expected and (expected[m] not in subject or expected[m] not in body)
    ]
    drill.record(
        "every email delivered at least once" + (", with its own words" if expected else ""),
        not missing and not strangers and not wrong,
        f"{len(delivered & set(state['message_ids']))}/{state['total']} delivered; "
        f"{len(missing)} never delivered, {len(strangers)} unknown, {len(wrong)} with wrong words",
    )
    extra = duplicates(copies)
    drill.record(
        "duplicates no more than one per kill, with the same Message-ID",
        extra <= kills,
        f"{extra} duplicate(s) after {kills} kill(s)",
    )
    drill.record(
        "no sent email keeps its sealed body",
        state["sealed_after_sent"] == 0,
        f"{state['sealed_after_sent']} sent email(s) still sealed",
    )
    return len(delivered), extra


def worker_drill(*, engine: str, emails: int, rounds: int, delay: float) -> Drill:
    """Queue emails whose web process died before sending; kill the worker as it sends."""
    drill = Drill(f"worker ({'PostgreSQL' if engine == 'postgres' else 'SQLite'})")
    with tempfile.TemporaryDirectory(prefix="candour-crash-") as tmp:
        work = Path(tmp)
        env = production_env(work)
        drop: Callable[[], None] = lambda: None  # noqa: E731
        worker: Process | None = None
        try:
            label, drop = _make_database(engine, work, env, prefix="candour_drill_")
            started = time.monotonic()
            run([CANDOUR, "migrate", "--verbosity", "0"], env, "migrate")
            shell_json(
                POPULATE,
                {**env, "DRILL_EMAIL": STAFF_EMAIL, "DRILL_PASSWORD": STAFF_PASSWORD},
                "populate",
            )
            drill.record(
                f"fresh {label} database",
                True,
                f"migrated, one organisation, team and person, "
                f"in {time.monotonic() - started:.1f}s",
            )
            started = time.monotonic()
            queued: dict[str, str] = shell_json(
                QUEUE_EMAILS, {**env, "DRILL_EMAILS": str(emails)}, "queue emails"
            )["queued"]
            state = shell_json(OUTBOX_STATE, env, "read the outbox")
            drill.record(
                "queue emails, committed, the web process dead before sending",
                len(queued) == emails and state["unsent"] == emails,
                f"{len(queued)} queued in {time.monotonic() - started:.1f}s, "
                f"{state['unsent']} unsent",
            )
            sink = work / "mail"
            wenv = {**mail_env(env, sink), "CANDOUR_DRILL_MAIL_DELAY": str(delay)}
            worker = Process([CANDOUR, "worker", "--interval", "0.2"], wenv, work / "worker.log")
            worker.start()
            kills = 0
            for number, target in enumerate(_targets(emails, rounds), 1):
                outcome = kill_when(worker, sink, target)
                if outcome is None:
                    drill.record(f"round {number}: SIGKILL the worker", False, "it had exited")
                    break
                killed, at = outcome
                kills += 1
                worker.start()
                drill.record(
                    f"round {number}: SIGKILL the worker mid-delivery, restart",
                    killed >= 1 and at < emails,
                    f"{killed} process(es) killed with {at}/{emails} delivered",
                )
            started = time.monotonic()
            state = _wait_for_outbox(env, 60 + emails * 0.05)
            drill.record(
                "the restarted worker sends the rest",
                state["unsent"] == 0,
                f"{state['unsent']} unsent after {time.monotonic() - started:.1f}s more",
            )
            code = worker.stop()
            drill.record("the worker stops on SIGTERM", code == 0, f"exit {code}")
            copies = read_sink(sink)
            distinct, extra = _check_delivery(drill, state, copies, queued, kills)
            drill.counts = (
                f"queued {emails}, sent {state['total'] - state['unsent']}, "
                f"delivered {distinct}, duplicates {extra} after {kills} kills"
            )
        except DrillError as error:
            drill.record("drill step", False, str(error))
        finally:
            if worker is not None:
                worker.kill()
            _drop(drill, drop)
    return drill


def tasks_drill(*, engine: str, ideas: int, rounds: int, delay: float) -> Drill:
    """Kill `candour escalate-ideas` mid-run, rerun it, and count each idea's escalations."""
    drill = Drill(f"tasks ({'PostgreSQL' if engine == 'postgres' else 'SQLite'})")
    with tempfile.TemporaryDirectory(prefix="candour-crash-") as tmp:
        work = Path(tmp)
        env = production_env(work)
        drop: Callable[[], None] = lambda: None  # noqa: E731
        task: Process | None = None
        try:
            label, drop = _make_database(engine, work, env, prefix="candour_drill_")
            started = time.monotonic()
            run([CANDOUR, "migrate", "--verbosity", "0"], env, "migrate")
            made = shell_json(POPULATE_IDEAS, {**env, "DRILL_IDEAS": str(ideas)}, "populate")
            before = shell_json(OUTBOX_STATE, env, "read the outbox")
            drill.record(
                f"fresh {label} database",
                len(made["ideas"]) == ideas and before["unsent"] == 0,
                f"migrated; {len(made['ideas'])} ideas submitted six weeks ago, unanswered, "
                f"through the service, in {time.monotonic() - started:.1f}s",
            )
            sink = work / "mail"
            tenv = {**mail_env(env, sink), "CANDOUR_DRILL_MAIL_DELAY": str(delay)}
            escalate = [CANDOUR, "escalate-ideas"]
            kills = 0
            # Two emails per escalation (the service manager, the author), sent after each
            # escalation commits: the sink shows how far the run has gone.
            for number in range(1, rounds + 1):
                task = Process(escalate, tenv, work / "escalate.log")
                task.start()
                done = delivered_count(sink)  # kill a fifth to a half of the way through
                left = 2 * ideas - done
                outcome = kill_when(
                    task, sink, done + max(1, left * (20 + secrets.randbelow(31)) // 100)
                )
                if outcome is None:
                    drill.record(
                        f"round {number}: SIGKILL escalate-ideas",
                        True,
                        "it finished first: the kill landed after completion",
                    )
                    continue
                killed, at = outcome
                kills += 1
                drill.record(
                    f"round {number}: SIGKILL escalate-ideas mid-run",
                    killed >= 1,
                    f"{killed} process(es) killed with {at}/{2 * ideas} emails delivered",
                )
            task = None
            output = run(escalate, tenv, "rerun escalate-ideas").strip()
            drill.record("rerun escalate-ideas to the end", True, output)
            again = run(escalate, tenv, "escalate-ideas once more").strip()
            drill.record(
                "a further run escalates nothing",
                again.startswith("Escalated 0 overdue and 0 stalled"),
                again,
            )
            # Emails whose escalation committed but whose sender was killed first are in
            # the outbox; the worker sends them (after the lease of one killed mid-send).
            left = shell_json(OUTBOX_STATE, env, "read the outbox")["unsent"]
            time.sleep(DRILL_LEASE_SECONDS + 0.5)
            run([CANDOUR, "worker", "--once"], tenv, "worker --once")
            state = _wait_for_outbox(env, 30)
            if state["unsent"]:
                run([CANDOUR, "worker", "--once"], tenv, "worker --once")
                state = _wait_for_outbox(env, 10)
            drill.record(
                "the worker sends what the killed runs committed but never sent",
                state["unsent"] == 0,
                f"{left} left unsent by the kills, {state['unsent']} after `candour worker --once`",
            )
            checked = shell_json(ESCALATIONS, env, "count escalations")["ideas"]
            counted = Counter(
                (item["events"], item["audited"], item["told"], item["escalated"])
                for item in checked.values()
            )
            once = counted[(1, 1, 1, True)]
            drill.record(
                "each overdue idea escalated exactly once",
                once == ideas == len(checked),
                f"{once}/{ideas} with one escalation event, one audit event, one notice "
                f"to the manager; others: "
                + (
                    ", ".join(
                        f"{n} with events/audit/notices {key[:3]}"
                        for key, n in counted.items()
                        if key != (1, 1, 1, True)
                    )
                    or "none"
                ),
            )
            escalation_emails = state["total"] - before["total"]
            drill.record(
                "two emails per escalation, no more",
                escalation_emails == 2 * ideas,
                f"{escalation_emails} queued for {ideas} escalations",
            )
            # The setup's emails went to the dummy backend; only the escalations' reach
            # the sink, so check delivery for those.
            sent_before = set(before["message_ids"])
            state = {
                **state,
                "message_ids": [m for m in state["message_ids"] if m not in sent_before],
            }
            state["total"] = len(state["message_ids"])
            copies = read_sink(sink)
            distinct, extra = _check_delivery(drill, state, copies, {}, kills)
            links = {m: _IDEA_LINK.findall(body) for m, _, body in copies}  # one per message
            linked = Counter(found[-1] for found in links.values() if found)
            pairs = sum(1 for pk in made["ideas"] if linked[str(pk)] == 2)
            drill.record(
                "each escalation's two emails delivered, linking to its idea",
                pairs == ideas,
                f"{pairs}/{ideas} ideas with two distinct emails",
            )
            audit = run([CANDOUR, "verify-audit", "--no-progress"], env, "verify-audit")
            drill.record("verify-audit", True, audit.strip().splitlines()[-1])
            drill.counts = (
                f"ideas {ideas}, escalated once {once}, emails {escalation_emails}, "
                f"delivered {distinct}, duplicates {extra} after {kills} kills"
            )
        except DrillError as error:
            drill.record("drill step", False, str(error))
        finally:
            if task is not None:
                task.kill()
            _drop(drill, drop)
    return drill


def _engine_options(parser: argparse.ArgumentParser) -> None:
    engine = parser.add_mutually_exclusive_group()
    engine.add_argument("--sqlite", action="store_const", const="sqlite", dest="engine")
    engine.add_argument("--postgres", action="store_const", const="postgres", dest="engine")


PASSED = {
    "web": "every acknowledged submission survived",
    "worker": "every queued email was delivered",
    "tasks": "every overdue idea was escalated exactly once",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    drills = parser.add_subparsers(dest="drill", required=True)
    web = drills.add_parser("web", help="SIGKILL gunicorn mid-submission and restart it")
    _engine_options(web)
    web.add_argument("--rounds", type=int, default=3, help="kills and restarts (3)")
    web.add_argument("--submitters", type=int, default=2, help="threads per kind (2)")
    web.add_argument("--interval", type=float, default=4.0, help="seconds between kills (4)")
    web.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    worker = drills.add_parser("worker", help="SIGKILL `candour worker` mid-delivery, restart it")
    _engine_options(worker)
    worker.add_argument("--emails", type=int, default=3000, help="emails queued (3000)")
    worker.add_argument("--rounds", type=int, default=3, help="kills and restarts (3)")
    worker.add_argument(
        "--delay", type=float, default=0.005, help="seconds the mail server takes (0.005)"
    )
    tasks = drills.add_parser("tasks", help="SIGKILL `candour escalate-ideas` mid-run, rerun it")
    _engine_options(tasks)
    tasks.add_argument("--ideas", type=int, default=600, help="overdue ideas (600)")
    tasks.add_argument("--rounds", type=int, default=2, help="kills before the last run (2)")
    tasks.add_argument(
        "--delay", type=float, default=0.005, help="seconds the mail server takes (0.005)"
    )
    args = parser.parse_args(argv)

    chosen = args.engine or "sqlite"
    if chosen == "postgres" and shutil.which("createdb") is None:
        print("FAIL: createdb is not installed")
        return 1
    print(f"Crash drill: {args.drill} ({chosen})", flush=True)
    started = time.monotonic()
    if args.drill == "web":
        drill = web_drill(
            engine=chosen,
            rounds=args.rounds,
            submitters=args.submitters,
            interval=args.interval,
            workers=args.workers,
        )
    elif args.drill == "worker":
        drill = worker_drill(
            engine=chosen, emails=args.emails, rounds=args.rounds, delay=args.delay
        )
    elif args.drill == "tasks":
        drill = tasks_drill(engine=chosen, ideas=args.ideas, rounds=args.rounds, delay=args.delay)
    else:  # pragma: no cover - argparse allows only the drills above
        parser.error(f"unknown drill {args.drill}")
    elapsed = time.monotonic() - started
    if drill.passed:
        print(f"PASS: {drill.name}: {PASSED[args.drill]} ({drill.counts}) in {elapsed:.1f}s")
        return 0
    failed = [name for name, ok, _ in drill.steps if not ok]
    print(f"FAIL: {drill.name}: failed at: {', '.join(failed) or 'no steps ran'}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
