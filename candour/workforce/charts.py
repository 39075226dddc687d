"""The health pages' charts, described for the one chart component (candour.core.charts,
ADR 0026): indicators over time, the demand control chart and the Lorenz curve."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from candour.core.charts import BLUE, DARK_GREY, INK, Chart, Event, Kind, Series
from candour.lib.statistics.concentration import LorenzPoint
from candour.lib.statistics.control_charts import Frequency
from candour.workforce.demand import DemandSeries


def lorenz_chart(title: str, points: Sequence[LorenzPoint]) -> Chart:
    """The Lorenz curve of days lost across people, with the line of equality dashed."""
    shares = [point.population_share * 100 for point in points]
    return Chart(
        Kind.LINES,
        title,
        [f"{share:.0f}%" for share in shares],
        [
            Series(
                _("Share of days lost"),
                [point.value_share * 100 for point in points],
                markers=False,
            ),
            Series(
                _("If everyone lost the same"), shares, colour=DARK_GREY, dashed=True, markers=False
            ),
        ],
        label_heading=_("People who lost fewest days"),
        unit="%",
        x_values=shares,
        x_unit="%",
        whole=False,
    )


def line_chart(
    title: str, labels: Sequence[str], values: Sequence[float | None], *, name: str = ""
) -> Chart:
    """One indicator over time."""
    return Chart(
        Kind.LINES,
        title,
        labels,
        [Series(name or title, values)],
        label_heading=_("Period"),
        whole=False,
    )


def control_chart(title: str, series: DemandSeries) -> Chart:
    """Counts with the seasonal centre line, 3-sigma limits, flagged points and events."""
    points = series.points
    weekly = series.frequency is Frequency.WEEKLY
    labels = [
        f"{item.point.period:%d %b %y}" if weekly else f"{item.point.period:%b %y}"
        for item in points
    ]
    limits = _("Limits (3 standard deviations)")
    return Chart(
        Kind.LINES,
        title,
        labels,
        [
            Series(
                _("Count"),
                [item.point.observed for item in points],
                colour=BLUE,
                markers=False,
                flagged=[bool(item.point.signals) for item in points],
            ),
            Series(
                _("Expected (same time in earlier years)"),
                [item.point.baseline.expected if item.point.baseline else None for item in points],
                colour=INK,
                markers=False,
            ),
            Series(
                _("Upper limit"),
                [item.point.limit(3) for item in points],
                colour=DARK_GREY,
                dashed=True,
                markers=False,
                legend=limits,
            ),
            Series(
                _("Lower limit"),
                [item.point.limit(-3) for item in points],
                colour=DARK_GREY,
                dashed=True,
                markers=False,
                legend="",
            ),
        ],
        table_labels=[f"{item.point.period:%d %B %Y}" for item in points],
        label_heading=_("Period starting"),
        events=[Event(index, label) for index, item in enumerate(points) for label in item.events],
        flag_name=_("Flagged by a rule"),
        whole=False,
    )
