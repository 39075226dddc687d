"""What a chart shows, whatever page or document draws it: one description for all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from candour.lib.charts.scale import tick_text

# The design system's colours. Lines and bars keep at least 3:1 against white (WCAG
# 1.4.11); a second line differs by its dashes too, so colour is never the only cue.
INK = "#0b0c0c"
BLUE = "#1d70b8"
GREEN = "#00703c"
PURPLE = "#4c2c92"
RED = "#d4351c"
PINK = "#912b88"
DARK_GREY = "#505a5f"
GRID = "#b1b4b6"  # gridlines only: they carry nothing the tick labels do not say
WHITE = "#ffffff"


class Kind(StrEnum):
    BARS = "bars"  # horizontal bars, a label above each: categories
    COLUMNS = "columns"  # vertical columns: counts over time
    LINES = "lines"  # lines over time, or over a number scale (x_values)


@dataclass(frozen=True)
class Series:
    """One set of values, one per label. None is a gap: not known, or a hidden small number."""

    name: str
    values: Sequence[float | None]
    # How each value reads in the table and beside its bar ("fewer than 5"); by default
    # the value itself, with the chart's unit.
    shown: Sequence[str] | None = None
    colour: str = BLUE
    dashed: bool = False
    markers: bool = True
    # Points ringed in red (a control-chart flag), by position; empty for none.
    flagged: Sequence[bool] = ()
    # The legend's words: None for the name, "" for no entry of its own (the lower limit
    # shares the upper limit's entry).
    legend: str | None = None

    def text(self, index: int, unit: str = "") -> str:
        if self.shown is not None:
            return self.shown[index]
        value = self.values[index]
        return "" if value is None else tick_text(round(value, 2), unit)

    @property
    def legend_text(self) -> str:
        return self.name if self.legend is None else self.legend


@dataclass(frozen=True)
class Event:
    """Something that happened at one label's position: a national case, an inspection."""

    position: int
    label: str


@dataclass(frozen=True)
class Chart:
    kind: Kind
    title: str
    labels: Sequence[str]  # one per category or period, in the order drawn and tabled
    series: Sequence[Series]
    # The labels as the data table writes them, where the chart abbreviates ("Jan 24"
    # on the chart, "January 2024" in the table); by default the same.
    table_labels: Sequence[str] | None = None
    label_heading: str = ""  # the data table's first column
    unit: str = ""  # after every tick and value: "%"
    # Lines over a number scale rather than periods (the Lorenz curve): x per label.
    x_values: Sequence[float] | None = None
    x_unit: str = ""
    events: Sequence[Event] = ()
    flag_name: str = ""  # the legend's and the table's words for a ringed point
    gap_name: str = ""  # the legend's words for a gap, where any value is hidden
    whole: bool = True  # counts: no tick between whole numbers
    notes: Sequence[str] = field(default_factory=tuple)

    @property
    def has_flags(self) -> bool:
        return bool(self.flag_name) and any(any(s.flagged) for s in self.series)

    @property
    def has_gaps(self) -> bool:
        return bool(self.gap_name) and any(v is None for s in self.series for v in s.values)

    def flagged_at(self, index: int) -> bool:
        return any(index < len(s.flagged) and s.flagged[index] for s in self.series)

    def events_at(self, index: int) -> list[str]:
        return [event.label for event in self.events if event.position == index]
