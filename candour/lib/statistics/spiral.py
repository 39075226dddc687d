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

Issue 20 (docs/adr/0024): a line may be relative to the organisation's own usual level
(the median of the 12 periods before the window), which is how demand per worker is
judged, as councils differ too much for one national line; and a surge flagged on the
control charts in the latest period (``HealthPeriod.surges``) counts as the demand side
over its line and worsening, so a surge on top of strain is the spiral forming.
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
    # Demand measures whose control chart flagged a surge in the period, in words.
    surges: tuple[str, ...] = ()

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
    (percentage points for rates). ``strain`` None: no fixed line. ``above_usual``: also
    strained when the latest value is more than this share above the organisation's
    own usual level (0.2: 20% above the median of the 12 periods before the window).
    """

    strain: float | None
    worsening: float
    relative: bool = False
    above_usual: float | None = None


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
    - demand: strained when referrals a month per case-holding FTE are more than 20%
      above the organisation's own usual level (the median of the 12 months before the
      window); no fixed line, as a council's usual level depends on how it counts
      referrals and who holds cases (issue 20: a fixed 4 was exceeded every month by the
      demo, as by many councils, and so said nothing). Worsening by 10% of its level.
    The window is 6 periods (six months of monthly figures) and needs 3 known values.
    """

    caseload: Limit = Limit(strain=20.0, worsening=0.10, relative=True)
    vacancy_rate: Limit = Limit(strain=20.0, worsening=3.0)
    agency_rate: Limit = Limit(strain=20.0, worsening=3.0)
    turnover_rate: Limit = Limit(strain=17.0, worsening=3.0)
    absence_rate: Limit = Limit(strain=4.2, worsening=0.5)
    demand_per_worker: Limit = Limit(strain=None, worsening=0.10, relative=True, above_usual=0.2)
    window: int = 6
    min_values: int = 3
    spiral_worsening: int = 3
    # The periods before the window that give an indicator's usual level.
    usual_periods: int = 12

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
    strain: float | None  # the line it is judged against (fixed, or from its usual level)
    over_threshold: bool
    change: float | None
    worsening_by: float
    worsening: bool
    values_used: int
    usual: float | None = None  # its own usual level, when the line is relative to it


@dataclass(frozen=True)
class SpiralAssessment:
    """The status at ``period`` with the evidence, over ``window_start`` to ``period``."""

    period: date
    window_start: date
    status: SpiralStatus
    evidence: tuple[IndicatorEvidence, ...]
    # Demand measures whose control chart flagged a surge in the latest period.
    surges: tuple[str, ...] = ()

    @property
    def worsening(self) -> tuple[Indicator, ...]:
        return tuple(item.indicator for item in self.evidence if item.worsening)

    @property
    def over_threshold(self) -> tuple[Indicator, ...]:
        return tuple(item.indicator for item in self.evidence if item.over_threshold)

    def explanation(self) -> list[str]:
        """Plain-English lines a page can show beside the status."""
        lines = [
            f"{measure}: a surge flagged on its control chart in {self.period:%B %Y}"
            for measure in self.surges
        ]
        for item in self.evidence:
            if item.over_threshold and item.latest is not None:
                lines.append(over_words(str(item.indicator), item.latest, item.strain, item.usual))
            if item.worsening and item.change is not None:
                lines.append(
                    f"{item.indicator} rose by {item.change:.1f} from {self.window_start:%B %Y}"
                    f" to {self.period:%B %Y}"
                )
        return lines


def over_words(label: str, latest: float, line: float | None, usual: float | None) -> str:
    """ "X is 5.1, over 4.3 (20% above its usual 3.6)" or "X is 5.7, over 4.2"."""
    if usual is not None and line is not None:
        above = (line / usual - 1) * 100 if usual else 0.0
        return (
            f"{label} is {latest:.1f}, over {line:.1f} ({above:.0f}% above its usual {usual:.1f})"
        )
    return f"{label} is {latest:.1f}, over {line:g}"


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


def _usual(before: Sequence[HealthPeriod], indicator: Indicator) -> float | None:
    """The median of the known values before the window; None with fewer than 3."""
    known = sorted(v for period in before if (v := period.value(indicator)) is not None)
    if len(known) < 3:
        return None
    middle = len(known) // 2
    return known[middle] if len(known) % 2 else (known[middle - 1] + known[middle]) / 2


def _evidence(
    window: Sequence[HealthPeriod],
    indicator: Indicator,
    limits: SpiralThresholds,
    before: Sequence[HealthPeriod] = (),
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
    usual = _usual(before, indicator) if limit.above_usual is not None else None
    lines = [line for line in (limit.strain,) if line is not None]
    if usual is not None and limit.above_usual is not None:
        lines.append(usual * (1 + limit.above_usual))
    line = min(lines) if lines else None
    return IndicatorEvidence(
        indicator=indicator,
        latest=latest,
        strain=line,
        over_threshold=latest is not None and line is not None and latest > line,
        change=change,
        worsening_by=needed,
        worsening=change is not None and change >= needed,
        values_used=len(known),
        usual=usual if line is not None and line != limit.strain else None,
    )


def assess_spiral(
    history: Sequence[HealthPeriod], thresholds: SpiralThresholds | None = None
) -> SpiralAssessment:
    """The early-warning status at the last period of ``history`` (oldest first)."""
    if not history:
        raise ValueError("assess_spiral needs at least one period")
    limits = thresholds or SpiralThresholds()
    window = history[-limits.window :]
    before = history[: -limits.window][-limits.usual_periods :]
    evidence = tuple(_evidence(window, indicator, limits, before) for indicator in Indicator)
    surges = window[-1].surges
    # A surge on the control charts is the demand side over its line and worsening, once
    # however many measures flag it (and not twice when demand per worker says so too).
    demand = next(item for item in evidence if item.indicator is Indicator.DEMAND)
    worsening = sum(1 for item in evidence if item.worsening)
    worsening += bool(surges) and not demand.worsening
    over = sum(1 for item in evidence if item.over_threshold)
    over += bool(surges) and not demand.over_threshold
    if worsening >= limits.spiral_worsening or (worsening >= 2 and over >= 2):
        status = SpiralStatus.SPIRALLING
    elif over >= 1 or worsening >= 2:
        status = SpiralStatus.STRAINED
    else:
        status = SpiralStatus.STEADY
    return SpiralAssessment(window[-1].period, window[0].period, status, evidence, surges)


def spiral_history(
    history: Sequence[HealthPeriod], thresholds: SpiralThresholds | None = None
) -> list[SpiralAssessment]:
    """The status at every period, each judged only on what was known by then."""
    return [assess_spiral(history[: end + 1], thresholds) for end in range(len(history))]
