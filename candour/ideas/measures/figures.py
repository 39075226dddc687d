"""Kaizen measures: how many ideas, from how many people, how quickly they are answered
and put into practice, per team and for the organisation, beside reference figures.

The window is the last 12 months (365 days): the flow measures count ideas submitted in
it, so ideas per person in the window are ideas per person per year. Open, stalled and
overdue are how things stand now, whenever the idea was submitted. People are those
with an unrevoked role on an active account: a team's members, or anyone in the
organisation; participation counts only those people among the authors.

Small numbers (METRICS.md): participation of a team under 5 people would show who never
suggests anything, so it is hidden; if the hidden teams hold fewer than 5 people between
them, the next smallest teams are hidden too, so the organisation's figure cannot be
differenced back to them. Counts, ideas per person and response times describe the
team's board and its managers, not any one member, so they show for every team.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Protocol

from django.db.models import (
    Case,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_stubs_ext import StrOrPromise

from candour.accounts.models import Membership
from candour.core.charts import GREEN, Chart, Kind, Series
from candour.core.models import Organisation, Team
from candour.ideas.models import Idea, IdeaEvent
from candour.ideas.vocabulary import (
    DONE_STATUSES,
    IMPLEMENTED_STATUSES,
    OPEN_STATUSES,
    STALLED_DAYS,
    EventKind,
    IdeaStatus,
)

WINDOW = timedelta(days=365)
SERIES_MONTHS = 12
SMALLEST_GROUP = 5
DAY_SECONDS = 86400

IDEAS_PER_PERSON = "ideas_per_person"
PARTICIPATION = "participation"
IMPLEMENTATION_RATE = "implementation_rate"

TOYOTA = "toyota"
JAPAN = "japan"
US = "us"


@dataclass(frozen=True)
class ReferenceFigure:
    """A published figure to set ours beside, with where it comes from."""

    measure: str
    comparator: str
    who: StrOrPromise
    shown: StrOrPromise
    source: StrOrPromise


_SOURCE = gettext_lazy("Candour's reference facts, 'Kaizen measures and benchmarks' (METRICS.md)")

REFERENCE_FIGURES: tuple[ReferenceFigure, ...] = (
    ReferenceFigure(
        IDEAS_PER_PERSON, TOYOTA, gettext_lazy("Toyota, 1986"), gettext_lazy("about 48"), _SOURCE
    ),
    ReferenceFigure(
        IDEAS_PER_PERSON,
        JAPAN,
        gettext_lazy("Japanese companies' average, 1984"),
        gettext_lazy("about 24"),
        _SOURCE,
    ),
    ReferenceFigure(
        IDEAS_PER_PERSON,
        US,
        gettext_lazy("US suggestion programmes"),
        gettext_lazy("under 1 to 3"),
        _SOURCE,
    ),
    ReferenceFigure(PARTICIPATION, TOYOTA, gettext_lazy("Toyota"), "95%", _SOURCE),
    ReferenceFigure(PARTICIPATION, US, gettext_lazy("US suggestion programmes"), "8-13%", _SOURCE),
    ReferenceFigure(IMPLEMENTATION_RATE, TOYOTA, gettext_lazy("Toyota"), "70-96%", _SOURCE),
    ReferenceFigure(
        IMPLEMENTATION_RATE, US, gettext_lazy("US suggestion programmes"), "22-35%", _SOURCE
    ),
)


def reference(measure: str, comparator: str) -> ReferenceFigure | None:
    return next(
        (r for r in REFERENCE_FIGURES if r.measure == measure and r.comparator == comparator),
        None,
    )


def _percent(value: float) -> str:
    return f"{number_format(round(value * 100))}%"


def _days(value: float | None) -> str:
    if value is None:
        return _("none yet")
    rounded = round(value, 1)
    return ngettext("%(days)s day", "%(days)s days", 1 if rounded == 1 else 2) % {
        "days": number_format(rounded, decimal_pos=0 if rounded == int(rounded) else 1)
    }


@dataclass(frozen=True)
class Figures:
    """One team's measures, or the organisation's."""

    name: str
    people: int
    ideas: int
    # Members who suggested something in the window; None when hidden (small numbers).
    authors: int | None
    hidden_reason: StrOrPromise
    implemented: int
    decided: int
    days_to_first_response: float | None
    days_to_implementation: float | None
    open: int
    stalled: int
    overdue: int

    @property
    def ideas_per_person(self) -> float | None:
        return self.ideas / self.people if self.people else None

    @property
    def participation(self) -> float | None:
        if self.authors is None or not self.people:
            return None
        return self.authors / self.people

    @property
    def implementation_rate(self) -> float | None:
        return self.implemented / self.decided if self.decided else None

    @property
    def shown_ideas_per_person(self) -> str:
        value = self.ideas_per_person
        return _("no members") if value is None else number_format(round(value, 1), 1)

    @property
    def shown_participation(self) -> str:
        if self.hidden_reason:
            return str(self.hidden_reason)
        value = self.participation
        return _("no members") if value is None else _percent(value)

    @property
    def shown_implementation_rate(self) -> str:
        value = self.implementation_rate
        return _("no decisions yet") if value is None else _percent(value)

    @property
    def shown_days_to_first_response(self) -> str:
        return _days(self.days_to_first_response)

    @property
    def shown_days_to_implementation(self) -> str:
        return _days(self.days_to_implementation)


@dataclass(frozen=True)
class HeadlineRow:
    key: str
    measure: StrOrPromise
    explanation: StrOrPromise
    ours: str
    toyota: StrOrPromise
    typical_us: StrOrPromise


@dataclass(frozen=True)
class ReferenceRow:
    """A published scheme's figures, as a row of the team table."""

    key: str
    who: StrOrPromise
    ideas_per_person: StrOrPromise
    participation: StrOrPromise
    implementation_rate: StrOrPromise

    @property
    def cells(self) -> list[StrOrPromise | None]:
        """In the team table's column order: None where a count has no meaning for a
        reference (people, open ideas), "" where no figure is published."""
        rates = [self.ideas_per_person, self.participation, self.implementation_rate]
        return [None, None, *rates, "", "", None, None, None]


@dataclass(frozen=True)
class MonthRow:
    month: date
    submitted: int
    implemented: int

    @property
    def label(self) -> str:
        return date_format(self.month, "F Y")


@dataclass(frozen=True)
class Measures:
    organisation: Organisation
    start: datetime
    end: datetime
    whole: Figures
    teams: list[Figures]
    months: list[MonthRow]
    months_chart: Chart
    headline: list[HeadlineRow] = field(default_factory=list)
    team_references: list[ReferenceRow] = field(default_factory=list)
    references: tuple[ReferenceFigure, ...] = REFERENCE_FIGURES


class IdeaFacts(Protocol):
    """What the measures read of an idea, worked out in the database.

    Durations, months and flags rather than timestamps: turning tens of thousands of
    timestamps into Python objects was most of this page's time at national volumes.
    """

    team_id: int
    author_id: int
    status: str
    in_window: bool
    month: date
    respond_by: date
    responded: bool
    response_delay: timedelta | None
    adoption_delay: timedelta | None
    quiet: bool


def _facts(ideas: QuerySet[Idea], *, start: datetime, now: datetime) -> list[IdeaFacts]:
    quiet_since = now - timedelta(days=STALLED_DAYS)
    local = timezone.get_current_timezone()
    rows = (
        ideas.order_by()
        .annotate(
            in_window=Case(
                When(created_at__gte=start, created_at__lte=now, then=Value(True)),
                default=Value(False),
            ),
            month=TruncMonth("created_at", output_field=DateField(), tzinfo=local),
            responded=Case(
                When(first_response_at__isnull=False, then=Value(True)), default=Value(False)
            ),
            response_delay=ExpressionWrapper(
                F("first_response_at") - F("created_at"), output_field=DurationField()
            ),
            adoption_delay=ExpressionWrapper(
                F("adopted_at") - F("created_at"), output_field=DurationField()
            ),
            quiet=Case(
                When(last_activity_at__lt=quiet_since, then=Value(True)), default=Value(False)
            ),
        )
        .values_list(
            "team_id", "author_id", "status", "in_window", "month", "respond_by", "responded",
            "response_delay", "adoption_delay", "quiet", named=True,
        )
    )  # fmt: skip
    return list(rows)


def _median_days_between(delays: Iterable[timedelta | None]) -> float | None:
    spans = [delay.total_seconds() / DAY_SECONDS for delay in delays if delay is not None]
    return statistics.median(spans) if spans else None


def _figures(
    name: str,
    *,
    people: set[int],
    window: list[IdeaFacts],
    current: list[IdeaFacts],
    authors: set[int],
    now: datetime,
) -> Figures:
    today = timezone.localdate(now)
    open_now = [i for i in current if i.status in OPEN_STATUSES]
    return Figures(
        name=name,
        people=len(people),
        ideas=len(window),
        authors=len(people & authors),
        hidden_reason="",
        implemented=sum(1 for i in window if i.status in IMPLEMENTED_STATUSES),
        decided=sum(1 for i in window if i.status in DONE_STATUSES),
        days_to_first_response=_median_days_between(i.response_delay for i in window),
        days_to_implementation=_median_days_between(
            i.adoption_delay for i in window if i.status in IMPLEMENTED_STATUSES
        ),
        open=len(open_now),
        # As the bottleneck view and escalation count it (querysets.stalled_condition).
        stalled=sum(1 for i in open_now if i.quiet and (i.status != IdeaStatus.NEW or i.responded)),
        overdue=sum(
            1
            for i in open_now
            if i.status == IdeaStatus.NEW and not i.responded and i.respond_by < today
        ),
    )


def _hide_small_teams(teams: list[Figures]) -> list[Figures]:
    """Hide participation below 5 people, and enough of the next smallest teams that the
    hidden ones hold 5 or more people between them (secondary suppression)."""
    small = [t for t in teams if 0 < t.people < SMALLEST_GROUP]
    hidden = {id(t): _("not shown: fewer than 5 people") for t in small}
    held = sum(t.people for t in small)
    if small:
        for team in sorted(
            (t for t in teams if t.people >= SMALLEST_GROUP), key=lambda t: (t.people, t.name)
        ):
            if held >= SMALLEST_GROUP:
                break
            hidden[id(team)] = _("not shown, so that a smaller team's cannot be worked out")
            held += team.people
    return [
        replace(t, authors=None, hidden_reason=hidden[id(t)]) if id(t) in hidden else t
        for t in teams
    ]


def month_starts(today: date, count: int) -> list[date]:
    months, year, month = [], today.year, today.month
    for _step in range(count):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def _monthly(organisation: Organisation, window: list[IdeaFacts], today: date) -> list[MonthRow]:
    months = month_starts(today, SERIES_MONTHS)
    submitted = Counter(i.month for i in window if i.month >= months[0])
    first = timezone.make_aware(datetime.combine(months[0], time.min))
    implemented = dict(
        Idea.objects.filter(
            organisation=organisation,
            status__in=IMPLEMENTED_STATUSES,
            adopted_at__gte=first,
        )
        .order_by()
        .annotate(
            month=TruncMonth(
                "adopted_at", output_field=DateField(), tzinfo=timezone.get_current_timezone()
            )
        )
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    return [MonthRow(m, submitted.get(m, 0), implemented.get(m, 0)) for m in months]


def _team_references() -> list[ReferenceRow]:
    def shown(measure: str, comparator: str) -> StrOrPromise:
        found = reference(measure, comparator)
        return found.shown if found else ""

    return [
        ReferenceRow(
            comparator,
            who,
            shown(IDEAS_PER_PERSON, comparator),
            shown(PARTICIPATION, comparator),
            shown(IMPLEMENTATION_RATE, comparator),
        )
        for comparator, who in ((TOYOTA, _("Toyota")), (US, _("Typical US programme")))
    ]


def _headline(whole: Figures) -> list[HeadlineRow]:
    def ref(measure: str, comparator: str) -> StrOrPromise:
        found = reference(measure, comparator)
        return found.shown if found else _("no published figure")

    return [
        HeadlineRow(
            IDEAS_PER_PERSON,
            _("Ideas per person per year"),
            _("Ideas submitted in the last 12 months, divided by the number of people."),
            whole.shown_ideas_per_person,
            ref(IDEAS_PER_PERSON, TOYOTA),
            ref(IDEAS_PER_PERSON, US),
        ),
        HeadlineRow(
            PARTICIPATION,
            _("Participation"),
            _("The share of people who suggested at least one idea in the last 12 months."),
            whole.shown_participation,
            ref(PARTICIPATION, TOYOTA),
            ref(PARTICIPATION, US),
        ),
        HeadlineRow(
            IMPLEMENTATION_RATE,
            _("Implementation rate"),
            _(
                "Of the ideas that have been decided, the share adopted (or adopted and "
                "shared) rather than not adopted."
            ),
            whole.shown_implementation_rate,
            ref(IMPLEMENTATION_RATE, TOYOTA),
            ref(IMPLEMENTATION_RATE, US),
        ),
        HeadlineRow(
            "first_response",
            _("Time to first response"),
            _("The middle (median) time from an idea being submitted to a manager's first reply."),
            whole.shown_days_to_first_response,
            _("no published figure"),
            _("no published figure"),
        ),
        HeadlineRow(
            "implementation",
            _("Time to implementation"),
            _("The middle (median) time from an idea being submitted to its adoption."),
            whole.shown_days_to_implementation,
            _("no published figure"),
            _("no published figure"),
        ),
    ]


def months_chart(months: list[MonthRow]) -> Chart:
    """Ideas submitted and ideas adopted in each month, side by side."""
    return Chart(
        Kind.COLUMNS,
        _("Ideas submitted and adopted each month"),
        [date_format(m.month, "M y") for m in months],
        [
            Series(_("Submitted"), [m.submitted for m in months]),
            Series(_("Adopted"), [m.implemented for m in months], colour=GREEN),
        ],
        table_labels=[m.label for m in months],
        label_heading=_("Month"),
    )


def measures_for(organisation: Organisation, *, now: datetime | None = None) -> Measures:
    """The organisation's and each team's measures over the last 12 months."""
    now = now or timezone.now()
    start = now - WINDOW
    teams = list(Team.objects.in_organisation(organisation).order_by("name", "pk"))
    everyone: set[int] = set()
    members: dict[int, set[int]] = defaultdict(set)
    for user_id, team_id in (
        Membership.objects.active()
        .in_organisation(organisation)
        .filter(user__is_active=True)
        .values_list("user_id", "team_id")
    ):
        everyone.add(user_id)
        if team_id is not None:
            members[team_id].add(user_id)
    ideas = _facts(
        Idea.objects.filter(organisation=organisation).filter(
            Q(created_at__gte=start, created_at__lte=now) | Q(status__in=OPEN_STATUSES)
        ),
        start=start,
        now=now,
    )
    window = [i for i in ideas if i.in_window]
    authors = {i.author_id for i in window}
    team_figures = [
        _figures(
            team.name,
            people=members.get(team.pk, set()),
            window=[i for i in window if i.team_id == team.pk],
            current=[i for i in ideas if i.team_id == team.pk],
            authors=authors,
            now=now,
        )
        for team in teams
    ]
    whole = _figures(
        organisation.name, people=everyone, window=window, current=ideas, authors=authors, now=now
    )
    months = _monthly(organisation, window, timezone.localdate(now))
    return Measures(
        organisation=organisation,
        start=start,
        end=now,
        whole=whole,
        teams=_hide_small_teams(team_figures),
        months=months,
        months_chart=months_chart(months),
        headline=_headline(whole),
        team_references=_team_references(),
    )


# What we changed: recognition for teams, not a leaderboard of people.


def time_saved_words(minutes: int | None) -> str:
    """'saves about 2 hours a week' from minutes a week; empty when nothing was recorded."""
    if not minutes:
        return ""
    if minutes < 60:
        return ngettext(
            "saves about %(count)s minute a week", "saves about %(count)s minutes a week", minutes
        ) % {"count": minutes}
    hours = round(minutes / 60, 1)
    whole = hours == int(hours)
    return ngettext(
        "saves about %(count)s hour a week",
        "saves about %(count)s hours a week",
        int(hours) if whole else 2,
    ) % {"count": number_format(hours, decimal_pos=0 if whole else 1)}


def errors_avoided_words(errors: int | None) -> str:
    """'avoids about 12 mistakes a year'; empty when nothing was recorded."""
    if not errors:
        return ""
    return ngettext(
        "avoids about %(count)s mistake a year", "avoids about %(count)s mistakes a year", errors
    ) % {"count": number_format(errors)}


@dataclass(frozen=True)
class ChangedIdea:
    """An adopted idea as the 'what we changed' page shows it: the team, never the author."""

    pk: int
    title: str
    team: str
    organisation: str
    adopted_on: date | None
    what_changed: str
    benefits: list[str]
    children_experience: str
    cost: str
    thanks: list[str]


def changed_ideas(ideas: Iterable[Idea]) -> list[ChangedIdea]:
    """Present adopted ideas with their team's thanks (the words, not who gave them)."""
    ideas = list(ideas)
    thanks: dict[int, list[str]] = defaultdict(list)
    for idea_id, note in IdeaEvent.objects.filter(
        idea__in=[i.pk for i in ideas], kind=EventKind.THANKED
    ).values_list("idea_id", "note"):
        thanks[idea_id].append(note)
    return [
        ChangedIdea(
            pk=idea.pk,
            title=idea.title,
            team=idea.team.name,
            organisation=idea.organisation.name,
            adopted_on=timezone.localdate(idea.adopted_at) if idea.adopted_at else None,
            what_changed=idea.what_changed,
            benefits=[
                words
                for words in (
                    time_saved_words(idea.minutes_saved_per_week),
                    errors_avoided_words(idea.errors_avoided_per_year),
                )
                if words
            ],
            children_experience=idea.children_experience,
            cost=idea.cost,
            thanks=thanks.get(idea.pk, []),
        )
        for idea in ideas
    ]


@dataclass(frozen=True)
class ChangedTotals:
    adopted_last_year: int
    minutes_saved_per_week: int

    @property
    def hours_saved_per_week(self) -> str:
        return number_format(round(self.minutes_saved_per_week / 60, 1), decimal_pos=1)


def changed_totals(ideas: QuerySet[Idea], *, now: datetime | None = None) -> ChangedTotals:
    """Ideas adopted in the last 12 months; time saved each week by every adopted idea.

    Summed in the database: a large council has adopted tens of thousands of ideas.
    """
    now = now or timezone.now()
    totals = ideas.order_by().aggregate(
        adopted=Count("pk", filter=Q(adopted_at__gte=now - WINDOW)),
        minutes=Sum("minutes_saved_per_week"),
    )
    return ChangedTotals(
        adopted_last_year=totals["adopted"] or 0,
        minutes_saved_per_week=totals["minutes"] or 0,
    )
