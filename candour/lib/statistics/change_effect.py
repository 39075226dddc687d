"""Did the change work? Before and after a change, on counts or on scores (issue 23).

Three methods, chosen by what the stream holds (``assess_counts`` chooses for counts):

- ``rate_ratio``: events per unit of exposure (reports a month, feedback a month) after
  the change over before, with the exact conditional interval for two Poisson rates
  (given the total, the after events are binomial; Clopper-Pearson on that share, turned
  back into a ratio). Right for small counts, where normal approximations mislead.
- ``interrupted_series``: where there are enough periods either side (``MIN_BEFORE`` and
  ``MIN_AFTER``), a segmented quasi-Poisson regression: log rate = level + trend, with a
  step and a change of trend at the change. The effect is the after periods' fitted rate
  over what the before trend would have given them, so a fall that was already under way
  is not credited to the change. The spread is widened by the overdispersion (Pearson).
- ``mean_difference``: scores (children's ratings, survey scores, workforce rates),
  after minus before, with Welch's interval.

Each gives an ``Effect``: the estimate with its interval and one of four outcomes.
- improved / worsened: the interval lies wholly on one side of no change;
- no clear change: it includes no change and rules out a change of ``material`` size
  (by default a quarter either way for rates);
- cannot yet tell: it includes no change but is too wide to say even that, or there are
  too few events (``MIN_EVENTS``) or after periods to judge at all.
Words for people are the app's (translated); this module is pure, with no Django.
benchmarks/change_effect.py checks how often each call is right on simulated changes.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

CONFIDENCE = 0.95
# A rate ratio inside [1 / (1 + MATERIAL), 1 + MATERIAL] is not a change worth the name.
MATERIAL = 0.25
# Fewer events than this before and after together: nothing can be said yet.
MIN_EVENTS = 10
# Periods either side for the interrupted time series; fewer, and the rate ratio is used.
MIN_BEFORE = 8
MIN_AFTER = 4


class Better(enum.StrEnum):
    """Which way is better for this stream: fewer reports of a theme, higher ratings."""

    DOWN = "down"
    UP = "up"


class Outcome(enum.StrEnum):
    IMPROVED = "improved"
    WORSENED = "worsened"
    NO_CLEAR_CHANGE = "no_clear_change"
    CANNOT_TELL_YET = "cannot_tell_yet"


class Why(enum.StrEnum):
    CLEAR = "clear"  # the interval excludes no change
    STEADY = "steady"  # it includes no change and excludes a material one
    UNCERTAIN = "uncertain"  # it includes no change and a material one
    TOO_FEW = "too_few"  # too few events or values to judge
    TOO_SOON = "too_soon"  # nothing yet after the change


class Method(enum.StrEnum):
    RATE_RATIO = "rate_ratio"
    INTERRUPTED_SERIES = "interrupted_series"
    MEAN_DIFFERENCE = "mean_difference"
    INTERRUPTED_MEANS = "interrupted_means"


@dataclass(frozen=True)
class Effect:
    """``estimate``, ``low`` and ``high`` are a ratio (after over before, or over the
    before trend) for counts and a difference (after minus before) for scores."""

    outcome: Outcome
    why: Why
    method: Method
    estimate: float | None
    low: float | None
    high: float | None
    before: float | None  # rate per period, or mean score
    after: float | None
    periods_before: int
    periods_after: int
    events: int | None = None  # counts: before and after together

    @property
    def percent(self) -> float | None:
        """A ratio as a percentage change (0.7 -> -30.0); None for differences."""
        if self.method in DIFFERENCES or self.estimate is None:
            return None
        return 100.0 * (self.estimate - 1.0)


# Methods whose estimate is a difference in the values' units, not a ratio.
DIFFERENCES = frozenset({Method.MEAN_DIFFERENCE, Method.INTERRUPTED_MEANS})


def _verdict(
    low: float,
    high: float,
    better: Better,
    no_change: float,
    material_low: float,
    material_high: float,
) -> tuple[Outcome, Why]:
    if low > no_change:
        return (Outcome.IMPROVED if better is Better.UP else Outcome.WORSENED), Why.CLEAR
    if high < no_change:
        return (Outcome.IMPROVED if better is Better.DOWN else Outcome.WORSENED), Why.CLEAR
    if low >= material_low and high <= material_high:
        return Outcome.NO_CLEAR_CHANGE, Why.STEADY
    return Outcome.CANNOT_TELL_YET, Why.UNCERTAIN


def rate_ratio(
    before_events: int,
    before_exposure: float,
    after_events: int,
    after_exposure: float,
    *,
    better: Better = Better.DOWN,
    confidence: float = CONFIDENCE,
    material: float = MATERIAL,
    periods: tuple[int, int] | None = None,
    dispersion: float = 1.0,
) -> Effect:
    """After over before, per unit of exposure, with the exact conditional interval.

    ``dispersion`` (at least 1): how much more the counts vary than Poisson counts would;
    the interval is worked out on the counts divided by it (a quasi-Poisson widening), so
    months that vary a lot do not pass for a clear change."""
    if before_events < 0 or after_events < 0 or before_exposure < 0 or after_exposure < 0:
        raise ValueError("events and exposure cannot be negative")
    periods_before, periods_after = periods or (round(before_exposure), round(after_exposure))
    before_rate = before_events / before_exposure if before_exposure else None
    after_rate = after_events / after_exposure if after_exposure else None
    total = before_events + after_events

    def unjudged(why: Why) -> Effect:
        estimate = None
        if before_rate and after_rate is not None:
            estimate = after_rate / before_rate
        return Effect(
            Outcome.CANNOT_TELL_YET,
            why,
            Method.RATE_RATIO,
            estimate,
            None,
            None,
            before_rate,
            after_rate,
            periods_before,
            periods_after,
            total,
        )

    if after_exposure <= 0:
        return unjudged(Why.TOO_SOON)
    if before_exposure <= 0 or total < MIN_EVENTS:
        return unjudged(Why.TOO_FEW)
    tail = (1 - confidence) / 2
    # Given the total, after events ~ Binomial(total, p), p = after share of expected.
    scale_down = max(1.0, dispersion)
    after_n, total_n = after_events / scale_down, total / scale_down
    p_low = stats.beta.ppf(tail, after_n, total_n - after_n + 1) if after_events else 0.0
    p_high = (
        stats.beta.ppf(1 - tail, after_n + 1, total_n - after_n) if after_events < total else 1.0
    )
    scale = before_exposure / after_exposure

    def ratio(p: float) -> float:
        return math.inf if p >= 1 else p / (1 - p) * scale

    low, high = ratio(float(p_low)), ratio(float(p_high))
    estimate = after_events / before_events * scale if before_events else math.inf
    outcome, why = _verdict(low, high, better, 1.0, 1 / (1 + material), 1 + material)
    return Effect(
        outcome,
        why,
        Method.RATE_RATIO,
        estimate,
        low,
        high,
        before_rate,
        after_rate,
        periods_before,
        periods_after,
        total,
    )


def _exp(value: float) -> float:
    """exp that gives infinity rather than an error (a segment of zeros has no finite fit)."""
    return math.inf if value > 700 else math.exp(value)


def _quasi_poisson(
    design: np.ndarray, counts: np.ndarray, offset: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients and their covariance (scaled by the Pearson dispersion, at least 1) of
    a Poisson log-linear model, by iteratively reweighted least squares."""
    beta = np.zeros(design.shape[1])
    beta[0] = math.log(max(counts.mean(), 0.5)) - offset.mean()
    for _ in range(50):
        eta = design @ beta + offset
        mu = np.exp(np.clip(eta, -30, 30))
        z = eta - offset + (counts - mu) / mu
        weighted = design * mu[:, None]
        # A small ridge keeps an all-zero stretch from making the system singular.
        information = design.T @ weighted + 1e-8 * np.eye(design.shape[1])
        updated = np.linalg.solve(information, weighted.T @ z)
        if np.max(np.abs(updated - beta)) < 1e-9:
            beta = updated
            break
        beta = updated
    mu = np.exp(np.clip(design @ beta + offset, -30, 30))
    information = design.T @ (design * mu[:, None]) + 1e-8 * np.eye(design.shape[1])
    residual_df = max(1, len(counts) - design.shape[1])
    dispersion = max(1.0, float(np.sum((counts - mu) ** 2 / mu)) / residual_df)
    return beta, dispersion * np.linalg.inv(information)


def interrupted_series(
    counts: Sequence[int],
    change_index: int,
    exposure: Sequence[float] | None = None,
    *,
    better: Better = Better.DOWN,
    confidence: float = CONFIDENCE,
    material: float = MATERIAL,
) -> Effect:
    """Segmented quasi-Poisson regression around the change (the first after period is
    ``change_index``): the after periods' fitted rate over the before trend's."""
    n = len(counts)
    before, after = change_index, n - change_index
    if after <= 0:
        return Effect(
            Outcome.CANNOT_TELL_YET,
            Why.TOO_SOON,
            Method.INTERRUPTED_SERIES,
            None,
            None,
            None,
            None,
            None,
            before,
            0,
            sum(counts),
        )
    if before < MIN_BEFORE or after < MIN_AFTER:
        raise ValueError(f"needs {MIN_BEFORE} periods before and {MIN_AFTER} after")
    y = np.asarray(counts, dtype=float)
    exposed = np.ones(n) if exposure is None else np.asarray(exposure, dtype=float)
    total = int(y.sum())
    before_rate = float(y[:before].sum() / exposed[:before].sum())
    after_rate = float(y[before:].sum() / exposed[before:].sum())
    if total < MIN_EVENTS:
        return Effect(
            Outcome.CANNOT_TELL_YET,
            Why.TOO_FEW,
            Method.INTERRUPTED_SERIES,
            None,
            None,
            None,
            before_rate,
            after_rate,
            before,
            after,
            total,
        )
    t = np.arange(n, dtype=float) - change_index
    stepped = (t >= 0).astype(float)
    design = np.column_stack([np.ones(n), t, stepped, t * stepped])
    beta, covariance = _quasi_poisson(design, y, np.log(exposed))
    # The effect averaged over the after periods: step + trend change at their mean time.
    contrast = np.array([0.0, 0.0, 1.0, float(t[before:].mean())])
    log_effect = float(contrast @ beta)
    spread = math.sqrt(max(0.0, float(contrast @ covariance @ contrast)))
    z = float(stats.norm.ppf(1 - (1 - confidence) / 2))
    low, high = _exp(log_effect - z * spread), _exp(log_effect + z * spread)
    outcome, why = _verdict(low, high, better, 1.0, 1 / (1 + material), 1 + material)
    return Effect(
        outcome,
        why,
        Method.INTERRUPTED_SERIES,
        _exp(log_effect),
        low,
        high,
        before_rate,
        after_rate,
        before,
        after,
        total,
    )


def _dispersion(counts: Sequence[int], exposure: Sequence[float]) -> float:
    """Pearson dispersion of the before periods around their own rate (at least 1; 1 with
    fewer than 3 periods or no events)."""
    total, exposed = sum(counts), sum(exposure)
    if len(counts) < 3 or total == 0 or exposed <= 0:
        return 1.0
    rate = total / exposed
    pearson = sum((c - rate * e) ** 2 / (rate * e) for c, e in zip(counts, exposure, strict=True))
    return max(1.0, pearson / (len(counts) - 1))


def assess_counts(
    counts: Sequence[int],
    change_index: int,
    exposure: Sequence[float] | None = None,
    *,
    better: Better = Better.DOWN,
    confidence: float = CONFIDENCE,
    material: float = MATERIAL,
) -> Effect:
    """Counts per period around a change: the interrupted time series where there are
    enough periods either side, else the rate ratio of the two sums, widened by the before
    periods' own dispersion."""
    before, after = change_index, len(counts) - change_index
    if before >= MIN_BEFORE and after >= MIN_AFTER:
        return interrupted_series(
            counts, change_index, exposure, better=better, confidence=confidence, material=material
        )
    exposed = [1.0] * len(counts) if exposure is None else list(exposure)
    return rate_ratio(
        sum(counts[:change_index]),
        sum(exposed[:change_index]),
        sum(counts[change_index:]),
        sum(exposed[change_index:]),
        better=better,
        confidence=confidence,
        material=material,
        periods=(before, after),
        dispersion=_dispersion(counts[:change_index], exposed[:change_index]),
    )


def mean_difference(
    before: Sequence[float],
    after: Sequence[float],
    *,
    better: Better = Better.UP,
    material: float,
    confidence: float = CONFIDENCE,
    min_values: int = 5,
) -> Effect:
    """After minus before for scores, with Welch's interval; ``material`` in the scores'
    units (a difference smaller than it either way is no change worth the name)."""
    before_mean = float(np.mean(before)) if len(before) else None
    after_mean = float(np.mean(after)) if len(after) else None
    if before_mean is None or after_mean is None or min(len(before), len(after)) < min_values:
        why = Why.TOO_SOON if after_mean is None else Why.TOO_FEW
        estimate = None
        if before_mean is not None and after_mean is not None:
            estimate = after_mean - before_mean
        return Effect(
            Outcome.CANNOT_TELL_YET,
            why,
            Method.MEAN_DIFFERENCE,
            estimate,
            None,
            None,
            before_mean,
            after_mean,
            len(before),
            len(after),
        )
    var_before = float(np.var(before, ddof=1)) / len(before)
    var_after = float(np.var(after, ddof=1)) / len(after)
    difference = after_mean - before_mean
    if var_before + var_after == 0:
        low = high = difference
    else:
        # Welch-Satterthwaite degrees of freedom.
        df = (var_before + var_after) ** 2 / (
            var_before**2 / (len(before) - 1) + var_after**2 / (len(after) - 1)
        )
        spread = math.sqrt(var_before + var_after)
        t = float(stats.t.ppf(1 - (1 - confidence) / 2, df))
        low, high = difference - t * spread, difference + t * spread
    outcome, why = _verdict(low, high, better, 0.0, -material, material)
    return Effect(
        outcome,
        why,
        Method.MEAN_DIFFERENCE,
        difference,
        low,
        high,
        before_mean,
        after_mean,
        len(before),
        len(after),
    )


def interrupted_means(
    values: Sequence[float | None],
    change_index: int,
    *,
    better: Better,
    material: float,
    confidence: float = CONFIDENCE,
) -> Effect:
    """Monthly values (a rate, an average caseload) around a change, where there are
    ``MIN_BEFORE`` known periods before and ``MIN_AFTER`` after: segmented least squares
    (level, trend, step and change of trend at the change), the effect being the after
    periods' fitted values minus the before trend carried on, with a t interval on the
    residual degrees of freedom. A drift already under way is not credited to the change.
    Periods with no value (None) are left out, keeping their place in time."""
    known = [(i - change_index, v) for i, v in enumerate(values) if v is not None]
    before = [v for t, v in known if t < 0]
    after = [v for t, v in known if t >= 0]
    if len(before) < MIN_BEFORE or len(after) < MIN_AFTER:
        raise ValueError(f"needs {MIN_BEFORE} values before and {MIN_AFTER} after")
    t = np.array([float(t) for t, _v in known])
    y = np.array([float(v) for _t, v in known])
    stepped = (t >= 0).astype(float)
    design = np.column_stack([np.ones(len(t)), t, stepped, t * stepped])
    beta, _residuals, _rank, _sv = np.linalg.lstsq(design, y, rcond=None)
    df = len(t) - design.shape[1]
    fitted = design @ beta
    sigma2 = float(np.sum((y - fitted) ** 2)) / df
    covariance = sigma2 * np.linalg.pinv(design.T @ design)
    contrast = np.array([0.0, 0.0, 1.0, float(t[stepped == 1].mean())])
    estimate = float(contrast @ beta)
    spread = math.sqrt(max(0.0, float(contrast @ covariance @ contrast)))
    q = float(stats.t.ppf(1 - (1 - confidence) / 2, df))
    low, high = estimate - q * spread, estimate + q * spread
    outcome, why = _verdict(low, high, better, 0.0, -material, material)
    return Effect(
        outcome,
        why,
        Method.INTERRUPTED_MEANS,
        estimate,
        low,
        high,
        float(np.mean(before)),
        float(np.mean(after)),
        len(before),
        len(after),
    )


def assess_values(
    values: Sequence[float | None],
    change_index: int,
    *,
    better: Better,
    material: float,
    min_values: int,
    confidence: float = CONFIDENCE,
) -> Effect:
    """Monthly values around a change: the segmented regression where there are enough
    known periods either side, else Welch's difference of the two sides' values (at least
    ``min_values`` a side)."""
    before = [v for v in values[:change_index] if v is not None]
    after = [v for v in values[change_index:] if v is not None]
    if len(before) >= MIN_BEFORE and len(after) >= MIN_AFTER:
        return interrupted_means(
            values, change_index, better=better, material=material, confidence=confidence
        )
    return mean_difference(
        before,
        after,
        better=better,
        material=material,
        confidence=confidence,
        min_values=min_values,
    )
