"""Load test on loopback: gunicorn on a fresh PostgreSQL database, driven by locust.

    .venv/bin/pip install -e '.[load]'           # locust
    .venv/bin/python benchmarks/load.py          # 60 s, 24 users; --help for the knobs

The script creates a new database (``candour_load``, dropped first if it exists), migrates
it, loads the demo data, collects the static files, and starts gunicorn
(``candour.config.wsgi``) on a free port on 127.0.0.1 with production settings: the
production environment, fresh random secrets, Argon2 passwords, the manifest static files
storage. Only what loopback HTTP cannot have is changed, through the settings that exist
for it: no TLS redirect or secure-only cookies (``CANDOUR_SSL_REDIRECT``,
``CANDOUR_SECURE_COOKIES``) and no SMTP server (``CANDOUR_EMAIL_BACKEND``, the dummy
backend). No rate limit is loosened: the server runs as behind Candour's own proxy
(``CANDOUR_BEHIND_PROXY``) and each reporter and child is a new person, a new session from
an address of its own (``X-Forwarded-For``), as the limits on reports and feedback per
session and per address expect (issue 16); the readers sign in with correct passwords,
which no limit counts. On a shared machine give smaller numbers (``--reporters 3
--children 3 --readers 4 --idea-authors 2 --workers 2``); the results file records the
load average as the run ended.

Locust then runs in this process (its library API) with four kinds of user, each doing
what a person does in a browser: GET the form for its CSRF token, POST it to the check
page, POST again to send, and follow the redirect:

- reporters send confidential and anonymous reports through ``/report/new/``, one question
  page after another to the check page (ADR 0029), and keep the receipt code and reference
  from the receipt page;
- staff sign in with their password and send improvement ideas through ``/ideas/new/``,
  keeping the idea's number from the redirect;
- children and parents answer the feedback journey (``/feedback/<link>/``, one question a
  page) to the thank-you page, each with a unique word in their answer (the youngest pick
  from choices, issue 18, and are counted by their choice);
- readers (staff, managers and a learning team analyst with two-factor sign-in) load the
  home page, lists, queues and dashboards.

After the run, ``candour shell`` checks every acknowledged submission in the database: each
receipt code resolves to the report with that reference and its sealed narrative opens to
the words sent; each idea exists with its author and words; each feedback's sealed answers
hold the unique word. The number of new rows must equal the number acknowledged (nothing
stored without an acknowledgement, nothing acknowledged and lost), and no request may fail.
Figures go to benchmarks/results/load.json and a table is printed. Exit code 1 on any
failure, lost submission or server error.

At national volumes, against a database made by ``candour generate-load-data`` (never
dropped; the analyst's authenticator is reset so that the analyst can set it up again):

    .venv/bin/python benchmarks/load.py --existing /tmp/scale-var --database candour_scale \
        --output benchmarks/results/load_national.json

``--existing`` names the ``CANDOUR_VAR_DIR`` the database was made with: its secrets (the
audit chain's key, the key-encryption key) and its similar-reports index are used.
"""

from __future__ import annotations

# Locust patches the standard library with gevent when imported; import it first. It is in
# the optional `load` group, so `make lint` type-checks this file with or without it.
from locust import HttpUser, between, events, task  # type: ignore[import-not-found,unused-ignore] # isort: skip
from locust.env import Environment  # type: ignore[import-not-found,unused-ignore] # isort: skip

import argparse
import contextlib
import hmac
import itertools
import json
import os
import re
import secrets
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from base64 import b32decode
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar
from zoneinfo import ZoneInfo

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
CANDOUR = str(BIN / "candour") if (BIN / "candour").exists() else "candour"

sys.path.insert(0, str(ROOT / "scripts"))
from drill_commands import run, shell_json  # noqa: E402 - the drills' runner

GUNICORN = str(BIN / "gunicorn") if (BIN / "gunicorn").exists() else "gunicorn"
RESULTS = ROOT / "benchmarks" / "results" / "load.json"
PG_ARGS = ("-h", "127.0.0.1", "-p", "5432", "-U", "postgres")
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
LONDON = ZoneInfo("Europe/London")  # Candour's TIME_ZONE: the form offers its months
DEMO_PASSWORD = "candour-demo-password"  # noqa: S105 - candour.demo.core's, demo data only

STAFF = [
    "sam.patel@riverside.example",
    "jo.okafor@riverside.example",
    "amira.hassan@riverside.example",
    "ben.walsh@riverside.example",
    "chloe.nowak@riverside.example",
    "dev.malhotra@riverside.example",
    "erin.byrne@riverside.example",
    "femi.adeyemi@riverside.example",
]
MANAGERS = [
    "priya.shah@riverside.example",
    "tom.reid@riverside.example",
    "helen.brooks@riverside.example",
]
ANALYST = "alex.morgan@riverside.example"

STAFF_PAGES = ["/home/", "/ideas/", "/reports/", "/notifications/", "/lessons/"]
MANAGER_PAGES = ["/home/", "/ideas/", "/ideas/bottlenecks/", "/reports/", "/ideas/measures/"]
ANALYST_PAGES = [
    "/learning/reports/",
    "/learning/dashboard/",
    "/learning/themes/",
    "/learning/feedback/",
    "/reports/",
]

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_RECEIPT = re.compile(r'id="receipt-code">([0-9A-Z-]{19})<')
_REFERENCE = re.compile(r"refer to it as (CR-[0-9A-Z]{6})")
# The report's question pages in order, and what each posts (ADR 0029).
REPORT_PAGES = (
    ("organisation", ("organisation",)),
    ("what-happened", ("what_happened",)),
    ("outcome", ("outcome",)),
    ("when-and-where", ("occurred_month", "part_of_day", "setting", "team")),
    ("what-helped", ("what_caught_it", "factors", "what_made_it_likely", "what_would_prevent")),
    ("staying-in-touch", ("route", "contact")),
)
_SUBMISSION_TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')
_SELECTED_TEAM = re.compile(r'<option value="(\d+)" selected>')
_SETUP_KEY = re.compile(r'id="setup-key">([A-Z2-7 ]+)<')
_IDEA_URL = re.compile(r"^/ideas/(\d+)/$")


# locust's @task, typed here so that the tasks stay typed when locust is not installed.
as_task: Callable[[Callable[[Any], None]], Callable[[Any], None]] = task


class Shared:
    """What the users need from the set-up, and what they hand back (one process)."""

    organisation: ClassVar[int] = 0
    teams: ClassVar[list[int]] = []
    links: ClassVar[list[str]] = []
    analyst_cookies: ClassVar[dict[str, str]] = {}
    reports: ClassVar[list[dict[str, str]]] = []
    ideas: ClassVar[list[dict[str, Any]]] = []
    feedback: ClassVar[list[dict[str, str]]] = []
    markers: ClassVar[itertools.count[int]] = itertools.count(1)


def marker(kind: str) -> str:
    # Letters only: a run of digits could be taken for a case number and redacted.
    number = next(Shared.markers)
    letters = "".join("abcdefghij"[int(d)] for d in str(number))
    return f"load{kind}{letters}{secrets.token_hex(3)}"


def csrf_of(text: str) -> str:
    found = _CSRF.search(text)
    if found is None:
        raise ValueError("no CSRF token on the page")
    return found.group(1)


def totp(setup_key: str, at: float) -> str:
    key = b32decode(setup_key.replace(" ", "") + "=" * (-len(setup_key.replace(" ", "")) % 8))
    counter = struct.pack(">Q", int(at) // 30)
    digest = hmac.new(key, counter, "sha1").digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class CandourUser(HttpUser):  # type: ignore[misc,unused-ignore] # Any without locust
    abstract = True
    wait_time = between(0.2, 1.0)

    def check(self, response: Any, status: int, contains: str = "") -> bool:
        """Mark the request failed unless it has the status (and text) a browser expects."""
        ok = response.status_code == status and (not contains or contains in response.text)
        if ok:
            response.success()
        else:
            response.failure(f"{response.status_code}, wanted {status} {contains!r}")
        return bool(ok)

    def sign_in(self, email: str) -> None:
        with self.client.get("/sign-in/", name="sign in: form", catch_response=True) as page:
            if not self.check(page, 200):
                return
            token = csrf_of(page.text)
        with self.client.post(
            "/sign-in/",
            data={"csrfmiddlewaretoken": token, "email": email, "password": DEMO_PASSWORD},
            name="sign in: password",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            self.check(response, 302)


class Reporter(CandourUser):
    """Sends reports through the public form, anonymously or in confidence."""

    @as_task
    def send_report(self) -> None:
        # A new person each time: a new session, from an address of their own (the limits
        # count a session's and an address's reports, issue 16; nobody sends twenty an hour).
        self.client.cookies.clear()
        self.client.headers["X-Forwarded-For"] = another_address()
        # The question pages one by one (ADR 0029), then the check page and Send.
        with self.client.get("/report/new/", name="report: start", catch_response=True) as page:
            if not self.check(page, 200, "Which organisation is this about?"):
                return
            token = csrf_of(page.text)
        words = marker("report")
        confidential = secrets.randbelow(2) == 0
        answers: dict[str, Any] = {
            "organisation": Shared.organisation,
            "team": secrets.choice(["", *map(str, Shared.teams)]),
            "what_happened": f"A visit was recorded on the wrong plan ({words}). "
            "The duty worker noticed it at the next check and moved it.",
            "outcome": secrets.choice(["no_harm", "near_miss", "free_lesson"]),
            "occurred_month": datetime.now(LONDON).date().replace(day=1).isoformat(),
            "part_of_day": secrets.choice(["morning", "afternoon", "evening"]),
            "setting": secrets.choice(["home_visit", "office", "phone_or_online"]),
            "what_caught_it": "A colleague checked the plan before the review.",
            "factors": [],
            "what_made_it_likely": "",
            "what_would_prevent": "A prompt on the plan screen.",
            "route": "confidential" if confidential else "anonymous",
            "contact": "reporter@example.org" if confidential else "",
        }
        for slug, fields in REPORT_PAGES:
            data = {"csrfmiddlewaretoken": token, **{name: answers[name] for name in fields}}
            with self.client.post(
                f"/report/new/{slug}/",
                data=data,
                name="report: question page",
                allow_redirects=False,
                catch_response=True,
            ) as answered:
                if not self.check(answered, 302):
                    return
        with self.client.get(
            "/report/new/check/", name="report: check", catch_response=True
        ) as check:
            if not self.check(check, 200, "Send report"):
                return
            found = _SUBMISSION_TOKEN.search(check.text)
            if found is None:
                check.failure("no submission token on the check page")
                return
        with self.client.post(
            "/report/new/check/",
            data={"csrfmiddlewaretoken": token, "submission_token": found.group(1)},
            name="report: send",
            catch_response=True,
        ) as sent:
            if not self.check(sent, 200, "Report sent"):
                return
            receipt, reference = _RECEIPT.search(sent.text), _REFERENCE.search(sent.text)
            if receipt is None or reference is None:
                sent.failure("no receipt code or reference on the receipt page")
                return
            Shared.reports.append(
                {"receipt": receipt.group(1), "reference": reference.group(1), "marker": words}
            )


class IdeaAuthor(CandourUser):
    """A member of staff who signs in once and sends improvement ideas."""

    people: ClassVar[itertools.cycle[str]] = itertools.cycle(STAFF)

    def on_start(self) -> None:
        self.email = next(IdeaAuthor.people)
        self.sign_in(self.email)

    @as_task
    def send_idea(self) -> None:
        with self.client.get("/ideas/new/", name="idea: form", catch_response=True) as page:
            if not self.check(page, 200, "What is your idea?"):
                return
            token = csrf_of(page.text)
            team = _SELECTED_TEAM.search(page.text)
            if team is None:
                page.failure("no team chosen on the form")
                return
        words = marker("idea")
        data = {
            "csrfmiddlewaretoken": token,
            "team": team.group(1),
            "problem_kind": secrets.choice(["waste", "delay", "quality"]),
            "problem": f"Visit notes are typed twice, once in each system ({words}).",
            "idea": "Copy the visit note across with one button\nand check it once.",
            "expected_benefit": "About an hour a week for each worker.",
            "stage": "check",
        }
        with self.client.post(
            "/ideas/new/", data=data, name="idea: check", catch_response=True
        ) as check:
            if not self.check(check, 200, "Send idea"):
                return
        data["stage"] = "confirm"
        with self.client.post(
            "/ideas/new/",
            data=data,
            name="idea: send",
            allow_redirects=False,
            catch_response=True,
        ) as sent:
            if not self.check(sent, 302):
                return
            found = _IDEA_URL.match(sent.headers.get("Location", ""))
            if found is None:
                sent.failure(f"redirected to {sent.headers.get('Location')!r}, not an idea")
                return
        with self.client.get(found.group(0), name="idea: view", catch_response=True) as shown:
            if self.check(shown, 200, "Thank you. The managers of"):
                Shared.ideas.append(
                    {"id": int(found.group(1)), "author": self.email, "marker": words}
                )


class ChildFeedback(CandourUser):
    """A child, young person or parent answering the feedback journey to the end."""

    @as_task
    def give_feedback(self) -> None:
        self.client.cookies.clear()  # a new person each time, with a new session
        self.client.headers["X-Forwarded-For"] = another_address()
        link = secrets.choice(Shared.links)
        base = f"/feedback/{link}/"
        with self.client.get(base, name="feedback: start", catch_response=True) as page:
            if not self.check(page, 200):
                return
            token = csrf_of(page.text)
        band = secrets.choice(["4_7", "8_12", "13_plus", "parent"])
        words = marker("voice")
        answers = {
            "rating": secrets.choice(["very_good", "good", "neither"]),
            "what_was_good": f"They listened to me and came when they said ({words})",
            "what_would_be_better": "More time to talk",
            "idea": "A games room at the office",
            "worked_with": "social_worker",
        }
        if band == "4_7":
            # The youngest pick from pictures and words rather than write (issue 18), so
            # nothing of theirs carries a marker: the check counts their choices instead.
            words = ""
            answers |= {
                "what_was_good": "listened",
                "what_would_be_better": "listen_more",
                "idea": "ask_me",
            }
        with self.client.post(
            base,
            data={"csrfmiddlewaretoken": token, "age_band": band},
            name="feedback: choose age",
            allow_redirects=False,
            catch_response=True,
        ) as chosen:
            if not self.check(chosen, 302):
                return
            location = chosen.headers["Location"]
        for _step in range(8):
            if location.endswith("/check/"):
                break
            key = location.rstrip("/").rsplit("/", 1)[-1]
            with self.client.get(
                location, name="feedback: question", catch_response=True
            ) as question:
                if not self.check(question, 200):
                    return
            with self.client.post(
                location,
                data={"csrfmiddlewaretoken": token, key: answers[key]},
                name="feedback: answer",
                allow_redirects=False,
                catch_response=True,
            ) as answered:
                if not self.check(answered, 302):
                    return
                location = answered.headers["Location"]
        with self.client.get(location, name="feedback: check", catch_response=True) as check:
            if not self.check(check, 200):
                return
        with self.client.post(
            location,
            data={"csrfmiddlewaretoken": token},
            name="feedback: send",
            allow_redirects=False,
            catch_response=True,
        ) as sent:
            if not self.check(sent, 302) or not sent.headers["Location"].endswith("/thank-you/"):
                sent.failure(f"sent to {sent.headers.get('Location')!r}")
                return
        with self.client.get(
            f"{base}thank-you/", name="feedback: thank you", catch_response=True
        ) as thanks:
            # The confirmation panel, in English or the language of the link's organisation
            # (the demo has a Welsh council).
            if self.check(thanks, 200, "govuk-panel--confirmation"):
                Shared.feedback.append({"link": link, "band": band, "marker": words})


class Reader(CandourUser):
    abstract = True
    pages: ClassVar[list[str]] = []

    @as_task
    def read(self) -> None:
        path = secrets.choice(self.pages)
        with self.client.get(path, name=f"read {path}", catch_response=True) as page:
            self.check(page, 200)


class StaffReader(Reader):
    pages = STAFF_PAGES
    people: ClassVar[itertools.cycle[str]] = itertools.cycle(STAFF[::-1])

    def on_start(self) -> None:
        self.sign_in(next(StaffReader.people))


class ManagerReader(Reader):
    pages = MANAGER_PAGES
    people: ClassVar[itertools.cycle[str]] = itertools.cycle(MANAGERS)

    def on_start(self) -> None:
        self.sign_in(next(ManagerReader.people))


class AnalystReader(Reader):
    """The learning team analyst; two-factor sign-in happened once, before the run."""

    pages = ANALYST_PAGES

    def on_start(self) -> None:
        self.client.cookies.update(Shared.analyst_cookies)


# ---------------------------------------------------------------------------------------
# Orchestration: the database, gunicorn, the run and the checks.


def shell(code: str, env: dict[str, str], what: str) -> Any:
    return shell_json(CANDOUR, code, env, what)


def another_address() -> str:
    """A private address for one simulated person (the limits count each address)."""
    return f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{1 + secrets.randbelow(254)}"


def step(message: str) -> None:
    print(f"  {message}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def production_env(database: str, work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CANDOUR_", "DATABASE_URL"))}
    env.update(
        {
            "CANDOUR_ENVIRONMENT": "production",
            "DATABASE_URL": f"{PG_SERVER}/{database}",
            "CANDOUR_SECRET_KEY": secrets.token_urlsafe(50),
            "CANDOUR_AUDIT_KEY": secrets.token_urlsafe(50),
            "CANDOUR_KEY_ENCRYPTION_KEY": secrets.token_urlsafe(50),
            "CANDOUR_ALLOWED_HOSTS": "127.0.0.1",
            "CANDOUR_VAR_DIR": str(work / "var"),
            "CANDOUR_STATIC_ROOT": str(work / "static"),
            "CANDOUR_SIMILARITY_DIR": str(work / "similarity"),
            # Plain HTTP on loopback: no TLS to redirect to, and no SMTP server.
            "CANDOUR_SSL_REDIRECT": "false",
            "CANDOUR_SECURE_COOKIES": "false",
            "CANDOUR_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "CANDOUR_LOG_LEVEL": "WARNING",
            # As behind Candour's own proxy, so each simulated person's X-Forwarded-For is
            # the address the limits count (no limit is loosened).
            "CANDOUR_BEHIND_PROXY": "true",
        }
    )
    return env


SETUP = """
import json
from candour.core.models import Organisation
from candour.ideas.models import Idea
from candour.reporting.models import Report
from candour.voice.models import Feedback, FeedbackLink
org = Organisation.objects.get(name="Riverside Borough Council")
print(json.dumps({
    "organisation": org.pk,
    "teams": sorted(org.teams.values_list("pk", flat=True)),
    "links": sorted(FeedbackLink.objects.filter(active=True).values_list("token", flat=True)),
    "reports": Report.objects.count(),
    "ideas": Idea.objects.count(),
    "feedback": Feedback.objects.count(),
    "last_feedback": Feedback.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
}))
"""

RESET_ANALYST = f"""
import json
from django_otp.plugins.otp_totp.models import TOTPDevice
deleted, _ = TOTPDevice.objects.filter(user__email={ANALYST!r}).delete()
print(json.dumps({{"deleted": deleted}}))
"""

# Reads the acknowledged submissions from the file named in CANDOUR_LOAD_ACKS; prints what
# is found, missing or wrong.
VERIFY = """
import json, os
from candour.ideas.models import Idea
from candour.reporting import receipts, services as reporting
from candour.reporting.models import Report
from candour.voice import services as voice
from candour.voice.models import Feedback
acks = json.load(open(os.environ["CANDOUR_LOAD_ACKS"]))
problems = []
found = {"reports": 0, "ideas": 0, "feedback": 0}
for sent in acks["reports"]:
    report = Report.objects.filter(reference=sent["reference"]).first()
    if report is None:
        problems.append(f"report {sent['reference']} missing")
        continue
    if report.receipt_digest != receipts.digest(sent["receipt"]):
        problems.append(f"report {sent['reference']}: its receipt does not resolve to it")
        continue
    raw = reporting.raw_narrative(report)
    if not raw or sent["marker"] not in raw["what_happened"]:
        problems.append(f"report {sent['reference']}: sealed narrative missing or wrong")
        continue
    found["reports"] += 1
for sent in acks["ideas"]:
    idea = Idea.objects.filter(pk=sent["id"]).select_related("author").first()
    if idea is None or idea.author.email != sent["author"] or sent["marker"] not in idea.problem:
        problems.append(f"idea {sent['id']} missing or not as sent")
        continue
    found["ideas"] += 1
wanted = {sent["marker"] for sent in acks["feedback"] if sent["marker"]}
youngest = sum(1 for sent in acks["feedback"] if not sent["marker"])
seen = set()
chosen = 0
for feedback in Feedback.objects.filter(pk__gt=acks["last_feedback"]).select_related("data_key"):
    raw = voice.raw_answers(feedback)
    text = (raw or {}).get("what_was_good", "")
    seen.update(m for m in wanted if m in text)
    # The youngest's choices are stored as their words, in the page's language.
    chosen += bool(raw) and not any(m in text for m in wanted) and "loadvoice" not in text
found["feedback"] = len(seen) + min(chosen, youngest)
problems += [f"feedback {m} missing" for m in sorted(wanted - seen)][:20]
if chosen != youngest:
    problems.append(f"youngest children's feedback: {youngest} acknowledged, {chosen} found")
print(json.dumps({
    "found": found,
    "problems": problems[:50],
    "rows": {
        "reports": Report.objects.count(),
        "ideas": Idea.objects.count(),
        "feedback": Feedback.objects.count(),
    },
}))
"""


def start_gunicorn(
    env: dict[str, str], port: int, workers: int, threads: int, log: Path
) -> subprocess.Popen[bytes]:
    handle = log.open("ab")
    process = subprocess.Popen(  # noqa: S603 - fixed program and arguments
        [
            GUNICORN,
            "candour.config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread" if threads > 1 else "sync",
        ],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=handle,
        start_new_session=True,  # its own process group, stopped as one
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}; see {log}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return process
        except requests.RequestException:
            pass
        time.sleep(0.3)
    stop_gunicorn(process)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def stop_gunicorn(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def analyst_session(base: str) -> dict[str, str]:
    """Sign the analyst in once, setting up the authenticator as a person would."""
    session = requests.Session()
    page = session.get(f"{base}/sign-in/", timeout=30)
    session.post(
        f"{base}/sign-in/",
        data={
            "csrfmiddlewaretoken": csrf_of(page.text),
            "email": ANALYST,
            "password": DEMO_PASSWORD,
        },
        timeout=30,
    )
    setup = session.get(f"{base}/two-factor/set-up/", timeout=30)
    key = _SETUP_KEY.search(setup.text)
    if key is None:
        raise RuntimeError("the analyst did not meet the authenticator set-up page")
    done = session.post(
        f"{base}/two-factor/set-up/",
        data={"csrfmiddlewaretoken": csrf_of(setup.text), "token": totp(key.group(1), time.time())},
        timeout=30,
    )
    if session.get(f"{base}/learning/reports/", timeout=30).status_code != 200:
        raise RuntimeError(f"the analyst could not sign in (set-up answered {done.status_code})")
    return {cookie.name: cookie.value or "" for cookie in session.cookies}


def percentile(entry: Any, fraction: float) -> float:
    return float(entry.get_response_time_percentile(fraction)) if entry.num_requests else 0.0


def run_locust(base: str, counts: dict[type[HttpUser], int], seconds: int) -> Environment:
    for user_class, count in counts.items():
        user_class.fixed_count = count
    # Users finish the task in hand when the time is up, so that no submission is cut off
    # between the server storing it and the user reading the acknowledgement.
    environment = Environment(user_classes=list(counts), host=base, events=events, stop_timeout=60)
    runner = environment.create_local_runner()
    total = sum(counts.values())
    runner.start(total, spawn_rate=total, wait=False)
    time.sleep(seconds)  # gevent's sleep, once locust has patched time: the users run
    runner.quit()
    return environment


def figures(environment: Environment) -> dict[str, Any]:
    stats = environment.stats
    rows = {}
    for (name, method), entry in sorted(stats.entries.items()):
        rows[f"{method} {name}"] = {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "rps": round(entry.total_rps, 2),
            "median_ms": percentile(entry, 0.5),
            "p95_ms": percentile(entry, 0.95),
            "p99_ms": percentile(entry, 0.99),
        }
    total = stats.total
    return {
        "by_request": rows,
        "total": {
            "requests": total.num_requests,
            "failures": total.num_failures,
            "rps": round(total.total_rps, 2),
            "median_ms": percentile(total, 0.5),
            "p95_ms": percentile(total, 0.95),
            "p99_ms": percentile(total, 0.99),
        },
        "errors": [
            {"request": f"{e.method} {e.name}", "error": str(e.error), "count": e.occurrences}
            for e in stats.errors.values()
        ],
    }


WIDTHS = (6, 5, 7, 6, 6, 6)


def print_table(result: dict[str, Any]) -> None:
    rows = [*result["requests"]["by_request"].items(), ("TOTAL", result["requests"]["total"])]
    width = max(len(name) for name, _ in rows)
    heading = ("reqs", "fail", "rps", "p50", "p95", "p99")
    columns = " ".join(f"{h:>{w}}" for h, w in zip(heading, WIDTHS, strict=True))
    print(f"\n{'request':<{width}} {columns}")
    for name, row in rows:
        print(
            f"{name:<{width}} {row['requests']:>6} {row['failures']:>5} {row['rps']:>7.2f} "
            f"{row['median_ms']:>6.0f} {row['p95_ms']:>6.0f} {row['p99_ms']:>6.0f}"
        )
    print("\nsubmissions  acknowledged  found  new rows")
    for kind, row in result["submissions"].items():
        print(f"{kind:<12} {row['acknowledged']:>12} {row['found']:>6} {row['new_rows']:>9}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (60)")
    parser.add_argument("--reporters", type=int, default=6)
    parser.add_argument("--idea-authors", type=int, default=4)
    parser.add_argument("--children", type=int, default=6)
    parser.add_argument("--readers", type=int, default=8, help="staff, managers and analyst")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker (2)")
    parser.add_argument("--database", default="candour_load")
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument(
        "--existing",
        type=Path,
        help="use --database as it is (never dropped), with the secrets and index in this "
        "CANDOUR_VAR_DIR",
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    print(f"Load test: {args.duration}s against gunicorn on PostgreSQL ({args.database})")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="candour-load-") as tmp:
        work = Path(tmp)
        env = production_env(args.database, work)
        if args.existing is not None:
            args.keep_database = True
            existing = args.existing.resolve()
            for name in ("secret_key", "audit_key", "key_encryption_key"):
                del env[f"CANDOUR_{name.upper()}"]
                env[f"CANDOUR_{name.upper()}_FILE"] = str(existing / name)
            env["CANDOUR_SIMILARITY_DIR"] = str(existing / "similarity")
        else:
            # DROP DATABASE waits for every backend on the server; do not wait for ever.
            run(["dropdb", *PG_ARGS, "--if-exists", args.database], dict(os.environ), "dropdb", 120)
            run(["createdb", *PG_ARGS, args.database], dict(os.environ), "createdb", 120)
        gunicorn: subprocess.Popen[bytes] | None = None
        try:
            run([CANDOUR, "migrate", "--verbosity", "0"], env, "migrate")
            if args.existing is None:
                run([CANDOUR, "load-demo-data"], env, "load-demo-data")
            else:
                shell(RESET_ANALYST, env, "reset the analyst's authenticator")
            run([CANDOUR, "collectstatic", "--noinput", "--verbosity", "0"], env, "collectstatic")
            before = shell(SETUP, env, "set-up query")
            step(
                f"database ready in {time.monotonic() - started:.0f}s: "
                + ("demo data loaded" if args.existing is None else "existing data")
            )
            Shared.organisation, Shared.teams = before["organisation"], before["teams"]
            Shared.links = before["links"]

            port = free_port()
            log = work / "gunicorn.log"
            gunicorn = start_gunicorn(env, port, args.workers, args.threads, log)
            base = f"http://127.0.0.1:{port}"
            step(f"gunicorn: {args.workers} workers x {args.threads} threads on {base}")
            Shared.analyst_cookies = analyst_session(base)
            step("analyst signed in with a security code")

            readers = max(args.readers, 3)
            counts: dict[type[HttpUser], int] = {
                Reporter: args.reporters,
                IdeaAuthor: args.idea_authors,
                ChildFeedback: args.children,
                StaffReader: readers - 2 * (readers // 3),
                ManagerReader: readers // 3,
                AnalystReader: readers // 3,
            }
            counts = {cls: n for cls, n in counts.items() if n > 0}
            step(f"locust: {sum(counts.values())} users for {args.duration}s")
            environment = run_locust(base, counts, args.duration)
            stop_gunicorn(gunicorn)
            # Candour logs JSON lines ("level": "ERROR" for a 500); gunicorn its own
            # [ERROR] and [CRITICAL] (a worker timed out or died).
            server_errors = [
                line
                for line in log.read_text(errors="replace").splitlines()
                if any(mark in line for mark in ('"ERROR"', '"CRITICAL"', "[ERROR]", "[CRITICAL]"))
            ]

            acks = work / "acks.json"
            acks.write_text(
                json.dumps(
                    {
                        "reports": Shared.reports,
                        "ideas": Shared.ideas,
                        "feedback": Shared.feedback,
                        "last_feedback": before["last_feedback"],
                    }
                )
            )
            step("checking every acknowledged submission in the database")
            checked = shell(VERIFY, {**env, "CANDOUR_LOAD_ACKS": str(acks)}, "verification")
            passed = report(args, counts, environment, before, checked, server_errors)
        finally:
            if gunicorn is not None:
                stop_gunicorn(gunicorn)
            if not args.keep_database:
                try:
                    run(
                        ["dropdb", *PG_ARGS, "--if-exists", args.database],
                        dict(os.environ),
                        "dropdb",
                        120,
                    )
                except RuntimeError as error:
                    print(f"  warning: could not drop {args.database}: {error}")
    return 0 if passed else 1


def report(
    args: argparse.Namespace,
    counts: dict[type[HttpUser], int],
    environment: Environment,
    before: dict[str, Any],
    checked: dict[str, Any],
    server_errors: list[str],
) -> bool:
    """Write the figures to the results file, print the table; True when the run passed."""
    sent = {"reports": Shared.reports, "ideas": Shared.ideas, "feedback": Shared.feedback}
    result: dict[str, Any] = {
        "setup": {
            "duration_s": args.duration,
            "users": {cls.__name__: n for cls, n in counts.items()},
            "gunicorn": {"workers": args.workers, "threads": args.threads},
            "database": "PostgreSQL, demo data",
            "cpus": os.cpu_count(),
            # The machine may be shared: the 1-minute load average as the run ended, so
            # the figures can be read against what else was running.
            "load_average_1min": round(os.getloadavg()[0], 2),
        },
        "requests": figures(environment),
        "submissions": {
            kind: {
                "acknowledged": len(sent[kind]),
                "found": checked["found"][kind],
                "new_rows": checked["rows"][kind] - before[kind],
            }
            for kind in sent
        },
        "problems": checked["problems"],
        "server_errors": server_errors[:20],
    }
    lost = any(
        row["found"] != row["acknowledged"] or row["new_rows"] != row["acknowledged"]
        for row in result["submissions"].values()
    )
    failures = result["requests"]["total"]["failures"]
    result["passed"] = not lost and not failures and not server_errors and not checked["problems"]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n")
    print_table(result)
    for problem in [*checked["problems"], *server_errors[:5]]:
        print(f"  problem: {problem}")
    for error in result["requests"]["errors"][:10]:
        print(f"  failed: {error['request']}: {error['error']} (x{error['count']})")
    total = sum(row["acknowledged"] for row in result["submissions"].values())
    if result["passed"]:
        print(f"\nPASS: {total} submissions acknowledged and all found; no failed requests")
        return True
    print(f"\nFAIL: {failures} failed requests, {len(server_errors)} server errors, lost={lost}")
    return False


if __name__ == "__main__":
    sys.exit(main())
