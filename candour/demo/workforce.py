"""Demo organisational health data for Riverside, imported through the real import service.

The files are made in code, dated back from the end of last month, so the charts always
show the recent past: two years of staff in post (with leavers, starters and agency
cover), monthly vacancies, quarterly caseloads, sickness absence, and four years of
demand with its seasons and a surge over the last ten weeks (made up by us).
"""

from __future__ import annotations

import calendar
import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from candour.workforce.health.services import add_chart_event
from candour.workforce.imports.services import import_file
from candour.workforce.models import ChartEvent, ImportKind, WorkforceSettings

if TYPE_CHECKING:
    from candour.accounts.models import User
    from candour.core.models import Organisation, Team

# Lewisham (an inner London borough): its statistical neighbours are other London boroughs.
DEMO_DFE_AREA_CODE = "E09000023"
SURGE_WEEKS = 10
SURGE = 0.3  # the monthly measures' rise in the surge
SURGE_MONTHS = 3  # the surge's months: the last three
DEMAND_WEEKS = 4 * 52
# The demand draw is chosen, not typical (docs/adr/0024): at this size a 30% rise is
# flagged within three months only about half the time on a conferences or plans chart
# (benchmarks/surge_detection.py), and the demo is there to show a flag. With this draw
# all three monthly charts flag the surge, and ordinary weeks at most once a year,
# whichever month the demo is loaded in (checked over three years of load dates).
DEMAND_SEED = 24
CASE_HOLDING = ("Social worker", "Senior practitioner", "Newly qualified social worker")
SHORT_REASONS = (
    "cold_cough_flu",
    "cold_cough_flu",
    "gastrointestinal",
    "headache_migraine",
    "musculoskeletal",
    "back_problems",
    "chest_respiratory",
)
LEAVING_REASONS = (
    "resignation",
    "resignation",
    "resignation",
    "retirement",
    "moved_within_council",
)
# How busy each month is, relative to the year's average: quiet in August and at Christmas.
SEASON = {
    1: 1.0,
    2: 1.05,
    3: 1.08,
    4: 0.95,
    5: 1.05,
    6: 1.04,
    7: 1.0,
    8: 0.76,
    9: 1.04,
    10: 1.12,
    11: 1.1,
    12: 0.84,
}


@dataclass
class _Post:
    person: str
    team: str
    role: str
    fte: str
    agency: bool
    start: date
    end: date | None = None
    reason: str = ""

    def in_post(self, on: date) -> bool:
        return self.start <= on and (self.end is None or self.end > on)


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _month_ends(last: date, count: int) -> list[date]:
    ends, year, month = [], last.year, last.month
    for _ in range(count):
        ends.append(_month_end(date(year, month, 1)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return ends[::-1]


def _weekday_on_or_after(day: date) -> date:
    return day + timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(["" if cell is None else cell for cell in row] for row in rows)
    return buffer.getvalue().encode()


def _posts(rng: random.Random, team_names: list[str], first: date, last: date) -> list[_Post]:
    posts: list[_Post] = []
    number = 100

    def reference() -> str:
        nonlocal number
        number += 1
        return f"RB{number:04d}"

    for team in team_names:
        pressured = team.startswith(("Assessment", "Multi-Agency"))
        posts.append(_Post(reference(), team, "Team manager", "1", False, date(2014, 1, 6)))
        for index in range(8):
            role = "Senior practitioner" if index < 2 else "Social worker"
            fte = "0.8" if index == 5 else "1"
            started = first - timedelta(days=rng.randint(120, 3000))
            post = _Post(reference(), team, role, fte, False, _weekday_on_or_after(started))
            posts.append(post)
            leaves = rng.random() < (0.4 if pressured else 0.2)
            if not leaves:
                continue
            post.end = first + timedelta(days=rng.randint(30, (last - first).days - 60))
            post.reason = rng.choice(LEAVING_REASONS)
            # Agency cover first in the pressured teams; a permanent starter later, if at all.
            gap = timedelta(days=rng.randint(14, 50))
            if pressured and post.end + gap < last:
                cover = _Post(
                    reference(),
                    team,
                    "Social worker",
                    "1",
                    True,
                    _weekday_on_or_after(post.end + gap),
                )
                posts.append(cover)
                if rng.random() < 0.4 and cover.start + timedelta(days=150) < last:
                    cover.end = cover.start + timedelta(days=rng.randint(90, 150))
                    cover.reason = "end_of_contract"
            elif post.end + gap * 3 < last:
                role = "Newly qualified social worker" if rng.random() < 0.5 else "Social worker"
                start = _weekday_on_or_after(post.end + gap * 3)
                posts.append(_Post(reference(), team, role, "1", False, start))
    return posts


def _staff_file(posts: list[_Post]) -> bytes:
    return _csv(
        [
            "person_reference",
            "team",
            "role",
            "fte",
            "contract",
            "start_date",
            "end_date",
            "leaving_reason",
        ],
        [
            [
                p.person,
                p.team,
                p.role,
                p.fte,
                "agency" if p.agency else "permanent",
                p.start,
                p.end,
                p.reason,
            ]
            for p in posts
        ],
    )


def _vacancy_file(rng: random.Random, team_names: list[str], ends: list[date]) -> bytes:
    rows: list[list[object]] = []
    for index, on in enumerate(ends):
        worsening = index / len(ends)
        for team in team_names:
            base = 1.5 if team.startswith(("Assessment", "Multi-Agency")) else 0.5
            vacant = round(base + worsening * 1.5 + rng.choice((0, 0, 0.5, 1)), 1)
            if vacant > 0:
                rows.append(
                    [team, "Social worker", vacant, on, "yes" if rng.random() < 0.7 else "no"]
                )
    return _csv(["team", "role", "fte", "date", "covered_by_agency"], rows)


def _caseload_file(rng: random.Random, posts: list[_Post], snapshots: list[date]) -> bytes:
    rows: list[list[object]] = []
    for index, on in enumerate(snapshots):
        latest = index == len(snapshots) - 1
        holders = [p for p in posts if p.role in CASE_HOLDING and p.in_post(on)]
        for number, post in enumerate(holders):
            cases = rng.randint(12, 19) + (2 if post.team.startswith("Assessment") else 0)
            if post.role == "Newly qualified social worker":
                cases = rng.randint(8, 13)
            elif number % 7 == 3:
                cases = rng.randint(21, 26)  # a few carry more than 20
            if latest and number == 2:
                cases = 32  # one worker carries more than 30
            rows.append([post.person, post.team, on, cases])
    return _csv(["person_reference", "team", "date", "cases_held"], rows)


def _absence_file(rng: random.Random, posts: list[_Post], first: date, last: date) -> bytes:
    rows: list[list[object]] = []
    long_term_given = False
    for post in posts:
        start = max(post.start, first)
        end = min(post.end or last, last)
        day = start + timedelta(days=rng.randint(10, 120))
        while day < end - timedelta(days=20):
            day = _weekday_on_or_after(day)
            if (
                not long_term_given
                and post.team.startswith("Assessment")
                and day > first + timedelta(days=300)
            ):
                reason, length, disability = "mental_health", 41, False
                long_term_given = True
            elif rng.random() < 0.15:
                reason, length, disability = "mental_health", rng.randint(5, 14), False
            else:
                reason, length, disability = (
                    rng.choice(SHORT_REASONS),
                    rng.randint(1, 3),
                    rng.random() < 0.05,
                )
            finish = min(day + timedelta(days=length - 1), end)
            rows.append(
                [post.person, post.team, day, finish, reason, "yes" if disability else "no"]
            )
            day = finish + timedelta(days=rng.randint(40, 220))
    return _csv(
        [
            "person_reference",
            "team",
            "start_date",
            "end_date",
            "reason_category",
            "disability_related",
        ],
        rows,
    )


def _demand_file(seed: int, last: date) -> bytes:
    """Four years of demand, the last ten weeks of referrals rising (18% to 45%) and
    section 47 enquiries, conferences and plans started up by 30% in the last 3 months.

    The surge is made up by us, to show the control charts and the early warning at work
    (issue 20); the sizes are an inner London borough's (DfE 2025: some 1,400 section 47
    enquiries a year). Its own random stream, the same whatever the teams are called.
    """
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    rows: list[list[object]] = []
    # The last whole week (Monday to Sunday) on or before ``last``.
    final_monday = last - timedelta(days=(last.weekday() + 1) % 7 + 6)
    mondays = [final_monday - timedelta(weeks=weeks) for weeks in range(DEMAND_WEEKS - 1, -1, -1)]
    for index, monday in enumerate(mondays):
        weeks_from_end = len(mondays) - 1 - index
        factor = SEASON[monday.month]
        if (monday.month, monday.day) >= (12, 20) or (monday.month, monday.day) <= (1, 3):
            factor = 0.6  # Christmas and New Year
        if weeks_from_end < SURGE_WEEKS:
            factor *= 1.15 + 0.03 * (SURGE_WEEKS - weeks_from_end)
        mean = 95 * factor
        rows.append([monday, "week", "referrals", max(0, round(rng.gauss(mean, mean**0.5)))])
    first_month = date(mondays[0].year, mondays[0].month, 1)
    months = [
        date(end.year, end.month, 1)
        for end in _month_ends(last, DEMAND_WEEKS // 4)
        if date(end.year, end.month, 1) >= first_month
    ]
    for index, month in enumerate(months):
        factor = SEASON[month.month] * (1 + SURGE if index >= len(months) - SURGE_MONTHS else 1)
        s47 = max(0, round(rng.gauss(120 * factor, (120 * factor) ** 0.5)))
        icpc = max(0, round(rng.gauss(0.3 * s47, (0.3 * s47) ** 0.5)))
        plans = max(0, round(rng.gauss(0.85 * icpc, (0.1 * icpc) ** 0.5)))
        rows += [
            [month, "month", "s47", s47],
            [month, "month", "icpc", icpc],
            [month, "month", "cp_plans_started", plans],
        ]
    return _csv(["period_start", "period_type", "measure", "count"], rows)


def demo_files(team_names: list[str], *, seed: int = 7) -> list[tuple[ImportKind, str, bytes]]:
    """Two years of workforce files for these teams, as a council would export them."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    last = today.replace(day=1) - timedelta(days=1)
    first = last - timedelta(days=2 * 365)
    posts = _posts(rng, team_names, first, last)
    snapshots = _month_ends(last, 24)[2::3]
    return [
        (ImportKind.STAFF_IN_POST, "staff_in_post.csv", _staff_file(posts)),
        (
            ImportKind.VACANCIES,
            "vacancies.csv",
            _vacancy_file(rng, team_names, _month_ends(last, 24)),
        ),
        (ImportKind.CASELOADS, "caseloads.csv", _caseload_file(rng, posts, snapshots)),
        (ImportKind.ABSENCE_SPELLS, "absence_spells.csv", _absence_file(rng, posts, first, last)),
        (ImportKind.DEMAND, "demand.csv", _demand_file(seed + DEMAND_SEED, last)),
    ]


def load(organisation: Organisation, teams: dict[str, Team], admin: User) -> int:
    """Import the demo files for the organisation's teams; returns the rows imported."""
    last = timezone.localdate().replace(day=1) - timedelta(days=1)
    files = demo_files(sorted(teams))
    imported = 0
    for kind, filename, content in files:
        result = import_file(
            actor=admin, organisation=organisation, kind=kind, filename=filename, content=content
        )
        if not result.ok:
            problems = "; ".join(str(problem) for problem in result.problems[:5])
            raise RuntimeError(f"demo {kind} file refused: {problems}")
        imported += result.rows
    WorkforceSettings.objects.update_or_create(
        organisation=organisation, defaults={"dfe_area_code": DEMO_DFE_AREA_CODE}
    )
    ChartEvent.objects.create(
        organisation=None,
        on_date=last - timedelta(weeks=SURGE_WEEKS + 1),
        label="National child safeguarding practice review published",
    )
    # The organisation's own event goes through the service, as a manager's would (audited).
    add_chart_event(
        actor=admin,
        organisation=organisation,
        on_date=last - timedelta(days=230),
        label="Ofsted inspection of children's services (ILACS)",
    )
    return imported
