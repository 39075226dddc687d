"""Every page a user opens, timed at national volumes, with its database queries.

    createdb candour_scale
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/candour_scale CANDOUR_ENVIRONMENT=development
    candour migrate && candour load-demo-data
    candour generate-load-data                 # 1M reports, 1M ideas, 1M feedback, 10M events
    .venv/bin/python benchmarks/scale.py       # writes benchmarks/results/scale.json

Signs in (in-process, through Django's test client, so the figures are the server's own
time without a network) as the demo council's people: the demo council is the largest of
the 150 in the generated data, about 3% of the country. Each page is opened once to warm
caches, then ``--repeat`` times; the median and worst times, the number of SQL queries
and the response size are recorded. A page is *interactive* when its median is under
``--budget-ms`` (default 500 ms, the point past which people notice waiting for a page).

Also timed: the similar-reports lookup (own council and national) against the persisted
index (built first if missing, and the build timed), ``verify-audit`` over the whole
chain, a 100,000-row workforce import (rolled back), and the bulk writer's COPY beside
Django's ``bulk_create``, the path a developer would otherwise take.
"""

# ruff: noqa: E501 - the usage block above is shell.
from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "candour.config.settings")
os.environ.setdefault("CANDOUR_ENVIRONMENT", "development")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from candour.accounts.models import Membership, User  # noqa: E402
from candour.accounts.roles import Role  # noqa: E402
from candour.audit.models import AuditEvent  # noqa: E402
from candour.audit.verification import verify_audit_chain  # noqa: E402
from candour.core.models import Organisation  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "scale.json"


class RollbackError(Exception):
    """Raised to undo a timed write."""


@dataclass
class Timing:
    name: str
    persona: str
    path: str
    status: int
    median_ms: float
    worst_ms: float
    queries: int
    kilobytes: float


def _client(user: User) -> Client:
    """Signed in, second factor accepted (as the tests' signed_in_client)."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    if user.requires_two_factor():
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="scale-benchmark", defaults={"confirmed": True}
        )
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def _time(client: Client, path: str, repeat: int) -> tuple[int, list[float], int, int]:
    response = client.get(path)  # warm
    times = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured.captured_queries)
    return response.status_code, times, queries, len(response.content)


def _people(org: Organisation) -> dict[str, User]:
    def first(role: str, **extra: Any) -> User:
        membership = (
            Membership.objects.filter(organisation=org, role=role, revoked_at__isnull=True, **extra)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership is None:
            raise SystemExit(f"{org} has no {role}: load the demo data first")
        return membership.user

    national = (
        Membership.objects.filter(role=Role.NATIONAL_ANALYST, revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    people = {
        "staff": first(Role.STAFF),
        "manager": first(Role.MANAGER, team__isnull=False),
        "service manager": first(Role.MANAGER, team__isnull=True),
        "analyst": first(Role.ANALYST),
        "admin": first(Role.ORG_ADMIN),
    }
    if national is not None:
        people["national analyst"] = national.user
    return people


def _pages(org: Organisation, people: dict[str, User]) -> list[tuple[str, str, str]]:
    from candour.ideas.models import Idea
    from candour.learning.models import Lesson, Theme
    from candour.reporting.models import Report
    from candour.reporting.vocabulary import Status
    from candour.voice.models import Feedback

    open_report = (
        Report.objects.filter(organisation=org)
        .exclude(status=Status.CLOSED)
        .order_by("-pk")
        .first()
    )
    closed = Report.objects.filter(organisation=org, status=Status.CLOSED).order_by("-pk").first()
    theme = Theme.objects.filter(organisation=org).order_by("pk").first()
    lesson = Lesson.objects.filter(organisation=org).order_by("pk").first()
    idea = Idea.objects.filter(organisation=org).order_by("-pk").first()
    feedback = Feedback.objects.filter(organisation=org).order_by("-pk").first()
    slug = org.slug
    deep = (
        AuditEvent.objects.filter(organisation=org)
        .order_by("-sequence")
        .values_list("sequence", flat=True)[25_000:25_001]
    )
    deep_audit = f"?before={deep[0]}" if deep else ""
    pages = [
        ("home", "staff", reverse("core:home")),
        ("ideas board", "staff", reverse("ideas:board")),
        ("ideas board, team", "manager", reverse("ideas:board")),
        ("what we changed", "staff", reverse("ideas:changed")),
        ("notifications", "manager", reverse("notifications:inbox")),
        ("ideas bottlenecks", "manager", reverse("ideas:bottlenecks")),
        ("ideas measures", "service manager", reverse("ideas:measures")),
        ("organisational health", "service manager", reverse("workforce:health")),
        ("health: workforce", "service manager", reverse("workforce:health-workforce")),
        ("health: absence", "service manager", reverse("workforce:health-absence")),
        ("health: demand", "service manager", reverse("workforce:health-demand")),
        ("learning dashboard", "manager", reverse("learning:dashboard")),
        ("feedback results", "manager", reverse("voice:results")),
        ("you said, we did", "staff", reverse("voice:you-said-we-did")),
        ("report queue", "analyst", reverse("reporting:queue")),
        ("report queue, closed", "analyst", reverse("reporting:queue") + "?status=closed"),
        (
            "report queue, page 200",
            "analyst",
            reverse("reporting:queue") + "?status=closed&page=200",
        ),
        ("themes", "analyst", reverse("learning:themes")),
        ("lessons", "analyst", reverse("learning:lessons")),
        ("code suggestions", "analyst", reverse("learning:suggestions")),
        ("coding agreement", "analyst", reverse("learning:agreement")),
        ("alerts", "analyst", reverse("learning:alerts")),
        ("feedback moderation queue", "analyst", reverse("voice:moderation-queue")),
        ("safeguarding alerts", "admin", reverse("voice:alerts")),
        ("surveys", "admin", reverse("surveys:waves")),
        ("organisation", "admin", reverse("core:organisation", args=[slug])),
        ("audit trail", "admin", reverse("audit:organisation-audit", args=[slug])),
        (
            "audit trail, 25,000 events back",
            "admin",
            reverse("audit:organisation-audit", args=[slug]) + deep_audit,
        ),
        ("workforce imports", "admin", reverse("workforce:imports", args=[slug])),
        ("feedback links", "admin", reverse("voice:links", args=[slug])),
        ("sharing flags", "admin", reverse("sharing:flags")),
        (
            "national search",
            "national analyst",
            reverse("learning:national-search") + "?q=wrong+address+letter",
        ),
        ("survey benchmark", "national analyst", reverse("surveys:benchmark")),
    ]
    if open_report is not None:
        pages += [
            (
                "report (learning team)",
                "analyst",
                reverse("reporting:learning-detail", args=[open_report.reference]),
            ),
        ]
    if closed is not None:
        pages += [
            (
                "coding a report",
                "analyst",
                reverse("learning:code-report", args=[closed.reference]),
            ),
        ]
    if theme is not None:
        pages.append(("theme", "analyst", reverse("learning:theme", args=[theme.pk])))
    if lesson is not None:
        pages.append(("lesson", "analyst", reverse("learning:lesson", args=[lesson.pk])))
    if idea is not None:
        pages.append(("idea", "manager", reverse("ideas:idea", args=[idea.pk])))
    if feedback is not None:
        pages.append(
            ("moderate feedback", "analyst", reverse("voice:moderate", args=[feedback.pk]))
        )
    team = org.teams.order_by("pk").first()
    pages += [
        ("reports (de-identified)", "staff", reverse("reporting:reports")),
        ("reports, page 400", "staff", reverse("reporting:reports") + "?page=400"),
        ("API tokens", "manager", reverse("api:tokens")),
        ("lessons bulletins", "staff", reverse("learning:lessons")),
    ]
    if team is not None:
        pages += [
            (
                "health: absence, one team",
                "service manager",
                reverse("workforce:health-absence") + f"?team={team.pk}",
            ),
            (
                "feedback results, one team",
                "manager",
                reverse("voice:results") + f"?team={team.pk}",
            ),
        ]
    if closed is not None:
        pages += [
            (
                "report (de-identified)",
                "staff",
                reverse("reporting:report-detail", args=[closed.reference]),
            ),
            (
                "report (national)",
                "national analyst",
                reverse("learning:national-report", args=[closed.reference]),
            ),
        ]
    return [page for page in pages if page[1] in people]


def _api(org: Organisation, people: dict[str, User]) -> list[tuple[str, str, str, dict[str, str]]]:
    from candour.api.services import create_api_token

    tokens = {}
    for persona in ("manager", "service manager"):
        issued = create_api_token(actor=people[persona], name=f"scale benchmark {persona}")
        tokens[persona] = {"Authorization": f"Bearer {issued.value}"}
    return [
        ("API: ideas", "manager", "/api/v1/ideas", tokens["manager"]),
        ("API: ideas, offset 5000", "manager", "/api/v1/ideas?offset=5000", tokens["manager"]),
        (
            "API: health indicators",
            "service manager",
            "/api/v1/health/indicators",
            tokens["service manager"],
        ),
    ]


def pages(org: Organisation, repeat: int) -> list[Timing]:
    people = _people(org)
    clients = {persona: _client(user) for persona, user in people.items()}
    timings = []
    for name, persona, path in _pages(org, people):
        status, times, queries, size = _time(clients[persona], path, repeat)
        timings.append(_timing(name, persona, path, status, times, queries, size))
    for name, persona, path, headers in _api(org, people):
        client = Client(HTTP_HOST="127.0.0.1", headers=headers)
        status, times, queries, size = _time(client, path, repeat)
        timings.append(_timing(name, persona, path, status, times, queries, size))
    return timings


def _timing(
    name: str, persona: str, path: str, status: int, times: list[float], queries: int, size: int
) -> Timing:
    timing = Timing(
        name,
        persona,
        path,
        status,
        round(statistics.median(times), 1),
        round(max(times), 1),
        queries,
        round(size / 1024, 1),
    )
    print(
        f"  {name:<32} {persona:<17} {status} {timing.median_ms:>8.1f} ms "
        f"(worst {timing.worst_ms:>7.1f}) {queries:>4} queries {timing.kilobytes:>7.1f} kB",
        flush=True,
    )
    return timing


def similar(org: Organisation, repeat: int) -> dict[str, Any]:
    from candour.learning.similar import store as similarity_store
    from candour.learning.similar.search import similar_reports
    from candour.reporting.models import Report

    out: dict[str, Any] = {}
    index = similarity_store.shared_reports()
    out["indexed"] = len(index.index) if index is not None else 0
    reports = list(Report.objects.filter(organisation=org).order_by("-pk")[: repeat * 4])
    everyone = list(Organisation.objects.values_list("pk", flat=True))
    for label, scope in (("own council", None), ("national", everyone)):
        times = []
        for report in reports:
            started = time.perf_counter()
            similar_reports(report, k=5, organisation_ids=scope)
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        out[label] = {
            "lookups": len(times),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        }
        print(f"  similar reports, {label}: {out[label]}", flush=True)
    return out


def ensure_index() -> dict[str, Any]:
    """The similar-reports index, as the worker host keeps it; built (and timed) if missing."""
    from candour.learning.similar import store as similarity_store
    from candour.reporting.models import Report

    index = similarity_store.shared_reports()
    reviewed = Report.objects.reviewed().count()
    if index is not None and len(index.index) >= reviewed * 0.99:
        return {"built": False, "indexed": len(index.index)}
    print(f"building the similar-reports index over {reviewed:,} reports ...", flush=True)
    started = time.perf_counter()
    change = similarity_store.build_index()
    seconds = round(time.perf_counter() - started, 1)
    print(f"  {change} in {seconds}s", flush=True)
    return {"built": True, "seconds": seconds, "change": str(change)}


def verify_audit() -> dict[str, Any]:
    started = time.perf_counter()
    result = verify_audit_chain()
    seconds = time.perf_counter() - started
    figures = {
        "ok": result.ok,
        "events": result.checked,
        "seconds": round(seconds, 1),
        "events_per_second": round(result.checked / seconds),
    }
    print(f"  verify-audit: {figures}", flush=True)
    return figures


def _caseload_file(org: Organisation, rows: int) -> bytes:
    from datetime import date

    out = io.StringIO()
    out.write("person_reference,team,date,cases\n")
    teams = list(org.teams.values_list("name", flat=True)) or [""]
    people = rows // 20
    for snapshot in range(20):
        on = date(2025, 1, 31) + timedelta(weeks=4 * snapshot)
        for person in range(people):
            out.write(
                f"P{person:06d},{teams[person % len(teams)]},{on.isoformat()},{(person * 7 + snapshot) % 28}\n"
            )
    return out.getvalue().encode()


def imports(org: Organisation, people: dict[str, User]) -> dict[str, Any]:
    from candour.workforce.imports.services import import_file
    from candour.workforce.models import ImportKind

    content = _caseload_file(org, 100_000)
    started = time.perf_counter()
    try:
        with transaction.atomic():
            result = import_file(
                actor=people["admin"],
                organisation=org,
                kind=ImportKind.CASELOADS,
                filename="caseloads.csv",
                content=content,
            )
            seconds = time.perf_counter() - started
            raise RollbackError
    except RollbackError:
        pass
    figures = {
        "rows": result.rows,
        "ok": result.ok,
        "seconds": round(seconds, 2),
        "rows_per_second": round(result.rows / seconds) if seconds else None,
    }
    print(f"  workforce import, 100,000 caseload rows: {figures}", flush=True)
    return figures


def bulk_paths() -> dict[str, Any]:
    """COPY against bulk_create for the same 50,000 audit-shaped rows (rolled back)."""
    from candour.demo.loadgen import bulk

    count = 50_000
    base = (
        AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
    ) + 1_000_000
    now = django.utils.timezone.now()

    def rows(offset: int) -> list[tuple[Any, ...]]:
        return [
            (base + offset + n, now, "load.bench", None, None, "", "", {}, "0" * 64, "0" * 64)
            for n in range(count)
        ]

    names = [
        "sequence",
        "occurred_at",
        "event_type",
        "actor_id",
        "organisation",
        "object_type",
        "object_id",
        "data",
        "prev_hash",
        "hash",
    ]
    figures: dict[str, Any] = {"rows": count}

    def timed(label: str, write: Callable[[], object]) -> None:
        started = time.perf_counter()
        try:
            with transaction.atomic():
                write()
                figures[label] = round(count / (time.perf_counter() - started))
                raise RollbackError
        except RollbackError:
            pass

    timed("copy_rows_per_second", lambda: bulk.write(AuditEvent, names, rows(0)))
    attnames = [
        "sequence",
        "occurred_at",
        "event_type",
        "actor_id",
        "organisation_id",
        "object_type",
        "object_id",
        "data",
        "prev_hash",
        "hash",
    ]
    timed(
        "bulk_create_rows_per_second",
        lambda: AuditEvent.objects.bulk_create(
            [AuditEvent(**dict(zip(attnames, row, strict=True))) for row in rows(count)],
            batch_size=5000,
        ),
    )
    print(f"  bulk writes: {figures}", flush=True)
    return figures


def volumes() -> dict[str, int]:
    from candour.ideas.models import Idea
    from candour.learning.models import CodedValue, Coding, ThemeReport
    from candour.reporting.models import Report
    from candour.voice.models import Feedback
    from candour.workforce.models import AbsenceSpell, Caseload, StaffPost

    counts = {}
    for label, model in (
        ("organisations", Organisation),
        ("reports", Report),
        ("codings", Coding),
        ("coded values", CodedValue),
        ("theme memberships", ThemeReport),
        ("ideas", Idea),
        ("feedback", Feedback),
        ("audit events", AuditEvent),
        ("staff posts", StaffPost),
        ("caseload rows", Caseload),
        ("absence spells", AbsenceSpell),
    ):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {model._meta.db_table}")  # noqa: S608
            counts[label] = cursor.fetchone()[0]
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--budget-ms", type=float, default=500.0)
    parser.add_argument("--organisation", default="riverside-borough-council", help="slug")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--before", type=Path, help="An earlier run's JSON: its medians go beside these."
    )
    parser.add_argument(
        "--only", nargs="+", default=["pages", "similar", "audit", "imports", "bulk"]
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("warning: not PostgreSQL; national figures are meant for PostgreSQL", file=sys.stderr)
    org = Organisation.objects.get(slug=args.organisation)
    print("volumes:", flush=True)
    counted = volumes()
    for label, count in counted.items():
        print(f"  {label:<20} {count:>12,}")
    result: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "database": connection.vendor,
            "debug": settings.DEBUG,
        },
        "volumes": counted,
        "organisation": org.name,
        "budget_ms": args.budget_ms,
    }
    if "pages" in args.only or "similar" in args.only:
        result["similarity_index"] = ensure_index()
    if "pages" in args.only:
        print("pages:", flush=True)
        timings = pages(org, args.repeat)
        result["pages"] = [t.__dict__ for t in timings]
        if args.before is not None:
            earlier = {
                page["path"].split("?")[0] + page["persona"]: page["median_ms"]
                for page in json.loads(args.before.read_text()).get("pages", [])
            }
            for page in result["pages"]:
                page["before_median_ms"] = earlier.get(page["path"].split("?")[0] + page["persona"])
        slow = [t.name for t in timings if t.median_ms > args.budget_ms or t.status != 200]
        result["pages_over_budget_or_failing"] = slow
    if "similar" in args.only:
        print("similar reports:", flush=True)
        result["similar"] = similar(org, args.repeat)
    if "audit" in args.only:
        print("audit:", flush=True)
        result["verify_audit"] = verify_audit()
    if "imports" in args.only:
        print("imports:", flush=True)
        result["imports"] = imports(org, _people(org))
    if "bulk" in args.only:
        print("bulk writes:", flush=True)
        result["bulk"] = bulk_paths()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.out}")
    if result.get("pages_over_budget_or_failing"):
        print("over budget or failing:", ", ".join(result["pages_over_budget_or_failing"]))


if __name__ == "__main__":
    main()
