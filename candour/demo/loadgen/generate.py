"""Realistic national volumes, written in bulk (issue 10).

The shape follows a national hub: about 150 local authorities of very different sizes
(a skewed share, the largest about 3% of the whole), each with teams, staff, three years
of reports (most closed and coded, a few open in the queue), themes, kaizen ideas at every
stage, children's feedback, two years of workforce files imported through the real
importer, and an audit trail whose hash chain verifies. Texts come from the demo data
already loaded (run ``load-demo-data`` first), so pages render real-looking words.

Everything is seeded: the same volumes give the same data.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from candour.accounts.models import Membership, User
from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.audit.recorder import NewEvent, record_many
from candour.core.models import Organisation, OrganisationKind, Team
from candour.demo.loadgen import bulk
from candour.demo.workforce import demo_files
from candour.ideas.models import Idea
from candour.ideas.vocabulary import IdeaStatus, ProblemKind
from candour.keys import envelope
from candour.keys.models import DataKey
from candour.keys.services import _kek
from candour.learning.models import (
    Axis,
    Code,
    CodedValue,
    Coding,
    DefenceState,
    TaxonomyVersion,
    Theme,
    ThemeReport,
    ThemeStatus,
)
from candour.reporting.models import Report
from candour.reporting.vocabulary import (
    ClosureReason,
    Factor,
    Outcome,
    PartOfDay,
    Route,
    Setting,
    Status,
)
from candour.voice.models import Feedback, FeedbackTheme, FeedbackThemeTag
from candour.voice.vocabulary import AgeBand, FeedbackStatus, Rating, WorkedWith
from candour.workforce.imports.services import import_file

TEAM_NAMES = (
    "Front door",
    "Assessment",
    "Child in need",
    "Child protection",
    "Children in care",
    "Leaving care",
    "Fostering",
    "Disabled children",
)
PLACES = (
    "Ashby",
    "Barrow",
    "Calder",
    "Dunmore",
    "Eskdale",
    "Fairford",
    "Glenholm",
    "Harwood",
    "Ilsley",
    "Kingsmoor",
    "Langley",
    "Marston",
    "Northam",
    "Oakridge",
    "Pendle",
    "Queensbury",
    "Redmarsh",
    "Stanway",
    "Thornbury",
    "Upton",
    "Vale",
    "Westfield",
    "Yarrow",
    "Zetland",
    "Alderley",
    "Brackley",
    "Colwick",
    "Deepdale",
    "Elmsett",
    "Fenwick",
)
KINDS = (
    "City Council",
    "County Council",
    "Borough Council",
    "Metropolitan Borough Council",
    "District Council",
)
STAFF_PER_ORGANISATION = 30
YEARS = 3
OPEN_WEEKS = 6
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class Volumes:
    organisations: int = 150
    reports: int = 1_000_000
    ideas: int = 1_000_000
    feedback: int = 1_000_000
    audit_events: int = 10_000_000

    @classmethod
    def scaled(cls, scale: float, organisations: int = 150) -> Volumes:
        full = cls()
        return cls(
            organisations=organisations,
            reports=max(1, round(full.reports * scale)),
            ideas=max(1, round(full.ideas * scale)),
            feedback=max(1, round(full.feedback * scale)),
            audit_events=max(1, round(full.audit_events * scale)),
        )


# start(label, total) returns the function to call with each batch's row count, and a
# function to call when the step is done.
Progress = Callable[[str, int], tuple[Callable[[int], None], Callable[[], None]]]


def _silent(label: str, total: int) -> tuple[Callable[[int], None], Callable[[], None]]:
    return (lambda n: None), (lambda: None)


@dataclass
class _Org:
    pk: int
    teams: list[int]
    staff: list[int]
    managers: list[int]
    analyst: int
    admin: int
    share: float = 0.0


@dataclass
class Generated:
    seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


class Generator:
    def __init__(self, volumes: Volumes, *, progress: Progress = _silent, seed: int = 2026):
        self.volumes = volumes
        self.progress = progress
        self.rng = random.Random(seed)  # noqa: S311 - volume data, not security
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.result = Generated()

    # -- helpers ---------------------------------------------------------------------

    @contextmanager
    def _step(self, name: str, total: int) -> Iterator[Callable[[int], None]]:
        started = time.monotonic()
        advance, finish = self.progress(name, total)
        done = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            advance(done)

        yield tick
        finish()
        self.result.seconds[name] = round(time.monotonic() - started, 1)
        self.result.rows[name] = total

    def _week(self, weeks_ago: int) -> date:
        day = self.today - timedelta(weeks=weeks_ago)
        return day - timedelta(days=day.weekday())

    def _weeks_ago(self) -> int:
        # More recent weeks a little busier: reporting grows as trust does.
        return int((YEARS * 52) * (1 - self.rng.random() ** 0.8))

    # -- organisations, teams and people ---------------------------------------------

    def organisations(self) -> list[_Org]:
        existing = list(
            Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("pk")
        )
        wanted = max(self.volumes.organisations - len(existing), 0)
        names = self._names(wanted)
        with self._step("organisations, teams and staff", wanted) as tick, transaction.atomic():
            created = []
            for name in names:
                org = Organisation.objects.create(
                    name=name,
                    slug=name.lower().replace(" ", "-"),
                    kind=OrganisationKind.LOCAL_AUTHORITY,
                )
                created.append(org)
            team_ids = iter(bulk.next_ids(Team, len(created) * len(TEAM_NAMES)))
            team_rows = [
                (next(team_ids), org.pk, team, self.now) for org in created for team in TEAM_NAMES
            ]
            bulk.write(Team, ["id", "organisation", "name", "created_at"], team_rows)
            bulk.reset_sequence(Team)
            per_org = STAFF_PER_ORGANISATION + len(TEAM_NAMES) + 2
            user_ids = iter(bulk.next_ids(User, len(created) * per_org))
            users, memberships = [], []
            teams_of: dict[int, list[int]] = {}
            for team_pk, org_pk, _name, _at in team_rows:
                teams_of.setdefault(org_pk, []).append(team_pk)
            for org in created:
                teams = teams_of[org.pk]
                for n in range(per_org):
                    pk = next(user_ids)
                    role, team = self._role(n, teams)
                    users.append((pk, f"user{pk}@{org.slug}.example.org", f"Person {pk}", "!"))
                    memberships.append((pk, org.pk, role, team, self.now))
                tick(1)
            bulk.write(User, ["id", "email", "full_name", "password"], users)
            bulk.reset_sequence(User)
            bulk.write(
                Membership, ["user", "organisation", "role", "team", "granted_at"], memberships
            )
            bulk.reset_sequence(Membership)
        return self._org_people(existing + created)

    def _names(self, count: int) -> list[str]:
        taken = set(Organisation.objects.values_list("name", flat=True))
        names: list[str] = []
        for place in PLACES:
            for kind in KINDS:
                for suffix in ("", " North", " South", " East", " West"):
                    name = f"{place}{suffix} {kind}"
                    if name not in taken and len(names) < count:
                        names.append(name)
        if len(names) < count:
            raise ValueError(f"at most {len(names)} new organisations can be named")
        return names

    @staticmethod
    def _role(n: int, teams: list[int]) -> tuple[str, int | None]:
        if n == 0:
            return Role.ORG_ADMIN, None
        if n == 1:
            return Role.ANALYST, None
        if n < 2 + len(teams):
            return Role.MANAGER, teams[n - 2]
        return Role.STAFF, teams[n % len(teams)]

    def _org_people(self, organisations: list[Organisation]) -> list[_Org]:
        people: dict[int, dict[str, list[int]]] = {}
        teams: dict[int, list[int]] = {}
        for org_pk, pk in Team.objects.filter(organisation__in=organisations).values_list(
            "organisation", "pk"
        ):
            teams.setdefault(org_pk, []).append(pk)
        for org_pk, role, user in Membership.objects.filter(
            organisation__in=organisations, revoked_at__isnull=True
        ).values_list("organisation", "role", "user"):
            people.setdefault(org_pk, {}).setdefault(role, []).append(user)
        orgs = []
        for org in organisations:
            roles = people.get(org.pk, {})
            staff = roles.get(Role.STAFF, []) or roles.get(Role.MANAGER, [])
            if not staff or org.pk not in teams:
                continue
            managers = roles.get(Role.MANAGER, staff)
            orgs.append(
                _Org(
                    pk=org.pk,
                    teams=teams[org.pk],
                    staff=staff,
                    managers=managers,
                    analyst=(roles.get(Role.ANALYST) or managers)[0],
                    admin=(roles.get(Role.ORG_ADMIN) or managers)[0],
                )
            )
        # A skewed share of the country's work: the first (the demo's council, whose
        # people the benchmark signs in as) is the largest, at about 3%.
        weights = [1 / (rank + 2) ** 0.5 for rank in range(len(orgs))]
        total = sum(weights)
        for entry, weight in zip(orgs, weights, strict=True):
            entry.share = weight / total
        return orgs

    def _counts(self, orgs: list[_Org], total: int) -> list[int]:
        counts = [int(total * org.share) for org in orgs]
        counts[0] += total - sum(counts)
        return counts

    # -- reports, coding and themes ----------------------------------------------------

    def reports(self, orgs: list[_Org]) -> None:
        total = self.volumes.reports
        texts = list(
            Report.objects.values_list(
                "what_happened", "what_caught_it", "what_made_it_likely", "what_would_prevent"
            )[:2000]
        ) or [
            (
                "A letter about a child protection conference went to the wrong address.",
                "The family rang to tell us.",
                "Two families with the same surname.",
                "Check the address against the case record before sending.",
            )
        ]
        version = TaxonomyVersion.objects.order_by("-number").first()
        codes = list(
            Code.objects.filter(
                organisation__isnull=True, retired_in__isnull=True, merged_into__isnull=True
            ).values_list("pk", "axis")
        )
        by_axis: dict[str, list[int]] = {}
        for pk, axis in codes:
            by_axis.setdefault(axis, []).append(pk)
        kek = _kek()
        kek_id = envelope.kek_fingerprint(kek)
        key_ids = iter(bulk.next_ids(DataKey, total))
        report_ids = iter(bulk.next_ids(Report, total))
        references = self._references(total)
        counts = self._counts(orgs, total)
        reports: list[tuple[Any, ...]] = []
        keys: list[tuple[Any, ...]] = []
        coded: list[tuple[int, int, datetime]] = []  # report, analyst, when
        for org, count in zip(orgs, counts, strict=True):
            for _ in range(count):
                key_pk, report_pk = next(key_ids), next(report_ids)
                weeks_ago = self._weeks_ago()
                week = self._week(weeks_ago)
                text = self.rng.choice(texts)
                is_open = weeks_ago < OPEN_WEEKS and self.rng.random() < 0.6
                data_key = envelope.new_data_key()
                keys.append(
                    (
                        key_pk,
                        "report",
                        envelope.wrap_key(kek, data_key, context=f"report:{key_pk}")
                        if is_open
                        else None,
                        kek_id,
                        self.now,
                        None if is_open else self.now,
                    )
                )
                closed_at = datetime.combine(week + timedelta(days=20), datetime.min.time(), UTC)
                status = (
                    self.rng.choice([Status.NEW, Status.IN_REVIEW, Status.READY_TO_CODE])
                    if is_open
                    else Status.CLOSED
                )
                reason = (
                    ""
                    if is_open
                    else self.rng.choices(
                        [
                            ClosureReason.LEARNING_CAPTURED,
                            ClosureReason.NO_FURTHER_ACTION,
                            ClosureReason.DUPLICATE,
                        ],
                        [85, 12, 3],
                    )[0]
                )
                raw = (
                    envelope.encrypt(
                        data_key,
                        json.dumps(
                            dict(
                                zip(
                                    (
                                        "what_happened",
                                        "what_caught_it",
                                        "what_made_it_likely",
                                        "what_would_prevent",
                                    ),
                                    text,
                                    strict=True,
                                )
                            )
                        ),
                        context=f"report:{key_pk}:narrative",
                    )
                    if is_open
                    else None
                )
                reports.append(
                    (
                        report_pk,
                        next(references),
                        org.pk,
                        self.rng.choice(org.teams) if self.rng.random() < 0.8 else None,
                        self.rng.choice(Route.values),
                        status,
                        self.rng.choices(Outcome.values, [8, 30, 50, 12])[0],
                        self.rng.choice(Setting.values),
                        week.replace(day=1),
                        self.rng.choice(PartOfDay.values),
                        self.rng.sample(Factor.values, self.rng.randint(0, 3)),
                        week,
                        *text,
                        {},
                        None if is_open else closed_at,
                        key_pk,
                        raw,
                        hashlib.sha256(f"load-receipt-{report_pk}".encode()).hexdigest(),
                        org.analyst if is_open and self.rng.random() < 0.5 else None,
                        week + timedelta(days=14),
                        reason,
                        "",
                        None if is_open else closed_at,
                    )
                )
                if reason == ClosureReason.LEARNING_CAPTURED:
                    coded.append((report_pk, org.analyst, closed_at))
        with self._step("reports", total) as tick, transaction.atomic():
            bulk.write(
                DataKey,
                ["id", "purpose", "wrapped", "kek_id", "created_at", "destroyed_at"],
                keys,
            )
            bulk.write(
                Report,
                [
                    "id",
                    "reference",
                    "organisation",
                    "team",
                    "route",
                    "status",
                    "outcome",
                    "setting",
                    "occurred_month",
                    "part_of_day",
                    "factors",
                    "received_week",
                    "what_happened",
                    "what_caught_it",
                    "what_made_it_likely",
                    "what_would_prevent",
                    "redactions",
                    "redactions_reviewed_at",
                    "data_key",
                    "raw_sealed",
                    "receipt_digest",
                    "assigned_to",
                    "due_on",
                    "closure_reason",
                    "outcome_for_reporter",
                    "closed_at",
                ],
                reports,
                on_rows=tick,
            )
            bulk.reset_sequence(DataKey)
            bulk.reset_sequence(Report)
        del reports, keys
        if version is not None and codes:
            self._codings(coded, version.pk, by_axis)
        self._themes(orgs, coded)

    def _references(self, count: int) -> Iterator[str]:
        taken = set(Report.objects.values_list("reference", flat=True))
        made = 0
        while made < count:
            reference = "CR-" + "".join(self.rng.choices(REFERENCE_ALPHABET, k=6))
            if reference not in taken:
                taken.add(reference)
                made += 1
                yield reference

    def _codings(
        self, coded: list[tuple[int, int, datetime]], version: int, by_axis: dict[str, list[int]]
    ) -> None:
        coding_ids = iter(bulk.next_ids(Coding, len(coded)))
        codings: list[tuple[Any, ...]] = []
        values: list[tuple[Any, ...]] = []
        for report_pk, analyst, at in coded:
            pk = next(coding_ids)
            codings.append((pk, report_pk, analyst, version, True, "", at))
            chosen: list[tuple[int, str]] = []
            for axis, how_many in (
                (Axis.EVENT, 1),
                (Axis.DEFENCE, 2),
                (Axis.FACTOR, 2),
                (Axis.REASONING, 1),
                (Axis.RECOVERY, 1),
            ):
                pool = by_axis.get(axis, [])
                for code in self.rng.sample(pool, min(how_many, len(pool))):
                    state = self.rng.choice(DefenceState.values) if axis == Axis.DEFENCE else ""
                    chosen.append((code, state))
            values.extend((pk, code, state) for code, state in chosen)
        with self._step("codings", len(codings) + len(values)) as tick, transaction.atomic():
            bulk.write(
                Coding,
                [
                    "id",
                    "report",
                    "analyst",
                    "taxonomy_version",
                    "is_primary",
                    "note",
                    "submitted_at",
                ],
                codings,
                on_rows=tick,
            )
            bulk.write(CodedValue, ["coding", "code", "defence_state"], values, on_rows=tick)
            bulk.reset_sequence(Coding)
            bulk.reset_sequence(CodedValue)

    def _themes(self, orgs: list[_Org], coded: list[tuple[int, int, datetime]]) -> None:
        names = list(Theme.objects.values_list("name", "description")[:20]) or [
            ("Letters sent to the wrong address", "Post for one family goes to another.")
        ]
        theme_ids = iter(bulk.next_ids(Theme, len(orgs) * len(names)))
        themes: list[tuple[Any, ...]] = []
        by_org: dict[int, list[int]] = {}
        for org in orgs:
            mine = []
            for name, description in names:
                pk = next(theme_ids)
                status = self.rng.choice([ThemeStatus.CONFIRMED, ThemeStatus.SUGGESTED])
                themes.append((pk, org.pk, name, description, status, [], self.now, self.now))
                mine.append(pk)
            by_org[org.pk] = mine
        members = []
        report_org = self._report_orgs(coded)
        for report_pk, analyst, _at in coded:
            if self.rng.random() < 0.3:
                members.append(
                    (self.rng.choice(by_org[report_org[report_pk]]), report_pk, analyst, self.now)
                )
        with self._step("themes", len(themes) + len(members)) as tick, transaction.atomic():
            bulk.write(
                Theme,
                [
                    "id",
                    "organisation",
                    "name",
                    "description",
                    "status",
                    "key_terms",
                    "created_at",
                    "updated_at",
                ],
                themes,
                on_rows=tick,
            )
            bulk.write(
                ThemeReport, ["theme", "report", "added_by", "added_at"], members, on_rows=tick
            )
            bulk.reset_sequence(Theme)
            bulk.reset_sequence(ThemeReport)

    def _report_orgs(self, coded: list[tuple[int, int, datetime]]) -> dict[int, int]:
        low = min((c[0] for c in coded), default=0)
        return dict(Report.objects.filter(pk__gte=low).values_list("pk", "organisation"))

    # -- ideas -------------------------------------------------------------------------

    def ideas(self, orgs: list[_Org]) -> None:
        total = self.volumes.ideas
        texts = list(Idea.objects.values_list("problem", "idea", "expected_benefit")[:500]) or [
            (
                "Core group dates clash with school runs.",
                "Offer a 10am slot.",
                "Parents can come.",
            )
        ]
        ids = iter(bulk.next_ids(Idea, total))
        rows: list[tuple[Any, ...]] = []
        statuses = [
            IdeaStatus.NEW,
            IdeaStatus.UNDER_REVIEW,
            IdeaStatus.TRIAL,
            IdeaStatus.ADOPTED,
            IdeaStatus.NOT_ADOPTED,
            IdeaStatus.SHARED,
        ]
        for org, count in zip(orgs, self._counts(orgs, total), strict=True):
            for _ in range(count):
                weeks_ago = self._weeks_ago()
                created = self.now - timedelta(weeks=weeks_ago, hours=self.rng.randint(0, 160))
                recent = weeks_ago < 3
                status = (
                    self.rng.choice(statuses[:2])
                    if recent
                    else self.rng.choices(statuses, [3, 4, 6, 55, 25, 7])[0]
                )
                responded = status != IdeaStatus.NEW
                first_response = created + timedelta(days=self.rng.randint(1, 12))
                adopted = status in (IdeaStatus.ADOPTED, IdeaStatus.SHARED)
                problem, idea, benefit = self.rng.choice(texts)
                team = self.rng.choice(org.teams)
                rows.append(
                    (
                        next(ids),
                        org.pk,
                        team,
                        self.rng.choice(org.staff),
                        self.rng.random() < 0.2,
                        self.rng.choice(ProblemKind.values),
                        problem,
                        idea,
                        benefit,
                        status,
                        created,
                        (created + timedelta(days=7)).date(),
                        first_response if responded else None,
                        first_response if responded else created,
                        created + timedelta(days=60) if adopted else None,
                        self.rng.randint(10, 240) if adopted else None,
                    )
                )
        with self._step("ideas", total) as tick, transaction.atomic():
            bulk.write(
                Idea,
                [
                    "id",
                    "organisation",
                    "team",
                    "author",
                    "name_hidden_from_colleagues",
                    "problem_kind",
                    "problem",
                    "idea",
                    "expected_benefit",
                    "status",
                    "created_at",
                    "respond_by",
                    "first_response_at",
                    "last_activity_at",
                    "adopted_at",
                    "minutes_saved_per_week",
                ],
                rows,
                on_rows=tick,
            )
            bulk.reset_sequence(Idea)

    # -- children's feedback -------------------------------------------------------------

    def feedback(self, orgs: list[_Org]) -> None:
        total = self.volumes.feedback
        texts = list(
            Feedback.objects.values_list("what_was_good", "what_would_be_better", "idea")[:2000]
        ) or [("My social worker listened to me.", "Come on time.", "")]
        theme_pool = list(FeedbackTheme.objects.values_list("key", "label").distinct()[:12]) or [
            ("listened", "Being listened to")
        ]
        theme_ids = iter(bulk.next_ids(FeedbackTheme, len(orgs) * len(theme_pool)))
        themes: list[tuple[Any, ...]] = []
        org_themes: dict[int, list[int]] = {}
        existing = set(FeedbackTheme.objects.values_list("organisation", "key"))
        for org in orgs:
            mine = []
            for key, label in theme_pool:
                if (org.pk, key) in existing:
                    continue
                pk = next(theme_ids)
                themes.append((pk, org.pk, key, label, self.now))
                mine.append(pk)
            org_themes[org.pk] = mine
        ids = iter(bulk.next_ids(Feedback, total))
        rows: list[tuple[Any, ...]] = []
        tags: list[tuple[Any, ...]] = []
        for org, count in zip(orgs, self._counts(orgs, total), strict=True):
            for _ in range(count):
                pk = next(ids)
                good, better, idea = self.rng.choice(texts)
                status = self.rng.choices(FeedbackStatus.values, [5, 92, 3])[0]
                rows.append(
                    (
                        pk,
                        org.pk,
                        self.rng.choice(org.teams),
                        self.rng.choice(AgeBand.values),
                        self.rng.choices(Rating.values, [45, 30, 10, 6, 5, 4])[0],
                        self.rng.choice(WorkedWith.values),
                        good,
                        better,
                        idea,
                        {},
                        self._week(self._weeks_ago()),
                        status,
                        org.analyst if status != FeedbackStatus.NEW else None,
                        self.now if status != FeedbackStatus.NEW else None,
                    )
                )
                if org_themes[org.pk] and self.rng.random() < 0.5:
                    tags.append((pk, self.rng.choice(org_themes[org.pk]), None, 0.8))
        with self._step("feedback", total + len(tags)) as tick, transaction.atomic():
            bulk.write(FeedbackTheme, ["id", "organisation", "key", "label", "created_at"], themes)
            bulk.write(
                Feedback,
                [
                    "id",
                    "organisation",
                    "team",
                    "age_band",
                    "rating",
                    "worked_with",
                    "what_was_good",
                    "what_would_be_better",
                    "idea",
                    "redactions",
                    "received_week",
                    "status",
                    "moderated_by",
                    "moderated_at",
                ],
                rows,
                on_rows=tick,
            )
            bulk.write(
                FeedbackThemeTag,
                ["feedback", "theme", "confirmed_by", "score"],
                tags,
                on_rows=tick,
            )
            for model in (FeedbackTheme, Feedback, FeedbackThemeTag):
                bulk.reset_sequence(model)

    # -- the audit trail -----------------------------------------------------------------

    def audit(self, orgs: list[_Org]) -> None:
        """Append events to the chain through the recorder's batch writer."""
        total = self.volumes.audit_events
        kinds = list(AuditEventType)
        people = [(org.pk, org.staff + org.managers + [org.analyst, org.admin]) for org in orgs]
        weights = [org.share for org in orgs]
        start = self.now - timedelta(days=365 * YEARS)
        step = timedelta(days=365 * YEARS) / max(total, 1)

        def events() -> Iterator[NewEvent]:
            for n in range(total):
                org_pk, staff = self.rng.choices(people, weights)[0]
                yield NewEvent(
                    event_type=self.rng.choice(kinds),
                    actor_id=self.rng.choice(staff),
                    organisation_id=org_pk,
                    object_type="load.object",
                    object_id=str(self.rng.randint(1, 1_000_000)),
                    occurred_at=start + step * n,
                )

        with self._step("audit events", total) as tick, transaction.atomic():
            # The recorder locks the chain and reads its head before COPY starts (the
            # connection can run nothing else while a COPY is open), then hashes each
            # row as ``record`` would while COPY streams them in.
            record_many(
                events(),
                write=lambda names, rows: bulk.write(AuditEvent, names, rows, on_rows=tick),
            )
            bulk.reset_sequence(AuditEvent)

    # -- workforce -----------------------------------------------------------------------

    def workforce(self, orgs: list[_Org]) -> None:
        """Two years of workforce files per council, through the real importer."""
        from candour.workforce.models import ImportBatch

        have = set(ImportBatch.objects.values_list("organisation", flat=True))
        todo = [org for org in orgs if org.pk not in have]
        names = dict(Team.objects.values_list("pk", "name"))
        admins = User.objects.in_bulk([org.admin for org in todo])
        organisations = Organisation.objects.in_bulk([org.pk for org in todo])
        with self._step("workforce imports", len(todo)) as tick:
            for n, org in enumerate(todo):
                for kind, filename, content in demo_files(
                    sorted(names[t] for t in org.teams), seed=n
                ):
                    result = import_file(
                        actor=admins[org.admin],
                        organisation=organisations[org.pk],
                        kind=kind,
                        filename=filename,
                        content=content,
                    )
                    if not result.ok:
                        raise RuntimeError(
                            f"workforce file {filename} refused: {result.problems[:3]}"
                        )
                    self.result.rows[f"workforce {kind}"] = (
                        self.result.rows.get(f"workforce {kind}", 0) + result.rows
                    )
                tick(1)

    def run(self, parts: Sequence[str]) -> Generated:
        orgs = self.organisations()
        if "reports" in parts:
            self.reports(orgs)
        if "ideas" in parts:
            self.ideas(orgs)
        if "feedback" in parts:
            self.feedback(orgs)
        if "workforce" in parts:
            self.workforce(orgs)
        if "audit" in parts:
            self.audit(orgs)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # fresh planner statistics for the new volumes
        return self.result


PARTS = ("reports", "ideas", "feedback", "workforce", "audit")
