"""Workforce indicators per organisation and per team, month by month (issue 7).

Periods are calendar months, each measured at its last day, over the twelve months up
to the latest month with imported data. The DfE measures count social workers only
(``statistics.workforce.is_social_worker_role``: support staff are left out):
- in post, agency and their FTE: posts started by the last day and not yet ended
  (``ended_on`` is the leaving date, so a post ending on the last day is a leaver);
- turnover is annualised as the DfE's is: leavers from the council (FTE) in the 12
  months to the last day / in-post FTE on it. A post ended by a move within the council
  (``moved_within_council``, or another post of the same person carrying on within a
  week) is not a leaver; vacancy and agency rates use the DfE's denominators;
- starters mirror leavers: employed posts started in the 12 months to the last day, less
  arrivals by a move within the council; starter rate = starters FTE / in-post FTE;
- vacancies and caseloads are the latest snapshot dated within the month;
- the absence rate is FTE working days lost in the month by the social workers in post
  at its end (not agency workers, not leavers) / (their FTE x the month's working days,
  Monday to Friday less England's bank holidays): the DfE's basis, for one month.
Absence in detail (spells, length, reasons, concentration, Bradford factor) is over the
12 months (52 weeks for the Bradford factor) to the latest month's end, for the people
employed (not agency) at some time in it, and for the same rolling 12 months ending each
of the last 8 quarters (counted back from the latest month). Everything is computed by
``candour.lib.statistics``; this module only gathers the rows.
"""

from __future__ import annotations

import calendar
import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candour.core.models import Organisation, Team
from candour.lib.statistics import absence, workforce
from candour.lib.statistics.concentration import LorenzPoint
from candour.lib.statistics.spiral import HealthPeriod
from candour.lib.working_days import (
    england_bank_holidays_between,
    working_days_between,
)
from candour.workforce.demand import organisation_totals
from candour.workforce.models import (
    AbsenceSpell,
    Caseload,
    DemandCount,
    StaffPost,
    Vacancy,
)

HISTORY_MONTHS = 12
ABSENCE_QUARTERS = 8
ABSENCE_WINDOW = timedelta(days=365)
# Staff groups: no absence figure about fewer than 5 people (METRICS.md, small numbers).
SMALLEST_GROUP = 5
CASELOAD_BANDS = (20, 30)
# A new post of the same person starting within this long of the old one's end is a move.
MOVE_GAP = timedelta(days=7)
INTERNAL_MOVE = "moved_within_council"


@dataclass
class WorkforceRows:
    """Everything imported for an organisation, loaded once and split by team in memory."""

    posts: list[StaffPost] = field(default_factory=list)
    vacancies: list[Vacancy] = field(default_factory=list)
    caseloads: list[Caseload] = field(default_factory=list)
    spells: list[AbsenceSpell] = field(default_factory=list)
    demand: list[DemandCount] = field(default_factory=list)
    # Posts (by pk) that ended in a move within the council, judged across all teams.
    moves: frozenset[int] = frozenset()
    # Posts (by pk) that began with a move within the council: not starters.
    arrivals: frozenset[int] = frozenset()

    def for_team(self, team_id: int) -> WorkforceRows:
        return WorkforceRows(
            posts=[row for row in self.posts if row.team_id == team_id],
            vacancies=[row for row in self.vacancies if row.team_id == team_id],
            caseloads=[row for row in self.caseloads if row.team_id == team_id],
            spells=[row for row in self.spells if row.team_id == team_id],
            demand=[row for row in self.demand if row.team_id == team_id],
            moves=self.moves,
            arrivals=self.arrivals,
        )

    def latest_date(self) -> date | None:
        dates = [row.on_date for row in self.vacancies]
        dates += [row.on_date for row in self.caseloads]
        dates += [row.starts_on for row in self.spells]
        dates += [row.period_start for row in self.demand]
        dates += [row.started_on for row in self.posts if row.started_on]
        dates += [row.ended_on for row in self.posts if row.ended_on]
        return max(dates, default=None)


def internal_moves(posts: Sequence[StaffPost]) -> frozenset[int]:
    """Posts whose end was a move within the council, not leaving it.

    Either the file says so, or the same person holds another employed post that has
    started by a week after this one ended and carries on past its end.
    """
    by_person: dict[str, list[StaffPost]] = {}
    for post in posts:
        if not post.agency:
            by_person.setdefault(post.person_reference, []).append(post)
    moves = set()
    for held in by_person.values():
        for post in held:
            if post.ended_on is None:
                continue
            if post.leaving_reason == INTERNAL_MOVE or any(
                other.pk != post.pk
                and (other.started_on is None or other.started_on <= post.ended_on + MOVE_GAP)
                and (other.ended_on is None or other.ended_on > post.ended_on)
                for other in held
            ):
                moves.add(post.pk)
    return frozenset(moves)


def internal_arrivals(posts: Sequence[StaffPost], moves: frozenset[int]) -> frozenset[int]:
    """Posts that began with a move within the council, not joining it (the leavers rule
    turned round): the same person holds another employed post that started earlier and
    either carries on to within a week of this one's start or ended in a move."""
    by_person: dict[str, list[StaffPost]] = {}
    for post in posts:
        if not post.agency:
            by_person.setdefault(post.person_reference, []).append(post)
    arrivals = set()
    for held in by_person.values():
        for post in held:
            if post.started_on is None:
                continue
            if any(
                other.pk != post.pk
                and (other.started_on is None or other.started_on < post.started_on)
                and (
                    other.ended_on is None
                    or other.ended_on >= post.started_on - MOVE_GAP
                    or (other.pk in moves and other.ended_on <= post.started_on)
                )
                for other in held
            ):
                arrivals.add(post.pk)
    return frozenset(arrivals)


def load_rows(organisation: Organisation) -> WorkforceRows:
    """The organisation's imported rows (five queries)."""
    posts = list(StaffPost.objects.filter(organisation=organisation))
    moves = internal_moves(posts)
    return WorkforceRows(
        posts=posts,
        moves=moves,
        arrivals=internal_arrivals(posts, moves),
        vacancies=list(Vacancy.objects.filter(organisation=organisation)),
        caseloads=list(Caseload.objects.filter(organisation=organisation)),
        spells=list(AbsenceSpell.objects.filter(organisation=organisation)),
        demand=list(DemandCount.objects.filter(organisation=organisation)),
    )


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_ends(last: date, count: int = HISTORY_MONTHS) -> list[date]:
    """The last days of ``count`` months ending with ``last``'s month, oldest first."""
    ends = []
    year, month = last.year, last.month
    for _month in range(count):
        ends.append(month_end(date(year, month, 1)))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return ends[::-1]


def _in_post(post: StaffPost, on: date) -> bool:
    started = post.started_on is None or post.started_on <= on
    return started and (post.ended_on is None or post.ended_on > on)


def _fte(value: Decimal | float) -> float:
    return float(value)


_Snapshot = TypeVar("_Snapshot", Vacancy, Caseload)


def _latest_snapshot(rows: Iterable[_Snapshot], start: date, end: date) -> list[_Snapshot]:
    within = [row for row in rows if start <= row.on_date <= end]
    if not within:
        return []
    latest = max(row.on_date for row in within)
    return [row for row in within if row.on_date == latest]


def _person_fte(posts: Sequence[StaffPost], on: date) -> dict[str, float]:
    return {post.person_reference: _fte(post.fte) for post in posts if _in_post(post, on)}


def _holidays(start: date, end: date) -> set[date]:
    return england_bank_holidays_between(start, end)


def _counted_spell(spell: AbsenceSpell, start: date, end: date, fte: float) -> absence.CountedSpell:
    whole = start <= spell.starts_on and spell.ends_on <= end
    clipped_start, clipped_end = max(spell.starts_on, start), min(spell.ends_on, end)
    counted = absence.count_spell(
        absence.AbsenceSpell(
            person=spell.person_reference,
            start=clipped_start,
            end=clipped_end,
            reason=spell.reason,
            disability_related=spell.disability_related,
            fte=fte,
        ),
        _holidays(clipped_start, clipped_end),
    )
    # A spell wholly inside the period keeps the days HR recorded, when it recorded them.
    if whole and spell.working_days_lost is not None:
        return absence.CountedSpell(
            person=counted.person,
            days_lost=float(spell.working_days_lost),
            reason=counted.reason,
            length=absence.classify_by_calendar_days((spell.ends_on - spell.starts_on).days + 1),
            disability_related=counted.disability_related,
        )
    return counted


def _spells_between(
    rows: WorkforceRows, start: date, end: date, people: set[str]
) -> list[absence.CountedSpell]:
    """Spells of ``people`` overlapping start to end, clipped to it."""
    fte = _person_fte(rows.posts, end)
    return [
        _counted_spell(spell, start, end, fte.get(spell.person_reference, 1.0))
        for spell in rows.spells
        if spell.ends_on >= start and spell.starts_on <= end and spell.person_reference in people
    ]


@dataclass(frozen=True)
class PeriodIndicators:
    """One month's indicators for a team or the organisation; None = not known."""

    period: date
    people_in_post: int
    in_post_fte: float
    agency_fte: float
    leavers_fte: float
    vacancy_fte: float | None
    turnover_rate: float | None
    vacancy_rate: float | None
    agency_rate: float | None
    caseload: workforce.CaseloadDistribution | None
    days_lost: float
    working_days: int
    absence_rate: float | None
    referrals: int | None
    referrals_per_case_holder: float | None
    starters_fte: float = 0.0
    starter_rate: float | None = None

    @property
    def average_caseload(self) -> float | None:
        return self.caseload.average_per_fte if self.caseload else None

    def share_above(self, cases: int) -> float | None:
        if self.caseload is None or not self.caseload.workers:
            return None
        band = next((b for b in self.caseload.bands if b.above == cases), None)
        return band.share * 100 if band else None

    def health_period(self) -> HealthPeriod:
        return HealthPeriod(
            period=self.period,
            caseload=self.average_caseload,
            vacancy_rate=self.vacancy_rate,
            agency_rate=self.agency_rate,
            turnover_rate=self.turnover_rate,
            absence_rate=self.absence_rate,
            demand_per_worker=self.referrals_per_case_holder,
        )


def period_indicators(rows: WorkforceRows, end: date) -> PeriodIndicators:
    """The indicators for the month ending ``end``."""
    start = end.replace(day=1)
    social_workers = [p for p in rows.posts if workforce.is_social_worker_role(p.role)]
    in_post = [p for p in social_workers if not p.agency and _in_post(p, end)]
    in_post_fte = sum(_fte(p.fte) for p in in_post)
    agency_fte = sum(_fte(p.fte) for p in social_workers if p.agency and _in_post(p, end))
    year_before = end - ABSENCE_WINDOW
    leavers_fte = sum(
        _fte(p.fte)
        for p in social_workers
        if not p.agency
        and p.ended_on is not None
        and year_before < p.ended_on <= end
        and p.pk not in rows.moves
    )
    starters_fte = sum(
        _fte(p.fte)
        for p in social_workers
        if not p.agency
        and p.started_on is not None
        and year_before < p.started_on <= end
        and p.pk not in rows.arrivals
    )
    vacancies = _latest_snapshot(rows.vacancies, start, end)
    vacancy_fte = None
    if vacancies:
        vacancy_fte = sum(_fte(v.fte) for v in vacancies if workforce.is_social_worker_role(v.role))
    snapshot = _latest_snapshot(rows.caseloads, start, end)
    distribution = None
    if snapshot:
        fte = _person_fte(rows.posts, snapshot[0].on_date)
        holders = [
            workforce.CaseHolder(c.person_reference, c.cases, fte.get(c.person_reference, 1.0))
            for c in snapshot
            if c.cases > 0
        ]
        distribution = workforce.caseload_distribution(holders, CASELOAD_BANDS)
    # The same people above and below the line: social workers in post at the month's end.
    counted = {p.person_reference for p in in_post}
    days_lost = sum(spell.days_lost for spell in _spells_between(rows, start, end, counted))
    working_days = working_days_between(start, end, _holidays(start, end))
    referral_rows = [
        d for d in rows.demand if d.measure == "referrals" and start <= d.period_start <= end
    ]
    referrals = None
    if referral_rows:
        referrals = sum(
            organisation_totals(
                (d.period_start, d.team_name, d.count) for d in referral_rows
            ).values()
        )
    per_holder = None
    if referrals is not None and distribution is not None:
        per_holder = workforce.average_caseload(referrals, distribution.case_holders_fte)
    known_in_post = in_post_fte if in_post else None
    return PeriodIndicators(
        period=end,
        people_in_post=len({p.person_reference for p in in_post}),
        in_post_fte=in_post_fte,
        agency_fte=agency_fte,
        leavers_fte=leavers_fte,
        vacancy_fte=vacancy_fte,
        turnover_rate=workforce.turnover_rate(leavers_fte, known_in_post),
        vacancy_rate=workforce.vacancy_rate(vacancy_fte, known_in_post),
        agency_rate=workforce.agency_rate(agency_fte, known_in_post),
        caseload=distribution,
        days_lost=days_lost,
        working_days=working_days,
        absence_rate=workforce.absence_rate(days_lost, known_in_post, working_days),
        referrals=referrals,
        referrals_per_case_holder=per_holder,
        starters_fte=starters_fte,
        starter_rate=workforce.starter_rate(starters_fte, known_in_post),
    )


def indicator_series(
    rows: WorkforceRows, last: date, months: int = HISTORY_MONTHS
) -> list[PeriodIndicators]:
    """Month by month, oldest first, ending with ``last``'s month."""
    return [period_indicators(rows, end) for end in month_ends(last, months)]


@dataclass(frozen=True)
class AbsenceDetail:
    """Absence over the 12 months to ``window_end``; ``summary`` is None for fewer than 5."""

    window_start: date
    window_end: date
    people: int
    summary: absence.AbsenceSummary | None
    bradford: list[absence.BradfordScore] | None
    # Held back although it has 5 or more people: the organisation's figure less the
    # teams shown would otherwise give the one small team's (complementary suppression).
    withheld: bool = False

    @property
    def too_few(self) -> bool:
        return self.summary is None

    @property
    def lorenz(self) -> list[LorenzPoint]:
        return self.summary.lorenz if self.summary else []


def absence_detail(
    rows: WorkforceRows,
    window_end: date,
    *,
    with_bradford: bool = False,
    smallest: int = 0,
) -> AbsenceDetail:
    """Spells, length, reasons and concentration; the Bradford list only when asked.

    Concentration is over everyone in post at some time in the window, zeros included.
    ``smallest``: below this many people, nothing is computed (a team under 5).
    The Bradford list leaves disability-related spells out (statistics.absence).
    """
    window_start = window_end - ABSENCE_WINDOW + timedelta(days=1)
    people = {
        p.person_reference
        for p in rows.posts
        if not p.agency
        and (p.started_on is None or p.started_on <= window_end)
        and (p.ended_on is None or p.ended_on >= window_start)
    }
    if len(people) < smallest:
        return AbsenceDetail(window_start, window_end, len(people), None, None)
    spells = _spells_between(rows, window_start, window_end, people)
    summary = absence.summarise_absence(spells, sorted(people))
    bradford = None
    if with_bradford:
        fte = _person_fte(rows.posts, window_end)
        dated = [
            absence.AbsenceSpell(
                person=s.person_reference,
                start=s.starts_on,
                end=s.ends_on,
                reason=s.reason,
                disability_related=s.disability_related,
                fte=fte.get(s.person_reference, 1.0),
            )
            for s in rows.spells
            if s.person_reference in people
        ]
        holidays = _holidays(window_end - absence.BRADFORD_WINDOW, window_end)
        bradford = absence.bradford_scores(absence.spells_in_window(dated, window_end, holidays))
    return AbsenceDetail(window_start, window_end, len(people), summary, bradford)


def quarter_ends(last: date, count: int = ABSENCE_QUARTERS) -> list[date]:
    """Every third month's last day back from ``last``'s month, ``count`` of them, oldest first.

    Counted back from the latest month (not calendar quarters), so the newest point is the
    same 12 months as the absence figures beside it.
    """
    return month_ends(last, 3 * count)[2::3]


def absence_over_time(
    rows: WorkforceRows, last: date, *, quarters: int = ABSENCE_QUARTERS, smallest: int = 0
) -> list[AbsenceDetail]:
    """Absence detail for the rolling 12 months ending each quarter, oldest first.

    ``smallest`` applies to each quarter's own people, so a team that was under 5 then
    shows nothing for that quarter.
    """
    return [absence_detail(rows, end, smallest=smallest) for end in quarter_ends(last, quarters)]


@dataclass(frozen=True)
class ScopeIndicators:
    """A team's (or, with team None, the organisation's) series and latest absence."""

    team: Team | None
    series: list[PeriodIndicators]
    absence: AbsenceDetail
    # Rolling 12 months to each of the last quarters; only computed when asked for.
    absence_quarters: list[AbsenceDetail] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.team.name if self.team else str(_("Whole organisation"))

    @property
    def latest(self) -> PeriodIndicators | None:
        return self.series[-1] if self.series else None

    @property
    def too_few(self) -> bool:
        """Under 5 people: no absence figure at all. A team whose detail is only withheld
        keeps its monthly rate (subtracting a rate needs both teams' denominators); its
        days, spells, reasons and concentration are what is held back."""
        return self.absence.too_few and not self.absence.withheld

    def health_periods(self) -> list[HealthPeriod]:
        periods = [period.health_period() for period in self.series]
        if self.too_few:
            # A team under 5 is never judged (nor its evidence worded) on its absence, as
            # the pages and the API never show its absence rate (METRICS.md).
            periods = [dataclasses.replace(p, absence_rate=None) for p in periods]
        return periods


@dataclass(frozen=True)
class OrganisationIndicators:
    organisation: Organisation
    last: date | None
    whole: ScopeIndicators
    teams: list[ScopeIndicators]


def organisation_indicators(
    organisation: Organisation,
    *,
    months: int = HISTORY_MONTHS,
    bradford_team: Team | None = None,
    today: date | None = None,
    absence_quarters: int = 0,
) -> OrganisationIndicators:
    """The series for the organisation and each of its teams.

    Team absence detail is withheld for teams of fewer than 5 people. The Bradford list
    is computed only for ``bradford_team``, and never for the organisation as a whole.
    ``absence_quarters``: how many quarters of absence over time (none unless asked).
    """
    rows = load_rows(organisation)
    last = rows.latest_date()
    if last is not None and today is not None:
        last = min(last, today)
    anchor = last or today or timezone.localdate()
    whole = ScopeIndicators(
        None,
        indicator_series(rows, anchor, months) if last else [],
        absence_detail(rows, month_end(anchor)),
        absence_over_time(rows, anchor, quarters=absence_quarters) if absence_quarters else [],
    )
    teams = []
    for team in Team.objects.filter(organisation=organisation).order_by("name"):
        team_rows = rows.for_team(team.pk)
        teams.append(
            ScopeIndicators(
                team,
                indicator_series(team_rows, anchor, months) if last else [],
                absence_detail(
                    team_rows,
                    month_end(anchor),
                    with_bradford=bradford_team is not None and team.pk == bradford_team.pk,
                    smallest=SMALLEST_GROUP,
                ),
                absence_over_time(
                    team_rows, anchor, quarters=absence_quarters, smallest=SMALLEST_GROUP
                )
                if absence_quarters
                else [],
            )
        )
    return OrganisationIndicators(organisation, last, whole, _protect_small_teams(teams))


def _withhold(detail: AbsenceDetail) -> AbsenceDetail:
    return dataclasses.replace(detail, summary=None, bradford=None, withheld=True)


def _protected(details: list[AbsenceDetail]) -> list[AbsenceDetail]:
    """Teams' absence for one window: where exactly one team with people is under 5, the
    smallest team shown is withheld too, so that no subtraction from the organisation's
    figure gives the small team's days, spells or reasons (METRICS.md: secondary cells)."""
    hidden = [d for d in details if d.too_few and d.people > 0]
    shown = [i for i, d in enumerate(details) if not d.too_few]
    if len(hidden) != 1 or not shown:
        return details
    smallest = min(shown, key=lambda i: (details[i].people, i))
    return [_withhold(d) if i == smallest else d for i, d in enumerate(details)]


def _protect_small_teams(teams: list[ScopeIndicators]) -> list[ScopeIndicators]:
    latest = _protected([scope.absence for scope in teams])
    count = len(teams[0].absence_quarters) if teams else 0
    quarters = [_protected([scope.absence_quarters[q] for scope in teams]) for q in range(count)]
    return [
        dataclasses.replace(
            scope,
            absence=latest[i],
            absence_quarters=[quarters[q][i] for q in range(count)],
        )
        for i, scope in enumerate(teams)
    ]


def by_reason_rows(detail: AbsenceDetail) -> list[tuple[str, float]]:
    return list(detail.summary.days_by_reason.items()) if detail.summary else []
