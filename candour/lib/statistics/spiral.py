"""Early warning of the downward spiral: demand up, capacity down, together.

The spiral (PRODUCT.md, section 5): more referrals and cases per worker, then more
sickness, vacancies, leavers and agency cover, then poorer practice and more risk. One
indicator over a line is strain; several worsening together is the spiral forming.

Each indicator is judged on two things over a window of recent periods:
- level: its latest value against a strain threshold;
- direction: its least-squares change across the window against a material change.
Status: ``spiralling`` when at least ``spiral_worsening`` indicators worsen together
(default 3), or at least 2 worsen while at least 2 are over their thresholds;
``strained`` when any is over its threshold or at least 2 worsen together; else
``steady``. Defaults (SpiralThresholds) come from design/METRICS.md; docs/adr/0014.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


class Indicator(enum.StrEnum):
    CASELOAD = "cases per case-holding worker"
    VACANCY_RATE = "vacancy rate (%)"
    AGENCY_RATE = "agency rate (%)"
    TURNOVER_RATE = "turnover rate (%)"
    ABSENCE_RATE = "absence rate (%)"
    DEMAND = "referrals per case-holding worker"


class SpiralStatus(enum.StrEnum):
    STEADY = "steady"
    STRAINED = "strained"
    SPIRALLING = "spiralling"


@dataclass(frozen=True)
class HealthPeriod:
    """One period's indicators for a team or organisation; None = not known.

    Rates are percentages on the DfE definitions (candour.lib.statistics.workforce); the
    turnover rate is annualised (leavers in the 12 months to the period's end).
    """

    period: date
    caseload: float | None = None
    vacancy_rate: float | None = None
    agency_rate: float | None = None
    turnover_rate: float | None = None
    absence_rate: float | None = None
    # Referrals in the period per case-holding FTE: the demand side of the spiral.
    demand_per_worker: float | None = None

    def value(self, indicator: Indicator) -> float | None:
        return {
            Indicator.CASELOAD: self.caseload,
            Indicator.VACANCY_RATE: self.vacancy_rate,
            Indicator.AGENCY_RATE: self.agency_rate,
            Indicator.TURNOVER_RATE: self.turnover_rate,
            Indicator.ABSENCE_RATE: self.absence_rate,
            Indicator.DEMAND: self.demand_per_worker,
        }[indicator]


@dataclass(frozen=True)
class Limit:
    """A strain level and the change over the window that counts as worsening.

    ``relative`` makes the change a fraction of the window's first fitted value
    (demand grows in proportion); otherwise it is in the indicator's own units
    (percentage points for rates).
    """

    strain: float
    worsening: float
    relative: bool = False


@dataclass(frozen=True)
class SpiralThresholds:
    """Configurable thresholds; defaults and their sources:

    - caseload: strained above 20 cases per case-holding FTE (England's average was
      15.2 to 17.7 in 2017-2025; 20 is the caseload band PRODUCT.md asks about);
      worsening by 10% of its level;
    - vacancy rate 20% (England's peak, 2022: 20.0%) and agency rate 20% (England's
      highest 17.9%, 2023; PRODUCT.md: "vacancy and agency rates near 20%"): worsening
      by 3 points;
    - turnover 17% (England's peak strain, 2022: 17.2%): worsening by 3 points;
    - absence 4.2% (CIPD 2023 public sector: 10.6 days per employee over 253 working
      days; England's social workers 2.9-3.5%): worsening by 0.5 points;
    - demand: strained above 4 referrals a month per case-holding FTE (England: about
      620,000 referrals a year over roughly 20,000 case-holding FTE, 2.6 a month);
      worsening by 10% of its level, as demand grows in proportion.
    The window is 6 periods (six months of monthly figures) and needs 3 known values.
    """

    caseload: Limit = Limit(strain=20.0, worsening=0.10, relative=True)
    vacancy_rate: Limit = Limit(strain=20.0, worsening=3.0)
    agency_rate: Limit = Limit(strain=20.0, worsening=3.0)
    turnover_rate: Limit = Limit(strain=17.0, worsening=3.0)
    absence_rate: Limit = Limit(strain=4.2, worsening=0.5)
    demand_per_worker: Limit = Limit(strain=4.0, worsening=0.10, relative=True)
    window: int = 6
    min_values: int = 3
    spiral_worsening: int = 3

    def limit(self, indicator: Indicator) -> Limit:
        return {
            Indicator.CASELOAD: self.caseload,
            Indicator.VACANCY_RATE: self.vacancy_rate,
            Indicator.AGENCY_RATE: self.agency_rate,
            Indicator.TURNOVER_RATE: self.turnover_rate,
            Indicator.ABSENCE_RATE: self.absence_rate,
            Indicator.DEMAND: self.demand_per_worker,
        }[indicator]


@dataclass(frozen=True)
class IndicatorEvidence:
    """What one indicator did over the window."""

    indicator: Indicator
    latest: float | None
    strain: float
    over_threshold: bool
    change: float | None
    worsening_by: float
    worsening: bool
    values_used: int


@dataclass(frozen=True)
class SpiralAssessment:
    """The status at ``period`` with the evidence, over ``window_start`` to ``period``."""

    period: date
    window_start: date
    status: SpiralStatus
    evidence: tuple[IndicatorEvidence, ...]

    @property
    def worsening(self) -> tuple[Indicator, ...]:
        return tuple(item.indicator for item in self.evidence if item.worsening)

    @property
    def over_threshold(self) -> tuple[Indicator, ...]:
        return tuple(item.indicator for item in self.evidence if item.over_threshold)

    def explanation(self) -> list[str]:
        """Plain-English lines a page can show beside the status."""
        lines = []
        for item in self.evidence:
            if item.over_threshold and item.latest is not None:
                lines.append(f"{item.indicator} is {item.latest:.1f}, over {item.strain:g}")
            if item.worsening and item.change is not None:
                lines.append(
                    f"{item.indicator} rose by {item.change:.1f} from {self.window_start:%B %Y}"
                    f" to {self.period:%B %Y}"
                )
        return lines


def fitted_change(values: Sequence[tuple[int, float]]) -> tuple[float, float]:
    """The least-squares line over (position, value) pairs: (value at the first, rise)."""
    count = len(values)
    mean_x = sum(x for x, _ in values) / count
    mean_y = sum(y for _, y in values) / count
    spread = sum((x - mean_x) ** 2 for x, _ in values)
    slope = 0.0
    if spread:
        slope = sum((x - mean_x) * (y - mean_y) for x, y in values) / spread
    first = values[0][0]
    return mean_y + slope * (first - mean_x), slope * (values[-1][0] - first)


def _evidence(
    window: Sequence[HealthPeriod], indicator: Indicator, limits: SpiralThresholds
) -> IndicatorEvidence:
    limit = limits.limit(indicator)
    known = [
        (position, value)
        for position, period in enumerate(window)
        if (value := period.value(indicator)) is not None
    ]
    latest = known[-1][1] if known else None
    change: float | None = None
    needed = limit.worsening
    if len(known) >= limits.min_values:
        start, change = fitted_change(known)
        if limit.relative:
            needed = limit.worsening * abs(start)
    return IndicatorEvidence(
        indicator=indicator,
        latest=latest,
        strain=limit.strain,
        over_threshold=latest is not None and latest > limit.strain,
        change=change,
        worsening_by=needed,
        worsening=change is not None and change >= needed,
        values_used=len(known),
    )


def assess_spiral(
    history: Sequence[HealthPeriod], thresholds: SpiralThresholds | None = None
) -> SpiralAssessment:
    """The early-warning status at the last period of ``history`` (oldest first)."""
    if not history:
        raise ValueError("assess_spiral needs at least one period")
    limits = thresholds or SpiralThresholds()
    window = history[-limits.window :]
    evidence = tuple(_evidence(window, indicator, limits) for indicator in Indicator)
    worsening = sum(1 for item in evidence if item.worsening)
    over = sum(1 for item in evidence if item.over_threshold)
    if worsening >= limits.spiral_worsening or (worsening >= 2 and over >= 2):
        status = SpiralStatus.SPIRALLING
    elif over >= 1 or worsening >= 2:
        status = SpiralStatus.STRAINED
    else:
        status = SpiralStatus.STEADY
    return SpiralAssessment(window[-1].period, window[0].period, status, evidence)


def spiral_history(
    history: Sequence[HealthPeriod], thresholds: SpiralThresholds | None = None
) -> list[SpiralAssessment]:
    """The status at every period, each judged only on what was known by then."""
    return [assess_spiral(history[: end + 1], thresholds) for end in range(len(history))]
