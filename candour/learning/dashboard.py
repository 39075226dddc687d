"""The learning dashboard: what is reported and why, with small numbers hidden."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from candour.core.models import Organisation
from candour.learning.bulletin_content import BarChart, bar_chart_svg, suppress
from candour.learning.models import Axis, CodedValue, DefenceState, ThemeReport, ThemeStatus
from candour.reporting.models import Report
from candour.reporting.vocabulary import Outcome


@dataclass(frozen=True)
class Dashboard:
    organisation: Organisation
    start: date
    end: date
    charts: list[BarChart]


def _chart(title: str, counts: list[tuple[str, int]]) -> BarChart:
    rows = [suppress(label, count) for label, count in counts]
    return BarChart(title, rows, bar_chart_svg(title, rows))


def _months(start: date, end: date) -> list[date]:
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def build_dashboard(organisation: Organisation, *, start: date, end: date) -> Dashboard:
    reports = Report.objects.filter(
        organisation=organisation, received_week__gte=start, received_week__lte=end
    )
    by_month = Counter(r.replace(day=1) for r in reports.values_list("received_week", flat=True))
    outcomes = Counter(reports.values_list("outcome", flat=True))
    values = CodedValue.objects.filter(coding__report__in=reports, coding__is_primary=True)

    def top(axis: Axis, state: str | None = None) -> list[tuple[str, int]]:
        chosen = values.filter(code__axis=axis)
        if state is not None:
            chosen = chosen.filter(defence_state=state)
        # Follow merges, so that old coding counts under the code it became.
        labels = (value.code.current.label for value in chosen.select_related("code__merged_into"))
        return Counter(labels).most_common(8)

    # Confirmed themes only: a suggestion is not yet the learning team's view.
    themes = Counter(
        ThemeReport.objects.filter(
            theme__organisation=organisation,
            theme__status=ThemeStatus.CONFIRMED,
            report__in=reports,
        ).values_list("theme__name", flat=True)
    ).most_common(8)
    return Dashboard(
        organisation,
        start,
        end,
        [
            _chart(
                _("Reports received by month"),
                [(date_format(m, "M Y"), by_month.get(m, 0)) for m in _months(start, end)],
            ),
            _chart(_("Outcome"), [(str(o.label), outcomes.get(o.value, 0)) for o in Outcome]),
            _chart(_("Contributing factors"), top(Axis.FACTOR)),
            _chart(_("Defences that failed"), top(Axis.DEFENCE, DefenceState.FAILED)),
            _chart(_("Defences that held"), top(Axis.DEFENCE, DefenceState.HELD)),
            _chart(_("Reasoning traps"), top(Axis.REASONING)),
            _chart(_("What caught it"), top(Axis.RECOVERY)),
            _chart(_("Confirmed themes (recurring error traps)"), themes),
        ],
    )
