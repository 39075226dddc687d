"""Control charts for demand counts against a seasonal baseline (docs/adr/0014).

Each period's expected count is the mean of the same period, and the periods either
side of it, in previous years only (Farrington's approach, as used for infectious
disease surveillance). The spread is a quasi-Poisson one: sigma^2 = phi * mu * (1 + 1/n),
phi = max(1, variance / mean of the baseline values), so the chart is a c-chart when the
counts are Poisson and wider when they vary more. Every rule runs on the standardised
residual z = (observed - expected) / sigma: Western Electric rules, a tabular CUSUM and
an EWMA. A surge never leaks into its own baseline until a year has passed.

Three ways of setting the line, the spread and the rules (docs/adr/0024,
benchmarks/surge_detection.py):
- ``SurgeMethod.REGRESSION`` (the default from the first benchmark run until the pooled
  method below replaced it): the line is a quasi-Poisson regression of the series' own last
  three years on its level, trend, month of the year and (weekly) school holidays, leaving
  out the latest 8 weeks or 3 months (``seasonal_regression.py``); the spread is the
  fit's overdispersion plus the uncertainty of the line; one rule, a CUSUM (h = 4.5
  weekly, 2.5 monthly, tuned on the development half). Until there is a year of history
  before the left-out periods, the calibrated baseline below stands in.
- ``SurgeMethod.CALIBRATED`` (the default before): the baseline takes the same week or
  month only (a window either side mixed August into July and September, and Christmas
  into December, which both biased the centre line and widened the spread); the
  dispersion is calibrated on how far the baseline missed in the two years before each
  point, leaving out the latest 8 weeks or 3 months (pooled, so seasons do not inflate
  it, and a surge does not widen its own limits); and the one rule is a CUSUM whose
  decision interval suits the frequency (h = 4.5 weekly, 2.5 monthly: under one false
  flag per series in two years on simulated counts). A point 3 sigma out also crosses it.
- ``SurgeMethod.POOLED`` (the default since the benchmark's second run, docs/adr/0024):
  the regression above with its month and holiday factors shrunk
  toward a school-year shape shared across authorities (``SCHOOL_YEAR_PROFILE``), the
  level and trend still the series' own, and its own CUSUM reference value and decision
  interval (``POOLED_CUSUM``), all chosen on the development half of the benchmark's
  second run, whose seasons are not the regression's own form (holidays at each
  authority's own dates and depths).
- ``SurgeMethod.SHEWHART`` (what Candour did before issue 20, kept to compare with): the
  quasi-Poisson spread from the baseline window itself and every rule listed in
  :class:`Rule`.
"""

from __future__ import annotations

import enum
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from candour.lib.statistics.seasonal_regression import (
    RegressionSettings,
    SeasonalPrior,
    regression_baseline,
)


class Frequency(enum.StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"

    @property
    def periods_per_year(self) -> int:
        return 52 if self is Frequency.WEEKLY else 12

    @property
    def default_half_window(self) -> int:
        return 3 if self is Frequency.WEEKLY else 1


class Rule(enum.StrEnum):
    BEYOND_3_SIGMA = "1 point beyond 3 sigma"
    TWO_OF_THREE_BEYOND_2_SIGMA = "2 of 3 points beyond 2 sigma on one side"
    FOUR_OF_FIVE_BEYOND_1_SIGMA = "4 of 5 points beyond 1 sigma on one side"
    EIGHT_ON_ONE_SIDE = "8 points in a row on one side of the baseline"
    CUSUM = "CUSUM above its decision interval"
    EWMA = "EWMA beyond its control limit"


class SurgeMethod(enum.StrEnum):
    REGRESSION = "regression"
    POOLED = "pooled"
    CALIBRATED = "calibrated"
    SHEWHART = "shewhart"


class Direction(enum.StrEnum):
    HIGH = "high"
    LOW = "low"


@dataclass(frozen=True)
class DemandPoint:
    """A count for one week (starting ``period``) or month (``period`` = its first day).

    None means not recorded, never zero.
    """

    period: date
    count: int | None


@dataclass(frozen=True)
class BaselineSettings:
    """Previous years used and how many periods either side of the same period.

    Defaults: 3 years and 3 weeks either side (21 weeks of baseline) for weekly data, 1
    month either side (9 months) for monthly. A baseline needs ``min_values`` counts,
    by default one year's window (7 weeks or 3 months), so charts start after a year.
    """

    years: int = 3
    half_window: int | None = None
    min_values: int | None = None
    # Calibrate the dispersion on the baseline's own misses over this many years (0: no).
    calibration_years: int = 0
    # The fewest earlier misses a calibration needs; fewer, and the window's spread is used.
    calibration_min: int = 6
    # The latest periods left out of the calibration (a surge being judged).
    calibration_gap: int = 0

    @classmethod
    def for_method(cls, method: SurgeMethod, frequency: Frequency) -> BaselineSettings:
        if method is SurgeMethod.SHEWHART:
            return cls()
        gap = 8 if frequency is Frequency.WEEKLY else 3
        return cls(half_window=0, min_values=1, calibration_years=2, calibration_gap=gap)


@dataclass(frozen=True)
class ChartSettings:
    """Decision settings, on the standardised residual z (sigma units).

    CUSUM: reference value k = 0.5 (half the 1-sigma shift it is tuned to find) and
    decision interval h = 5: with in-control normal data an alarm about every 465 points
    (nine years of weeks), and a 1-sigma shift found in about 10 points, a 2-sigma shift
    in about 4 (Montgomery, Introduction to Statistical Quality Control, the CUSUM chapter).
    EWMA: lambda = 0.2, limits at L = 3 sigma of the EWMA (in-control ARL about 500).
    """

    rules: frozenset[Rule] = field(default_factory=lambda: frozenset(Rule))
    cusum_k: float = 0.5
    cusum_h: float = 5.0
    ewma_lambda: float = 0.2
    ewma_width: float = 3.0

    @classmethod
    def for_method(cls, method: SurgeMethod, frequency: Frequency) -> ChartSettings:
        if method is SurgeMethod.SHEWHART:
            return cls()
        if method is SurgeMethod.POOLED:
            k, h = POOLED_CUSUM[frequency]
            return cls(rules=frozenset({Rule.CUSUM}), cusum_k=k, cusum_h=h)
        decision = REGRESSION_CUSUM_H if method is SurgeMethod.REGRESSION else CALIBRATED_CUSUM_H
        return cls(rules=frozenset({Rule.CUSUM}), cusum_h=decision[frequency])


# The CUSUM decision interval of the calibrated method, tuned on the development half of
# benchmarks/surge_detection.py for at most one false flag per series in two years.
CALIBRATED_CUSUM_H = {Frequency.WEEKLY: 4.5, Frequency.MONTHLY: 2.5}
# The same for the seasonal regression (same half, same budget): development half,
# +20%, weekly 48% flagged within 4 weeks at 0.85 false flags per series per two years;
# monthly at 0.78 to 0.93 (h = 2.0 went over one on two of the three monthly series).
REGRESSION_CUSUM_H = {Frequency.WEEKLY: 4.5, Frequency.MONTHLY: 2.5}
# The pooled method's shared school year (log factors, February to December against
# January, and the weekly school holidays), its spread, and its CUSUM (k, h): all from
# the development half of benchmarks/surge_detection.py (second run, seasons at each
# authority's own holiday dates). The shape is learnt from simulated counts: no
# authority publishes weekly or monthly demand, so it is ours, not England's.
POOLED_SPREAD = 0.06
SCHOOL_YEAR_PROFILE = {
    Frequency.WEEKLY: SeasonalPrior(
        months=(
            *(-0.024, -0.0307, -0.075, -0.1004, -0.0649, -0.0926),
            *(-0.0149, 0.038, 0.005, -0.0025, -0.1159),
        ),
        holidays=(-0.3133, -0.2698, -0.1934, -0.0848),
        spread=POOLED_SPREAD,
    ),
    Frequency.MONTHLY: SeasonalPrior(
        months=(
            *(-0.0768, 0.0221, -0.1252, -0.0567, -0.045, -0.0839),
            *(-0.2613, 0.0603, 0.0507, 0.032, -0.1082),
        ),
        spread=POOLED_SPREAD,
    ),
}
# Development half, +20%: weekly 42% within 4 weeks at 0.74 false flags per series per two
# years, monthly 39% within 2 months at 0.75 (the regression re-tuned: 40% at 0.85, 34% at
# 0.84). Monthly (1.0, 1.0) is the grid's corner: a wider grid might do better.
POOLED_CUSUM = {Frequency.WEEKLY: (0.75, 2.75), Frequency.MONTHLY: (1.0, 1.0)}


@dataclass(frozen=True)
class Baseline:
    expected: float
    sigma: float
    dispersion: float
    values_used: int


@dataclass(frozen=True)
class Signal:
    rule: Rule
    direction: Direction


@dataclass(frozen=True)
class Change:
    """A change from an earlier count: absolute and as a percentage (None from zero)."""

    earlier: int
    difference: int
    percent: float | None


@dataclass(frozen=True)
class ChartPoint:
    """One period on the chart: what to draw, and the signals to annotate."""

    period: date
    observed: int | None
    baseline: Baseline | None
    z: float | None
    cusum_high: float | None
    cusum_low: float | None
    ewma: float | None
    ewma_limit: float | None
    signals: tuple[Signal, ...]
    period_on_period: Change | None
    year_on_year: Change | None

    def limit(self, sigmas: float) -> float | None:
        """expected + sigmas x sigma in counts (never below zero): 3 and -3 are the limits."""
        if self.baseline is None:
            return None
        return max(0.0, self.baseline.expected + sigmas * self.baseline.sigma)

    @property
    def surge(self) -> bool:
        return any(signal.direction is Direction.HIGH for signal in self.signals)


def _check_regular(points: Sequence[DemandPoint], frequency: Frequency) -> None:
    for before, after in itertools.pairwise(points):
        if frequency is Frequency.WEEKLY:
            regular = after.period - before.period == timedelta(days=7)
        else:
            months = (after.period.year - before.period.year) * 12 + after.period.month
            regular = months - before.period.month == 1 and after.period.day == before.period.day
        if not regular:
            raise ValueError(f"{frequency} series is not regular at {after.period}")


def seasonal_baseline(
    points: Sequence[DemandPoint],
    frequency: Frequency,
    settings: BaselineSettings | None = None,
) -> list[Baseline | None]:
    """Expected count and sigma for each period from the same periods in previous years."""
    settings = settings or BaselineSettings()
    _check_regular(points, frequency)
    half = settings.half_window
    half = frequency.default_half_window if half is None else half
    year = frequency.periods_per_year
    minimum = 2 * half + 1 if settings.min_values is None else settings.min_values
    baselines: list[Baseline | None] = []
    for index in range(len(points)):
        values = []
        for years_back in range(1, settings.years + 1):
            centre = index - years_back * year
            for offset in range(-half, half + 1):
                position = centre + offset
                if 0 <= position < index:
                    count = points[position].count
                    if count is not None:
                        values.append(count)
        if len(values) < minimum:
            baselines.append(None)
            continue
        mean = sum(values) / len(values)
        spread = sum((value - mean) ** 2 for value in values)
        variance = spread / (len(values) - 1) if len(values) > 1 else 0.0
        dispersion = max(1.0, variance / mean) if mean > 0 else 1.0
        if settings.calibration_years:
            dispersion = _calibrated(points, baselines, index, year, settings, dispersion)
        sigma = math.sqrt(dispersion * max(mean, 1.0) * (1 + 1 / len(values)))
        baselines.append(Baseline(mean, sigma, dispersion, len(values)))
    return baselines


def regression_baselines(
    points: Sequence[DemandPoint],
    frequency: Frequency,
    settings: RegressionSettings | None = None,
) -> list[Baseline | None]:
    """Expected count and sigma for each period from a seasonal regression of the history
    before it (``seasonal_regression.py``). Until the history holds a year before the
    left-out latest periods, and enough spare observations to measure the spread, the
    calibrated same-period baseline stands in, so the chart starts after a year either way."""
    fitted = regression_baseline(
        [point.period for point in points],
        [point.count for point in points],
        frequency.periods_per_year,
        settings,
    )
    stand_in = seasonal_baseline(
        points, frequency, BaselineSettings.for_method(SurgeMethod.CALIBRATED, frequency)
    )
    return [
        earlier
        if fit is None
        else Baseline(fit.expected, fit.sigma, fit.dispersion, fit.values_used)
        for fit, earlier in zip(fitted, stand_in, strict=True)
    ]


def _calibrated(
    points: Sequence[DemandPoint],
    baselines: Sequence[Baseline | None],
    index: int,
    year: int,
    settings: BaselineSettings,
    fallback: float,
) -> float:
    """The dispersion that makes the baseline's earlier misses Poisson-sized on average:
    mean of (observed - expected)^2 / (expected x (1 + 1/n)) over the points of the last
    ``calibration_years`` before this one, less the latest ``calibration_gap`` (never
    below 1)."""
    misses = []
    # The most recent periods are left out, so that a surge does not widen its own limits.
    last = index - settings.calibration_gap
    for position in range(max(0, index - settings.calibration_years * year), max(0, last)):
        earlier, count = baselines[position], points[position].count
        if earlier is None or count is None:
            continue
        scale = max(earlier.expected, 1.0) * (1 + 1 / earlier.values_used)
        misses.append((count - earlier.expected) ** 2 / scale)
    if len(misses) < settings.calibration_min:
        return fallback
    return max(1.0, sum(misses) / len(misses))


def _window_rule(
    z: Sequence[float | None],
    index: int,
    size: int,
    needed: int,
    beyond: float,
) -> Direction | None:
    if index + 1 < size:
        return None
    window = z[index + 1 - size : index + 1]
    current = z[index]
    if current is None or any(value is None for value in window):
        return None
    values = [value for value in window if value is not None]
    tests: tuple[tuple[Direction, Callable[[float], bool]], ...] = (
        (Direction.HIGH, lambda value: value > beyond),
        (Direction.LOW, lambda value: value < -beyond),
    )
    for direction, outside in tests:
        if outside(current) and sum(1 for value in values if outside(value)) >= needed:
            return direction
    return None


def _change(current: int | None, earlier: int | None) -> Change | None:
    if current is None or earlier is None:
        return None
    percent = 100.0 * (current - earlier) / earlier if earlier else None
    return Change(earlier, current - earlier, percent)


@dataclass(frozen=True)
class Scored:
    """The rules' state at one point of a standardised series."""

    z: float | None
    cusum_high: float | None
    cusum_low: float | None
    ewma: float | None
    ewma_limit: float | None
    signals: tuple[Signal, ...]


_RULE_WINDOWS = {
    # rule: (points in the window, how many must be beyond, sigmas)
    Rule.BEYOND_3_SIGMA: (1, 1, 3.0),
    Rule.TWO_OF_THREE_BEYOND_2_SIGMA: (3, 2, 2.0),
    Rule.FOUR_OF_FIVE_BEYOND_1_SIGMA: (5, 4, 1.0),
    Rule.EIGHT_ON_ONE_SIDE: (8, 8, 0.0),
}


def apply_rules(z: Sequence[float | None], settings: ChartSettings | None = None) -> list[Scored]:
    """Run the rules over standardised residuals; None (no baseline or no count) breaks runs.

    A window rule fires on the point that completes its pattern, and only if that point
    is itself beyond the line. CUSUM and EWMA carry over a missing point unchanged and
    are not reset after a signal, so a sustained shift is flagged for as long as it lasts.
    """
    chart = settings or ChartSettings()
    cusum_high = cusum_low = ewma = 0.0
    steps = 0
    scored = []
    for index, score in enumerate(z):
        signals = []
        for rule, (size, needed, beyond) in _RULE_WINDOWS.items():
            if rule in chart.rules:
                direction = _window_rule(z, index, size, needed, beyond)
                if direction is not None:
                    signals.append(Signal(rule, direction))
        if score is not None:
            cusum_high = max(0.0, cusum_high + score - chart.cusum_k)
            cusum_low = max(0.0, cusum_low - score - chart.cusum_k)
            ewma = chart.ewma_lambda * score + (1 - chart.ewma_lambda) * ewma
            steps += 1
        if steps == 0:
            scored.append(Scored(score, None, None, None, None, tuple(signals)))
            continue
        decay = (1 - chart.ewma_lambda) ** (2 * steps)
        limit = chart.ewma_width * math.sqrt(
            chart.ewma_lambda / (2 - chart.ewma_lambda) * (1 - decay)
        )
        if score is not None and Rule.CUSUM in chart.rules:
            if cusum_high > chart.cusum_h:
                signals.append(Signal(Rule.CUSUM, Direction.HIGH))
            if cusum_low > chart.cusum_h:
                signals.append(Signal(Rule.CUSUM, Direction.LOW))
        if score is not None and Rule.EWMA in chart.rules and abs(ewma) > limit:
            signals.append(Signal(Rule.EWMA, Direction.HIGH if ewma > 0 else Direction.LOW))
        scored.append(Scored(score, cusum_high, cusum_low, ewma, limit, tuple(signals)))
    return scored


def assess_demand(
    points: Sequence[DemandPoint],
    frequency: Frequency,
    baseline_settings: BaselineSettings | None = None,
    chart_settings: ChartSettings | None = None,
    *,
    method: SurgeMethod = SurgeMethod.POOLED,
) -> list[ChartPoint]:
    """Per-period chart values, limits and the rules that fired, for a page to annotate.

    Settings not given are the ``method``'s for this frequency.
    """
    chart_settings = chart_settings or ChartSettings.for_method(method, frequency)
    if method is SurgeMethod.REGRESSION and baseline_settings is None:
        baselines = regression_baselines(points, frequency)
    elif method is SurgeMethod.POOLED and baseline_settings is None:
        shared = RegressionSettings(prior=SCHOOL_YEAR_PROFILE[frequency])
        baselines = regression_baselines(points, frequency, shared)
    else:
        baseline_settings = baseline_settings or BaselineSettings.for_method(method, frequency)
        baselines = seasonal_baseline(points, frequency, baseline_settings)
    z: list[float | None] = []
    for point, baseline in zip(points, baselines, strict=True):
        if baseline is None or point.count is None:
            z.append(None)
        else:
            z.append((point.count - baseline.expected) / baseline.sigma)
    year = frequency.periods_per_year
    chart = []
    for index, (point, scored) in enumerate(
        zip(points, apply_rules(z, chart_settings), strict=True)
    ):
        previous = points[index - 1].count if index >= 1 else None
        last_year = points[index - year].count if index >= year else None
        chart.append(
            ChartPoint(
                period=point.period,
                observed=point.count,
                baseline=baselines[index],
                z=scored.z,
                cusum_high=scored.cusum_high,
                cusum_low=scored.cusum_low,
                ewma=scored.ewma,
                ewma_limit=scored.ewma_limit,
                signals=scored.signals,
                period_on_period=_change(point.count, previous),
                year_on_year=_change(point.count, last_year),
            )
        )
    return chart


# What the charts can tell, by size (benchmarks/surge_detection.py, "by_size": simulated
# series at set mean counts, 40 surges a size): the mean count per period from which a
# sustained 20% rise is flagged within 4 weeks (weekly) or 2 months (monthly) in at least
# 8 of 10 surges at under one false flag per series in two years. RELIABLE_FROM: the
# pooled default on the second run's seasons (each authority's own holidays; weekly 78%
# at 200, monthly 65% to 75% from 150 to 300, so these are the grid's steps, +-7 points).
# ANY_RULE_FROM: the ceiling (the true baseline known, which no authority knows) in the
# first run, below which no rule on counts this size can do it; the second run's ceiling
# was not re-tuned, so it is no bound there (docs/adr/0024).
RELIABLE_FROM = {Frequency.WEEKLY: 300, Frequency.MONTHLY: 500}
ANY_RULE_FROM = {Frequency.WEEKLY: 125, Frequency.MONTHLY: 100}


@dataclass(frozen=True)
class Sensitivity:
    """How big a series is and what that lets its chart find in time."""

    frequency: Frequency
    mean_count: float  # per period, over the latest year with counts

    @property
    def reliable_from(self) -> int:
        return RELIABLE_FROM[self.frequency]

    @property
    def any_rule_from(self) -> int:
        return ANY_RULE_FROM[self.frequency]

    @property
    def reliable(self) -> bool:
        """Large enough for the target: a 20% rise usually flagged within the window."""
        return self.mean_count >= self.reliable_from

    @property
    def beyond_any_rule(self) -> bool:
        """So small that no rule could flag a 20% rise that quickly, however it is made."""
        return self.mean_count < self.any_rule_from


def surge_sensitivity(counts: Sequence[int | None], frequency: Frequency) -> Sensitivity | None:
    """The series' mean count per period over its latest year (None without counts)."""
    latest = [count for count in counts[-frequency.periods_per_year :] if count is not None]
    if not latest:
        return None
    return Sensitivity(frequency, sum(latest) / len(latest))


def first_surge(chart: Sequence[ChartPoint], since: date | None = None) -> ChartPoint | None:
    """The first point (on or after ``since``) where any rule signalled high demand."""
    for point in chart:
        if (since is None or point.period >= since) and point.surge:
            return point
    return None
