"""What a wave's results show: scores per team with small-number protection, trends,
links to reporting rates and workforce figures, and the national benchmark (reads only).

Results are shown only once a wave has closed. While it is open, each new answer would
change the figures, and the difference between two looks would be one person's answers;
after closing no answer is accepted, so the figures never change. Within a wave, teams
are protected together (`scoring.protect`): no team of fewer than 5 is shown, and the
organisation's figure less the teams shown is always about 5 or more people, or none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.utils.translation import gettext as _

from candour.accounts.roles import Role
from candour.core.charts import BLUE, GREEN, INK, PINK, PURPLE, Chart, Kind, Series
from candour.core.models import Organisation, OrganisationKind, Team
from candour.lib.statistics.suppression import SMALLEST_GROUP, Protection, protect
from candour.reporting.models import Report
from candour.surveys.items import CBI, Composite, Item, ItemSet, item_set
from candour.surveys.models import Answer, Response, Wave
from candour.surveys.results.scoring import Answers, GroupScores, score_group
from candour.surveys.services import wave_items
from candour.workforce.indicators import SMALLEST_GROUP as WORKFORCE_SMALLEST
from candour.workforce.indicators import organisation_indicators

# Teams of fewer than this many staff are never named beside report counts (ADR 0005).
SMALLEST_TEAM_FOR_REPORTS = 5
NOT_AVAILABLE = "not_available"


def _percent(value: float | None) -> str:
    return "" if value is None else f"{round(value)}%"


def _score(value: float | None) -> str:
    return "" if value is None else str(round(value))


@dataclass(frozen=True)
class Cell:
    """One figure: `text` is what is shown; `hidden` says why a number is not."""

    text: str
    value: float | None = None
    hidden: str = ""


def _hidden_cell(key: str, protection: Protection) -> Cell:
    if key in protection.small:
        return Cell(str(_("fewer than 5")), hidden="small")
    return Cell(str(_("hidden")), hidden="secondary")


@dataclass(frozen=True)
class Group:
    key: str
    name: str
    respondents: Cell
    scores: GroupScores | None  # None: not shown


@dataclass(frozen=True)
class TeamLinks:
    """Figures from elsewhere in Candour shown beside a team's survey results."""

    reports_per_10_staff: str
    caseload: str
    absence: str
    turnover: str


# What a row's figures are: percent positive, or a 0-100 score (for the CBI, burnout).
PERCENT = "percent"
SCORE = "score"


@dataclass(frozen=True)
class MeasureRow:
    key: str
    title: str
    kind: str
    measure: str  # PERCENT or SCORE
    cells: list[Cell]  # the organisation, then each team

    @property
    def label(self) -> str:
        if self.kind == CBI:
            return str(_("Burnout score (0 to 100, higher is more burnout)"))
        if self.measure == SCORE:
            return str(_("Score (0 to 100)"))
        return str(_("Percent positive"))


@dataclass(frozen=True)
class ItemRow:
    item: Item
    percent_positive: Cell
    mean: Cell
    reference: str


@dataclass(frozen=True)
class WaveResults:
    wave: Wave
    questions: ItemSet
    available: bool  # False until the wave closes
    whole: Group
    teams: list[Group]
    links: dict[str, TeamLinks]
    composites: list[MeasureRow]
    own_questions: list[MeasureRow]  # the organisation's questions, by team
    items: list[ItemRow]
    extra: list[ItemRow]
    comments: list[str]
    chart: Chart

    @property
    def link_rows(self) -> list[tuple[Group, TeamLinks]]:
        return [(team, self.links[team.key]) for team in self.teams if team.key in self.links]

    @property
    def anything_hidden(self) -> bool:
        return any(group.scores is None for group in [self.whole, *self.teams])


def responses_by_team(wave: Wave) -> dict[int, list[Answers]]:
    """Each team's answers (value items only), one mapping per response."""
    values: dict[str, dict[str, int]] = defaultdict(dict)
    teams = {
        str(pk): team_id
        for pk, team_id in Response.objects.filter(wave=wave).values_list("pk", "team_id")
    }
    for response_id, item, value in Answer.objects.filter(
        response__wave=wave, value__isnull=False
    ).values_list("response_id", "item", "value"):
        if value is not None:
            values[str(response_id)][item] = value
    grouped: dict[int, list[Answers]] = defaultdict(list)
    for key, team_id in teams.items():
        grouped[team_id].append(values.get(key, {}))
    return grouped


def measures(composite: Composite) -> list[str]:
    """Percent positive and a 0-100 score for agree themes; the score alone for the CBI."""
    return [SCORE] if composite.kind == CBI else [PERCENT, SCORE]


def composite_cell(
    scores: GroupScores | None, composite: Composite, hidden: Cell, measure: str = PERCENT
) -> Cell:
    if scores is None:
        return hidden
    score = scores.composites[composite.key]
    if measure == SCORE or composite.kind == CBI:
        return Cell(_score(score.mean), score.mean)
    return Cell(_percent(score.percent_positive), score.percent_positive)


def item_cell(scores: GroupScores | None, item: Item, hidden: Cell) -> Cell:
    if scores is None:
        return hidden
    score = scores.items[item.key]
    return Cell(_percent(score.percent_positive), score.percent_positive)


def wave_results(wave: Wave, *, with_links: bool = True) -> WaveResults:
    """The wave's figures with every small or differencing-prone group hidden."""
    questions = item_set(wave.item_version)
    extra = wave_items(wave)
    available = wave.closed_at is not None
    wave_teams = list(wave.wave_teams.select_related("team"))
    grouped = responses_by_team(wave) if available else {}
    counts = {f"team:{wt.team_id}": len(grouped.get(wt.team_id, [])) for wt in wave_teams}
    protection = protect(counts)
    everyone = [answers for team in grouped.values() for answers in team]
    whole_shown = available and not protection.total_hidden
    whole = Group(
        "whole",
        wave.organisation.name,
        Cell(str(len(everyone)), float(len(everyone)))
        if whole_shown
        else Cell(str(_("fewer than 5")), hidden="small"),
        score_group(everyone, questions, extra) if whole_shown else None,
    )
    teams = []
    for wt in wave_teams:
        key = f"team:{wt.team_id}"
        shown = available and protection.shows(key) and counts[key] >= SMALLEST_GROUP
        teams.append(
            Group(
                key,
                wt.team.name,
                Cell(str(counts[key]), float(counts[key]))
                if shown
                else _hidden_cell(key, protection)
                if counts[key]
                else Cell(str(_("none"))),
                score_group(grouped[wt.team_id], questions, extra) if shown else None,
            )
        )
    unavailable = Cell(str(_("not shown")), hidden="secondary")

    def hidden_for(group: Group) -> Cell:
        if group.respondents.text == str(_("none")):
            return Cell("", hidden="small")
        if group.key == "whole":
            return Cell(str(_("fewer than 5")), hidden="small") if available else unavailable
        return _hidden_cell(group.key, protection)

    groups = [whole, *teams]
    composites = [
        MeasureRow(
            composite.key,
            composite.title,
            composite.kind,
            measure,
            [composite_cell(g.scores, composite, hidden_for(g), measure) for g in groups],
        )
        for composite in questions.composites
        for measure in measures(composite)
    ]
    # The organisation's own questions, hidden exactly as the themes are.
    own_questions = [
        MeasureRow(
            item.key,
            item.text,
            item.scale,
            PERCENT,
            [item_cell(g.scores, item, hidden_for(g)) for g in groups],
        )
        for item in extra
    ]
    item_rows = [_item_row(item, whole.scores, questions) for item in questions.items]
    extra_rows = [_item_row(item, whole.scores, questions) for item in extra]
    return WaveResults(
        wave=wave,
        questions=questions,
        available=available,
        whole=whole,
        teams=teams,
        links=team_links(wave, [wt.team for wt in wave_teams]) if with_links else {},
        composites=composites,
        own_questions=own_questions,
        items=item_rows,
        extra=extra_rows,
        comments=_comments(wave) if whole.scores is not None else [],
        chart=themes_chart(whole.name, composites),
    )


def _item_row(item: Item, scores: GroupScores | None, questions: ItemSet) -> ItemRow:
    reference = questions.references.get(item.reference) if item.reference else None
    note = f"{reference.label}: {reference.shown}" if reference else ""
    if scores is None:
        blank = Cell(str(_("not shown")), hidden="small")
        return ItemRow(item, blank, blank, note)
    score = scores.items[item.key]
    return ItemRow(
        item,
        Cell(_percent(score.percent_positive), score.percent_positive),
        Cell(_score(score.mean), score.mean),
        note,
    )


def _comments(wave: Wave) -> list[str]:
    """Free-text answers (already de-identified) for the whole organisation only, in
    alphabetical order so that the order says nothing about who wrote which."""
    texts = Answer.objects.filter(response__wave=wave, value__isnull=True).exclude(text="")
    return sorted(texts.values_list("text", flat=True), key=str.lower)


def team_links(wave: Wave, teams: Sequence[Team]) -> dict[str, TeamLinks]:
    """Reports per 10 staff during the wave, and the latest workforce figures, per team.
    Teams of fewer than 5 staff are never named beside a report count."""
    staff = dict(
        Team.objects.filter(pk__in=[t.pk for t in teams])
        .annotate(
            n=Count(
                "memberships__user",
                filter=_active_staff(),
                distinct=True,
            )
        )
        .values_list("pk", "n")
    )
    end = wave.closes_on
    reports = dict(
        Report.objects.filter(
            organisation=wave.organisation,
            team__in=teams,
            received_week__gte=_week_start(wave.opens_on),
            received_week__lte=end,
        )
        .values("team_id")
        .annotate(n=Count("pk"))
        .values_list("team_id", "n")
    )
    workforce = _workforce(wave.organisation)
    links: dict[str, TeamLinks] = {}
    for team in teams:
        people = staff.get(team.pk, 0)
        if people < SMALLEST_TEAM_FOR_REPORTS:
            rate = str(_("not shown (small team)"))
        else:
            rate = f"{10 * reports.get(team.pk, 0) / people:.1f}"
        caseload, absence, turnover = workforce.get(team.pk, (None, None, None))
        links[f"team:{team.pk}"] = TeamLinks(
            rate, *(_figure(v) for v in (caseload, absence, turnover))
        )
    return links


def _active_staff() -> object:
    from django.db.models import Q

    return Q(memberships__role=Role.STAFF, memberships__revoked_at__isnull=True)


def _week_start(day: date) -> date:
    from datetime import timedelta

    return day - timedelta(days=day.weekday())


def _figure(value: float | str | None) -> str:
    if value is None:
        return str(_("not available yet"))
    if isinstance(value, str):
        return value
    return f"{value:.1f}"


def _workforce(organisation: Organisation) -> dict[int, tuple[float | str | None, ...]]:
    """The latest caseload average, absence rate and turnover rate per team, from the
    organisational-health figures; withheld for teams of fewer than 5 people in post."""
    found: dict[int, tuple[float | str | None, ...]] = {}
    for scope in organisation_indicators(organisation, months=1).teams:
        latest = scope.latest
        if scope.team is None or latest is None:
            continue
        if latest.people_in_post < WORKFORCE_SMALLEST:
            small = str(_("not shown (small team)"))
            found[scope.team.pk] = (small, small, small)
            continue
        found[scope.team.pk] = (latest.average_caseload, latest.absence_rate, latest.turnover_rate)
    return found


# --- Trends and benchmarks ---------------------------------------------------------------


@dataclass(frozen=True)
class TrendRow:
    title: str
    kind: str
    measure: str
    cells: list[Cell]  # one per wave, oldest first

    @property
    def label(self) -> str:
        return MeasureRow("", self.title, self.kind, self.measure, []).label


def trends(organisation: Organisation) -> tuple[list[Wave], list[TrendRow]]:
    """The organisation's figure for each composite in each closed wave (each wave
    protected on its own: its results are final, and waves share no answers)."""
    waves = list(Wave.objects.filter(organisation=organisation).closed().order_by("opens_on", "pk"))
    results = [wave_results(wave, with_links=False) for wave in waves]
    # Every theme asked in any wave, matched by key across item versions (the newest
    # wording names it); a theme a wave did not ask shows as blank for that wave.
    composites = {c.key: c for c in item_set().composites}
    for version in sorted({wave.item_version for wave in waves}, reverse=True):
        for composite in item_set(version).composites:
            composites.setdefault(composite.key, composite)
    rows = []
    for composite in composites.values():
        for measure in measures(composite):
            cells = []
            for result in results:
                row = next(
                    (
                        r
                        for r in result.composites
                        if (r.key, r.measure) == (composite.key, measure)
                    ),
                    None,
                )
                cells.append(row.cells[0] if row else Cell(""))
            rows.append(TrendRow(composite.title, composite.kind, measure, cells))
    return waves, rows


WAVE_COLOURS = (BLUE, GREEN, PINK, INK, PURPLE)


def _whole(cell: Cell) -> int | None:
    return None if cell.value is None else round(cell.value)


def themes_chart(name: str, composites: Sequence[MeasureRow]) -> Chart:
    """Percent positive for each theme across the whole organisation (the table with it
    has every team, and says which figures are hidden)."""
    rows = [row for row in composites if row.measure == PERCENT]
    return Chart(
        Kind.BARS,
        _("Percent positive by theme"),
        [row.title for row in rows],
        [
            Series(
                name,
                [_whole(row.cells[0]) for row in rows],
                shown=[row.cells[0].text for row in rows],
            )
        ],
        label_heading=_("Theme"),
        unit="%",
        gap_name=_("No bar: the figure is not shown, so that nobody can be picked out"),
    )


def trend_chart(waves: Sequence[Wave], rows: Sequence[TrendRow]) -> Chart:
    """Percent positive per theme, a bar for each closed wave (the table with it holds
    the same figures and the scores, and says which are hidden)."""
    percent = [row for row in rows if row.measure == PERCENT]
    return Chart(
        Kind.BARS,
        _("Percent positive by theme in each wave"),
        [row.title for row in percent],
        [
            Series(
                wave.title,
                [_whole(row.cells[w]) for row in percent],
                shown=[row.cells[w].text for row in percent],
                colour=WAVE_COLOURS[w % len(WAVE_COLOURS)],
            )
            for w, wave in enumerate(waves)
        ],
        label_heading=_("Theme"),
        unit="%",
        gap_name=_("No bar: the figure is not shown, so that nobody can be picked out"),
    )


@dataclass(frozen=True)
class BenchmarkRow:
    name: str
    respondents: Cell
    cells: list[Cell]  # each composite, then each item with a national reference point


@dataclass(frozen=True)
class Benchmark:
    composites: list[tuple[Composite, str]]  # each theme with its measure
    reference_items: list[tuple[Item, str]]
    rows: list[BenchmarkRow]
    pooled: BenchmarkRow


def benchmark() -> Benchmark:
    """Each organisation's latest closed wave, side by side, for national analysts: only
    organisations with 5 or more respondents, and the pooled figure only when the
    organisations left out hold 5 or more between them (or none)."""
    questions = item_set()
    referenced = [
        (item, f"{questions.references[item.reference].shown}")
        for item in questions.items
        if item.reference
    ]
    latest: dict[int, Wave] = {}
    for wave in (
        Wave.objects.closed()
        .exclude(organisation__kind=OrganisationKind.NATIONAL_HUB)
        .select_related("organisation")
        .order_by("opens_on", "pk")
    ):
        latest[wave.organisation_id] = wave
    answers = {org_id: responses_by_team(wave) for org_id, wave in latest.items()}
    pooled_answers = {
        org_id: [a for team in grouped.values() for a in team]
        for org_id, grouped in answers.items()
    }
    counts = {f"org:{org_id}": len(rows) for org_id, rows in pooled_answers.items()}
    protection = protect(counts)
    columns = [(c, measure) for c in questions.composites for measure in measures(c)]

    def row(name: str, key: str, responses: list[Answers] | None) -> BenchmarkRow:
        if responses is None:
            hidden = _hidden_cell(key, protection) if key != "pooled" else Cell(str(_("hidden")))
            return BenchmarkRow(name, hidden, [hidden] * (len(columns) + len(referenced)))
        scores = score_group(responses, questions)
        cells = [composite_cell(scores, c, Cell(""), measure) for c, measure in columns]
        cells += [
            Cell(
                _percent(scores.items[item.key].percent_positive),
                scores.items[item.key].percent_positive,
            )
            for item, _note in referenced
        ]
        return BenchmarkRow(name, Cell(str(len(responses)), float(len(responses))), cells)

    rows = [
        row(
            wave.organisation.name,
            f"org:{org_id}",
            pooled_answers[org_id] if protection.shows(f"org:{org_id}") else None,
        )
        for org_id, wave in sorted(latest.items(), key=lambda item: item[1].organisation.name)
        if counts[f"org:{org_id}"] > 0
    ]
    everyone = [a for rows_ in pooled_answers.values() for a in rows_]
    pooled = row(
        str(_("All organisations")), "pooled", None if protection.total_hidden else everyone
    )
    return Benchmark(columns, referenced, rows, pooled)
