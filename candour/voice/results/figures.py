"""What children and families said, counted: the results page's figures (pure reads).

No figure about fewer than 10 children (METRICS.md). Every count on the page is a cell
in a set of sums (bands add up to the total, teams add up to the total, months add up to
the total, and so on); a cell of 1 to 9 is hidden, and then more cells are hidden until
no hidden cell, nor the sum of the hidden cells in any sum, can be worked out as a
number from 1 to 9 by subtracting what is shown.

Ratings come from every piece of feedback received (a rating carries no words, so it
needs no checking); themes come only from feedback the learning team has published.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from candour.core.charts import Chart, Kind, Series, period_columns
from candour.core.models import Organisation, Team
from candour.voice.models import Feedback, FeedbackThemeTag
from candour.voice.vocabulary import NEGATIVE, POSITIVE, AgeBand, FeedbackStatus, Rating

SMALLEST_SHOWN = 10
MONTHS = 12
SMALL = "small"
SECONDARY = "secondary"

# The Friends and Family Test groups, in the order the NHS publishes them.
POSITIVE_GROUP = "positive"
NEITHER_GROUP = "neither"
NEGATIVE_GROUP = "negative"
DONT_KNOW_GROUP = "dont_know"
GROUPS = (POSITIVE_GROUP, NEITHER_GROUP, NEGATIVE_GROUP, DONT_KNOW_GROUP)
GROUP_LABELS: dict[str, StrOrPromise] = {
    POSITIVE_GROUP: _("Positive (very good or good)"),
    NEITHER_GROUP: _("Neither good nor poor"),
    NEGATIVE_GROUP: _("Negative (poor or very poor)"),
    DONT_KNOW_GROUP: _("Don't know"),
}


def rating_group(rating: str) -> str:
    if rating in POSITIVE:
        return POSITIVE_GROUP
    if rating in NEGATIVE:
        return NEGATIVE_GROUP
    if rating == Rating.NEITHER:
        return NEITHER_GROUP
    return DONT_KNOW_GROUP


# --- Small-number protection -------------------------------------------------------------

Sum = tuple[str, list[str]]  # (the total's key, the keys of the cells that add up to it)


def protect(
    values: dict[str, int], sums: list[Sum], implied: dict[str, list[str]]
) -> dict[str, str]:
    """The cells to hide: SMALL (1 to 9) or SECONDARY (hidden so that subtraction cannot
    reveal a small one). `implied`: hiding a key hides these too (a row with its total).

    Every cell counts as known, whether or not the page shows it as a number, so that a
    figure that can be worked out (a percentage with its total) is protected too.
    """
    hidden = {key: SMALL for key, value in values.items() if 0 < value < SMALLEST_SHOWN}
    changed = True
    while changed:
        changed = False
        for key in list(hidden):
            for also in implied.get(key, []):
                if also not in hidden:
                    hidden[also] = SECONDARY
                    changed = True
        for total, members in sums:
            target = _next_to_hide(values, hidden, total, members)
            if target is not None:
                hidden[target] = SECONDARY
                changed = True
    return hidden


def _next_to_hide(
    values: dict[str, int], hidden: dict[str, str], total: str, members: list[str]
) -> str | None:
    hidden_members = [key for key in members if key in hidden]
    hidden_sum = sum(values[key] for key in hidden_members)
    if total in hidden:
        # All the parts shown would give the total away.
        at_risk = not hidden_members and values[total] > 0
    else:
        # One hidden part is the total less the others; several under 10 between them
        # are still a figure about fewer than 10 children.
        at_risk = hidden_sum > 0 and (len(hidden_members) == 1 or hidden_sum < SMALLEST_SHOWN)
    if not at_risk:
        return None
    candidates = [key for key in members if key not in hidden and values[key] > 0]
    if candidates:
        return min(candidates, key=lambda key: (values[key], key))
    return None if total in hidden else total


# --- What the page shows -----------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    count: int
    hidden: str = ""  # "", SMALL or SECONDARY

    @property
    def shown(self) -> str:
        if self.hidden == SMALL:
            return str(_("fewer than 10"))
        if self.hidden:
            return str(_("hidden"))
        return formats.number_format(self.count, force_grouping=True)


@dataclass(frozen=True)
class Share:
    """A percentage of all responses in a group, as the NHS publishes Friends and Family
    Test results: the denominator includes "neither" and "don't know"."""

    part: Cell
    whole: Cell

    @property
    def percent(self) -> int | None:
        if self.part.hidden or self.whole.hidden or self.whole.count == 0:
            return None
        exact = Decimal(100 * self.part.count) / Decimal(self.whole.count)
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def shown(self) -> str:
        percent = self.percent
        if percent is not None:
            return f"{percent}%"
        if self.whole.hidden:
            return self.whole.shown
        if self.part.hidden:
            return self.part.shown
        return str(_("none"))


@dataclass(frozen=True)
class Row:
    label: str
    responses: Cell
    positive: Share
    negative: Share


@dataclass(frozen=True)
class GroupRow:
    key: str
    label: str
    count: Cell
    share: Share


@dataclass(frozen=True)
class BandRow:
    key: str
    label: str
    count: Cell


@dataclass(frozen=True)
class MonthRow:
    month: date
    label: str
    responses: Cell
    positive: Share


@dataclass(frozen=True)
class ThemeRow:
    theme_id: int
    label: str
    confirmed: Cell
    suggested: Cell


@dataclass(frozen=True)
class Results:
    organisation: Organisation
    # None: the whole organisation.
    team: Team | None
    first_month: date
    last_month: date
    whole: Row
    groups: list[GroupRow]
    teams: list[Row]
    bands: list[BandRow]
    months: list[MonthRow]
    published: Cell
    themes: list[ThemeRow]
    bands_chart: Chart
    months_chart: Chart
    positive_chart: Chart

    @property
    def anything_hidden(self) -> bool:
        cells = [self.whole.responses, *(row.responses for row in self.teams)]
        cells += [g.count for g in self.groups] + [b.count for b in self.bands]
        cells += [m.responses for m in self.months]
        return any(cell.hidden for cell in cells)


def month_starts(today: date, count: int = MONTHS) -> list[date]:
    """The first days of the `count` calendar months ending with today's month."""
    year, month = today.year, today.month
    starts = []
    for _step in range(count):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def _team_rows(
    organisation: Organisation, counted: Iterable[tuple[int | None, str, str, date, int]]
) -> list[tuple[int | None, str]]:
    teams: list[tuple[int | None, str]] = [
        (team.pk, team.name) for team in Team.objects.filter(organisation=organisation)
    ]
    teams.sort(key=lambda item: item[1].lower())
    if any(team_id is None for team_id, *_rest in counted):
        teams.append((None, str(_("The whole service (links not given to one team)"))))
    return teams


# Every figure is counted for the organisation ("org") and for each team, and all of them
# are protected together: the organisation's month or theme count less one team's would
# otherwise give away the other teams' between them. Keys are "<scope>|<figure>".
ORG = "org"


def _scope(team_id: int | None) -> str:
    return f"team:{team_id}"


def _figures(months: list[date], theme_ids: Iterable[int]) -> list[str]:
    """The figures counted in every scope."""
    keys = ["total", "nonpos", "published"]
    keys += [f"group:{g}" for g in GROUPS] + [f"band:{b}" for b in AgeBand.values]
    for month in months:
        keys += [f"month:{month}", f"month:{month}:pos", f"month:{month}:nonpos"]
    for theme_id in theme_ids:
        keys += [f"theme:{theme_id}:confirmed", f"theme:{theme_id}:suggested"]
    return keys


def _scope_sums(scope: str, months: list[date]) -> tuple[list[Sum], dict[str, list[str]]]:
    """The sums inside one scope, and what hiding a figure hides with it."""

    def k(key: str) -> str:
        return f"{scope}|{key}"

    groups = [k(f"group:{g}") for g in GROUPS]
    sums: list[Sum] = [
        (k("total"), [k(f"band:{b}") for b in AgeBand.values]),
        (k("total"), groups),
        (k("total"), [k(f"group:{POSITIVE_GROUP}"), k("nonpos")]),
        (k("nonpos"), [g for g in groups if g != k(f"group:{POSITIVE_GROUP}")]),
        (k("total"), [k(f"month:{m}") for m in months]),
        (k(f"group:{POSITIVE_GROUP}"), [k(f"month:{m}:pos") for m in months]),
        (k("nonpos"), [k(f"month:{m}:nonpos") for m in months]),
    ]
    # Themes come from words: the published count and theme counts stand apart from the
    # ratings, so hiding the total of ratings does not hide them.
    implied: dict[str, list[str]] = {
        k("total"): [k(key) for key in _figures(months, ()) if key not in {"total", "published"}]
    }
    for m in months:
        parts = [k(f"month:{m}:pos"), k(f"month:{m}:nonpos")]
        sums.append((k(f"month:{m}"), parts))
        implied[k(f"month:{m}")] = parts
    return sums, implied


def _counts(
    organisation: Organisation, months: list[date], today: date
) -> tuple[list[tuple[int | None, str, str, date, int]], dict[int, str], Counter[str]]:
    """Ratings by team, band and week; and published feedback and its themes by team."""
    counted = [
        (row["team_id"], row["age_band"], row["rating"], row["received_week"], row["n"])
        for row in Feedback.objects.filter(
            organisation=organisation, received_week__gte=months[0], received_week__lte=today
        )
        .values("team_id", "age_band", "rating", "received_week")
        .annotate(n=Count("pk"))
        .order_by()
    ]
    values: Counter[str] = Counter()
    for team_id, band, rating, week, n in counted:
        group = rating_group(rating)
        month = week.replace(day=1)
        positive = "pos" if group == POSITIVE_GROUP else "nonpos"
        figures = ["total", f"group:{group}", f"band:{band}", f"month:{month}"]
        figures += [f"month:{month}:{positive}"]
        if group != POSITIVE_GROUP:
            figures.append("nonpos")
        for scope in (ORG, _scope(team_id)):
            for figure in figures:
                values[f"{scope}|{figure}"] += n
    labels, themed = _themes(organisation, months[0], today)
    values.update(themed)
    return counted, labels, values


def results_for(organisation: Organisation, *, today: date, team: Team | None = None) -> Results:
    """The organisation's results (or one team's) over the 12 calendar months ending with
    today's month, with the same figures hidden whichever of them is asked for."""
    months = month_starts(today)
    counted, theme_labels, values = _counts(organisation, months, today)
    teams = _team_rows(organisation, counted)
    scopes = [ORG] + [_scope(team_id) for team_id, _name in teams]
    figures = _figures(months, theme_labels)
    cells = {f"{scope}|{key}": values[f"{scope}|{key}"] for scope in scopes for key in figures}
    sums: list[Sum] = []
    implied: dict[str, list[str]] = {}
    for scope in scopes:
        scope_sums, scope_implied = _scope_sums(scope, months)
        sums += scope_sums
        implied.update(scope_implied)
    for key in figures:
        sums.append((f"{ORG}|{key}", [f"{scope}|{key}" for scope in scopes if scope != ORG]))
    # The organisation's hidden total hides everything, as a team's does for the team.
    implied[f"{ORG}|total"] = [key for key in cells if key != f"{ORG}|total"]
    hidden = protect(cells, sums, implied)
    shown = ORG if team is None else _scope(team.pk)

    def cell(key: str, scope: str = shown) -> Cell:
        full = f"{scope}|{key}"
        return Cell(cells.get(full, 0), hidden.get(full, ""))

    total = cell("total")

    def team_row(label: str, scope: str) -> Row:
        whole = cell("total", scope)
        return Row(
            label,
            whole,
            Share(cell(f"group:{POSITIVE_GROUP}", scope), whole),
            Share(cell(f"group:{NEGATIVE_GROUP}", scope), whole),
        )

    month_rows = [
        MonthRow(
            month,
            formats.date_format(month, "M Y"),
            cell(f"month:{month}"),
            Share(cell(f"month:{month}:pos"), cell(f"month:{month}")),
        )
        for month in months
    ]
    band_rows = [
        BandRow(value, str(label), cell(f"band:{value}")) for value, label in AgeBand.choices
    ]
    # By name, not by size: an order by size would rank the hidden counts.
    theme_rows = [
        ThemeRow(
            theme_id,
            label,
            cell(f"theme:{theme_id}:confirmed"),
            cell(f"theme:{theme_id}:suggested"),
        )
        for theme_id, label in sorted(theme_labels.items(), key=lambda item: item[1].lower())
        if cell(f"theme:{theme_id}:confirmed").count or cell(f"theme:{theme_id}:suggested").count
    ]
    return Results(
        organisation=organisation,
        team=team,
        first_month=months[0],
        last_month=months[-1],
        whole=Row(
            str(_("All responses")),
            total,
            Share(cell(f"group:{POSITIVE_GROUP}"), total),
            Share(cell(f"group:{NEGATIVE_GROUP}"), total),
        ),
        groups=[
            GroupRow(g, str(GROUP_LABELS[g]), cell(f"group:{g}"), Share(cell(f"group:{g}"), total))
            for g in GROUPS
        ],
        teams=[
            team_row(name, _scope(team_id))
            for team_id, name in teams
            if team is None or team_id == team.pk
        ],
        bands=band_rows,
        months=month_rows,
        published=cell("published"),
        themes=theme_rows,
        bands_chart=Chart(
            Kind.BARS,
            str(_("Responses by who answered")),
            [str(r.label) for r in band_rows],
            [
                Series(
                    str(_("Responses")),
                    [None if r.count.hidden else r.count.count for r in band_rows],
                    shown=[r.count.shown for r in band_rows],
                )
            ],
            label_heading=str(_("Who answered")),
            gap_name=str(_("No bar: fewer than 10 answered, so the number is not shown")),
        ),
        months_chart=period_columns(
            str(_("Responses each month")),
            [formats.date_format(m.month, "M") for m in month_rows],
            [None if m.responses.hidden else m.responses.count for m in month_rows],
            value_heading=str(_("Responses")),
            shown=[m.responses.shown for m in month_rows],
            table_labels=[m.label for m in month_rows],
        ),
        positive_chart=period_columns(
            str(_("Positive each month")),
            [formats.date_format(m.month, "M") for m in month_rows],
            [m.positive.percent for m in month_rows],
            value_heading=str(_("Positive")),
            unit="%",
            shown=[m.positive.shown for m in month_rows],
            table_labels=[m.label for m in month_rows],
        ),
    )


def _themes(
    organisation: Organisation, since: date, today: date
) -> tuple[dict[int, str], Counter[str]]:
    """Published feedback only: themes come from words, and words are shown only once
    the learning team has checked them. Themes overlap (one piece of feedback can have
    several), so their counts add up across teams but not across themes."""
    published = Feedback.objects.filter(
        organisation=organisation,
        status=FeedbackStatus.PUBLISHED,
        received_week__gte=since,
        received_week__lte=today,
    )
    values: Counter[str] = Counter()
    for row in published.values("team_id").annotate(n=Count("pk")).order_by():
        values[f"{ORG}|published"] += row["n"]
        values[f"{_scope(row['team_id'])}|published"] += row["n"]
    labels: dict[int, str] = {}
    tags = (
        FeedbackThemeTag.objects.filter(feedback__in=published)
        .values("theme_id", "theme__label", "feedback__team_id")
        .annotate(
            confirmed=Count("feedback", filter=Q(confirmed_by__isnull=False), distinct=True),
            suggested=Count("feedback", filter=Q(confirmed_by__isnull=True), distinct=True),
        )
        .order_by()
    )
    for tag in tags:
        labels[tag["theme_id"]] = tag["theme__label"]
        for kind in ("confirmed", "suggested"):
            for scope in (ORG, _scope(tag["feedback__team_id"])):
                values[f"{scope}|theme:{tag['theme_id']}:{kind}"] += tag[kind]
    return labels, values
