"""The learning dashboard: what is reported and why, with small numbers hidden."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from candour.core.charts import CountRow
from candour.core.models import Organisation
from candour.learning.lessons.bulletin_content import (
    BarChart,
    coded_outcomes,
    confirmed_theme_counts,
    reports_received,
    suppress,
    suppress_parts,
    week_month,
)
from candour.learning.models import Axis, Code, CodedValue, DefenceState
from candour.reporting.vocabulary import Outcome


@dataclass(frozen=True)
class Dashboard:
    organisation: Organisation
    start: date
    end: date
    charts: list[BarChart]
    # Reports where a child or family was harmed: in full for the learning team, who read
    # every report anyway; with the small-number rule for everyone else.
    harmed: CountRow | None = None
    harmed_in_full: bool = False


def _chart(
    title: str,
    counts: list[tuple[str, int]],
    *,
    parts: bool = False,
    label_heading: str = "",
    over_time: bool = False,
) -> BarChart:
    """`parts`: the rows split every report between them, so their sum is the total."""
    rows: list[CountRow] = (
        suppress_parts(counts) if parts else [suppress(label, count) for label, count in counts]
    )
    return BarChart(title, rows, label_heading, over_time)


def _months(start: date, end: date) -> list[date]:
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def build_dashboard(
    organisation: Organisation, *, start: date, end: date, learning_team: bool = False
) -> Dashboard:
    reports = reports_received(organisation.pk, start, end)
    # Counted in the database: a large council has tens of thousands of reports a year,
    # and loading them (or their coded values) into Python took seconds.
    by_month: Counter[date] = Counter()
    for week, count in reports.values_list("received_week").annotate(n=Count("pk")).order_by():
        by_month[week_month(week)] += count
    outcomes = coded_outcomes(reports)
    values = CodedValue.objects.filter(coding__report__in=reports, coding__is_primary=True)
    # Follow merges, so that old coding counts under the code it became.
    current = Code.objects.current_by_id()
    labels = {pk: code.label for pk, code in current.items()}
    # One grouped pass over the coded values; each chart takes its share.
    tallies: dict[tuple[str, str | None], Counter[str]] = {}
    for code_id, state, count in values.values_list("code_id", "defence_state").annotate(
        n=Count("pk")
    ):
        axis, label = current[code_id].axis, labels[code_id]
        tallies.setdefault((axis, None), Counter())[label] += count
        if state:
            tallies.setdefault((axis, state), Counter())[label] += count

    def top(axis: Axis, state: str | None = None) -> list[tuple[str, int]]:
        return tallies.get((axis, state), Counter()).most_common(8)

    themes = confirmed_theme_counts(organisation.pk, reports)
    harmed_label = str(_("Reports where a child or family was harmed"))
    harmed_count = outcomes.get(Outcome.HARM.value, 0)
    outcome_chart = _chart(
        _("Outcome"),
        [(str(o.label), outcomes.get(o.value, 0)) for o in Outcome],
        parts=True,
    )
    if learning_team:
        harmed = CountRow(harmed_label, harmed_count)
    else:
        # The outcome chart's own row, hidden or not by the same rule: a figure shown here
        # but hidden there would let a small outcome be worked out by subtraction.
        row = next(r for r in outcome_chart.rows if r.label == str(Outcome.HARM.label))
        harmed = CountRow(harmed_label, row.count, row.complementary)
    return Dashboard(
        organisation,
        start,
        end,
        [
            _chart(
                _("Reports received by month"),
                [(date_format(m, "M Y"), by_month.get(m, 0)) for m in _months(start, end)],
                parts=True,
                label_heading=_("Month"),
                over_time=True,
            ),
            outcome_chart,
            _chart(_("Contributing factors"), top(Axis.FACTOR)),
            _chart(_("Defences that failed"), top(Axis.DEFENCE, DefenceState.FAILED)),
            _chart(_("Defences that held"), top(Axis.DEFENCE, DefenceState.HELD)),
            _chart(_("Reasoning traps"), top(Axis.REASONING)),
            _chart(_("What caught it"), top(Axis.RECOVERY)),
            _chart(_("Confirmed themes (recurring error traps)"), themes.most_common(8)),
        ],
        harmed,
        learning_team,
    )
