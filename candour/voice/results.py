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

from django.db.models import Count
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from candour.core.charts import Column, column_chart_svg
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
    label: str
    confirmed: Cell
    suggested: Cell


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str


@dataclass(frozen=True)
class Results:
    organisation: Organisation
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


def results_for(organisation: Organisation, *, today: date) -> Results:
    """The organisation's results over the 12 calendar months ending with today's month."""
    months = month_starts(today)
    counted = [
        (row["team_id"], row["age_band"], row["rating"], row["received_week"], row["n"])
        for row in Feedback.objects.filter(
            organisation=organisation, received_week__gte=months[0], received_week__lte=today
        )
        .values("team_id", "age_band", "rating", "received_week")
        .annotate(n=Count("pk"))
        .order_by()
    ]
    teams = _team_rows(organisation, counted)
    values: Counter[str] = Counter()
    keys = ["total", "org.nonpos"]
    keys += [f"group:{g}" for g in GROUPS] + [f"band:{b}" for b in AgeBand.values]
    for team_id, _name in teams:
        keys += [f"team:{team_id}"] + [f"team:{team_id}:{g}" for g in GROUPS]
    for month in months:
        keys += [f"month:{month}", f"month:{month}:pos", f"month:{month}:nonpos"]
    for team_id, band, rating, week, n in counted:
        group = rating_group(rating)
        month = week.replace(day=1)
        positive = "pos" if group == POSITIVE_GROUP else "nonpos"
        for key in (
            "total",
            f"group:{group}",
            f"band:{band}",
            f"team:{team_id}",
            f"team:{team_id}:{group}",
            f"month:{month}",
            f"month:{month}:{positive}",
        ):
            values[key] += n
        if group != POSITIVE_GROUP:
            values["org.nonpos"] += n
    cells = {key: values[key] for key in keys}
    hidden = protect(cells, *_sums(teams, months, list(cells)))

    def cell(key: str) -> Cell:
        return Cell(cells[key], hidden.get(key, ""))

    total = cell("total")

    def row(label: str, prefix: str) -> Row:
        whole = cell(prefix)
        return Row(
            label,
            whole,
            Share(cell(f"{prefix}:{POSITIVE_GROUP}"), whole),
            Share(cell(f"{prefix}:{NEGATIVE_GROUP}"), whole),
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
    published, themes = _themes(organisation, months[0], today)
    return Results(
        organisation=organisation,
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
        teams=[row(name, f"team:{team_id}") for team_id, name in teams],
        bands=band_rows,
        months=month_rows,
        published=published,
        themes=themes,
        bands_chart=Chart(
            str(_("Responses by who answered")),
            column_chart_svg(
                str(_("Responses by who answered")),
                [
                    Column(str(r.label), None if r.count.hidden else r.count.count)
                    for r in band_rows
                ],
            ),
        ),
        months_chart=Chart(
            str(_("Responses each month")),
            column_chart_svg(
                str(_("Responses each month")),
                [
                    Column(
                        formats.date_format(m.month, "M"),
                        None if m.responses.hidden else m.responses.count,
                    )
                    for m in month_rows
                ],
            ),
        ),
    )


def _sums(
    teams: list[tuple[int | None, str]], months: list[date], keys: list[str]
) -> tuple[list[Sum], dict[str, list[str]]]:
    groups = [f"group:{g}" for g in GROUPS]
    sums: list[Sum] = [
        ("total", [f"band:{b}" for b in AgeBand.values]),
        ("total", groups),
        ("total", [f"group:{POSITIVE_GROUP}", "org.nonpos"]),
        ("org.nonpos", [g for g in groups if g != f"group:{POSITIVE_GROUP}"]),
        ("total", [f"team:{team_id}" for team_id, _name in teams]),
        ("total", [f"month:{m}" for m in months]),
        (f"group:{POSITIVE_GROUP}", [f"month:{m}:pos" for m in months]),
        ("org.nonpos", [f"month:{m}:nonpos" for m in months]),
    ]
    implied: dict[str, list[str]] = {"total": [key for key in keys if key != "total"]}
    for team_id, _name in teams:
        parts = [f"team:{team_id}:{g}" for g in GROUPS]
        sums.append((f"team:{team_id}", parts))
        implied[f"team:{team_id}"] = parts
    for g in GROUPS:
        sums.append((f"group:{g}", [f"team:{team_id}:{g}" for team_id, _name in teams]))
    for m in months:
        parts = [f"month:{m}:pos", f"month:{m}:nonpos"]
        sums.append((f"month:{m}", parts))
        implied[f"month:{m}"] = parts
    return sums, implied


def _themes(organisation: Organisation, since: date, today: date) -> tuple[Cell, list[ThemeRow]]:
    """Published feedback only: themes come from words, and words are shown only once
    the learning team has checked them. Themes overlap (one piece of feedback can have
    several), so their counts do not add up to anything shown and need no secondary
    hiding."""
    published = Feedback.objects.filter(
        organisation=organisation,
        status=FeedbackStatus.PUBLISHED,
        received_week__gte=since,
        received_week__lte=today,
    )
    published_count = published.count()
    labels: dict[int, str] = {}
    counts: Counter[tuple[int, bool]] = Counter()
    for confirmed in (True, False):
        tags = (
            FeedbackThemeTag.objects.filter(
                feedback__in=published, confirmed_by__isnull=not confirmed
            )
            .values("theme_id", "theme__label")
            .annotate(n=Count("feedback", distinct=True))
            .order_by()
        )
        for tag in tags:
            labels[tag["theme_id"]] = tag["theme__label"]
            counts[(tag["theme_id"], confirmed)] = tag["n"]
    # By name, not by size: an order by size would rank the hidden counts.
    rows = [
        ThemeRow(label, _small(counts[(theme_id, True)]), _small(counts[(theme_id, False)]))
        for theme_id, label in sorted(labels.items(), key=lambda item: item[1].lower())
    ]
    return _small(published_count), rows


def _small(count: int) -> Cell:
    return Cell(count, SMALL if 0 < count < SMALLEST_SHOWN else "")
