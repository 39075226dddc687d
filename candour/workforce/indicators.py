"""Workforce indicators per organisation and per team, month by month (issue 7).

Periods are calendar months, each measured at its last day, over the twelve months up
to the latest month with imported data. The DfE measures count social workers only
(``health_stats.workforce.is_social_worker_role``: support staff are left out):
- in post, agency and their FTE: posts started by the last day and not yet ended
  (``ended_on`` is the leaving date, so a post ending on the last day is a leaver);
- turnover is annualised as the DfE's is: leavers from the council (FTE) in the 12
  months to the last day / in-post FTE on it. A post ended by a move within the council
  (``moved_within_council``, or another post of the same person carrying on within a
  week) is not a leaver; vacancy and agency rates use the DfE's denominators;
- vacancies and caseloads are the latest snapshot dated within the month;
- the absence rate is FTE working days lost in the month by the social workers in post
  at its end (not agency workers, not leavers) / (their FTE x the month's working days,
  Monday to Friday less England's bank holidays): the DfE's basis, for one month.
Absence in detail (spells, length, reasons, concentration, Bradford factor) is over the
12 months (52 weeks for the Bradford factor) to the latest month's end, for the people
employed (not agency) at some time in it. Everything is computed by
``candour.health_stats``; this module only gathers the rows.
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

from candour.core.models import Organisation, Team
from candour.health_stats import absence, workforce
from candour.health_stats.concentration import LorenzPoint
from candour.health_stats.spiral import HealthPeriod
from candour.health_stats.working_days import (
    england_bank_holidays_between,
    working_days_between,
)
from candour.workforce.demand import organisation_totals
from candour.workforce.models import (
    AbsenceSpell,
    Caseload,
    DemandCount,
    DfeNeighbour,
    DfeValue,
    StaffPost,
    Vacancy,
    WorkforceSettings,
)

HISTORY_MONTHS = 12
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

    def for_team(self, team_id: int) -> WorkforceRows:
        return WorkforceRows(
            posts=[row for row in self.posts if row.team_id == team_id],
            vacancies=[row for row in self.vacancies if row.team_id == team_id],
            caseloads=[row for row in self.caseloads if row.team_id == team_id],
            spells=[row for row in self.spells if row.team_id == team_id],
            demand=[row for row in self.demand if row.team_id == team_id],
            moves=self.moves,
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


def load_rows(organisation: Organisation) -> WorkforceRows:
    """The organisation's imported rows (five queries)."""
    posts = list(StaffPost.objects.filter(organisation=organisation))
    return WorkforceRows(
        posts=posts,
        moves=internal_moves(posts),
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
    for _ in range(count):
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
    The Bradford list leaves disability-related spells out (health_stats.absence).
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


# The DfE measures compared, as candour.dfe names them, and what they are.
COMPARED_MEASURES = {
    "turnover_rate_fte": "Turnover rate (%)",
    "vacancy_rate_fte": "Vacancy rate (%)",
    "agency_rate_fte": "Agency rate (%)",
    "caseload_fte": "Average caseload (cases per case-holding FTE)",
    "absence_rate_fte": "Absence rate (%)",
}
PREFERRED_DATASET = "csww_indicators"
NATIONAL = "National"


@dataclass(frozen=True)
class Comparison:
    """One DfE measure in its latest year: the authority, its neighbours, region, England."""

    measure: str
    label: str
    time_period: str
    ours: float | None
    neighbours: float | None
    neighbours_counted: int
    region: float | None
    england: float | None


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def dfe_comparisons(organisation: Organisation) -> list[Comparison]:
    """The latest published year of each measure for the organisation's DfE area.

    The neighbours' figure is the plain mean of those neighbours with a published value
    that year (suppressed ones are left out, never read as zero). Empty without an area.
    """
    settings = WorkforceSettings.objects.filter(organisation=organisation).first()
    area = settings.dfe_area_code if settings else ""
    if not area:
        return []
    neighbours = list(
        DfeNeighbour.objects.filter(area_code=area)
        .order_by("rank")
        .values_list("neighbour_code", flat=True)
    )
    values = DfeValue.objects.filter(measure__in=COMPARED_MEASURES)
    own_rows = list(values.filter(area_code=area))
    region_code = next((row.region_code for row in own_rows if row.region_code), "")
    chosen: dict[tuple[str, str, str], DfeValue] = {}
    wanted = values.filter(area_code__in=[area, region_code, *neighbours]) | values.filter(
        level=NATIONAL
    )
    for row in wanted:
        key = (row.measure, row.time_period, NATIONAL if row.level == NATIONAL else row.area_code)
        if key not in chosen or row.dataset == PREFERRED_DATASET:
            chosen[key] = row
    comparisons = []
    for measure, label in COMPARED_MEASURES.items():
        periods = sorted({p for m, p, a in chosen if m == measure and a == area})
        if not periods:
            continue
        period = periods[-1]

        def value(code: str, measure: str = measure, period: str = period) -> float | None:
            row = chosen.get((measure, period, code))
            return _number(row.value) if row else None

        theirs = [v for code in neighbours if (v := value(code)) is not None]
        comparisons.append(
            Comparison(
                measure=measure,
                label=label,
                time_period=period,
                ours=value(area),
                neighbours=sum(theirs) / len(theirs) if theirs else None,
                neighbours_counted=len(theirs),
                region=value(region_code) if region_code else None,
                england=value(NATIONAL),
            )
        )
    return comparisons


@dataclass(frozen=True)
class ScopeIndicators:
    """A team's (or, with team None, the organisation's) series and latest absence."""

    team: Team | None
    series: list[PeriodIndicators]
    absence: AbsenceDetail

    @property
    def name(self) -> str:
        return self.team.name if self.team else "Whole organisation"

    @property
    def latest(self) -> PeriodIndicators | None:
        return self.series[-1] if self.series else None

    @property
    def too_few(self) -> bool:
        return self.absence.too_few

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
) -> OrganisationIndicators:
    """The series for the organisation and each of its teams.

    Team absence detail is withheld for teams of fewer than 5 people. The Bradford list
    is computed only for ``bradford_team``, and never for the organisation as a whole.
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
            )
        )
    return OrganisationIndicators(organisation, last, whole, teams)


def by_reason_rows(detail: AbsenceDetail) -> list[tuple[str, float]]:
    return list(detail.summary.days_by_reason.items()) if detail.summary else []
