"""A seasonal regression baseline for demand counts (docs/adr/0024, issue 20).

For each period, a quasi-Poisson log-linear model is fitted to the series' own history
(the last three years, leaving out the latest 8 weeks or 3 months so a surge being judged
is not in its own baseline) and the period's expected count read off it, in the manner
of Farrington's algorithm and the exceedance systems built on it (UKHSA, CDC). The terms:

- a level, and a linear trend in years once the fitted history spans two years;
- the school year: one factor per calendar month (a weekly point belongs to the month
  its week starts in), so August's and December's quiet are learnt from every year of
  history rather than from one to three values of the same week;
- weekly only: the Christmas and New Year school holiday (a week starting between
  20 December and 3 January).

The overdispersion is the Pearson statistic over the residual degrees of freedom (never
below 1), and the spread of a period is sigma^2 = phi x mu + mu^2 x Var(log mu), the
count's own noise plus the uncertainty of the fitted line. The rules run on
z = (observed - mu) / sigma.

With a shared seasonal profile (``SeasonalPrior``, ``RegressionSettings.prior``), the
month and holiday factors are shrunk toward it: the fit is penalised as if the
authority's own log factors were drawn around the shared ones with a spread ``spread``
(a ridge, the prior's precision 1/spread^2 beside the data's information/phi), so a
small series keeps close to the shared shape and a large one learns its own. The level
and trend are the series' own, unpenalised.

numpy only: iteratively reweighted least squares, warm-started from the period before.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

WEEKS = 52  # periods a year of a weekly series (12: monthly)


@dataclass(frozen=True)
class SeasonalPrior:
    """A seasonal shape shared across authorities, as log factors: ``months`` for
    February to December (January the reference) and, weekly, ``holidays`` in the order
    of HOLIDAYS; ``spread``: how far (log scale, one standard deviation) an authority's
    own factor is expected to stray from the shared one."""

    months: tuple[float, ...]
    holidays: tuple[float, ...] = ()
    spread: float = 0.05

    def coefficients(self, columns: int) -> np.ndarray:
        """The prior's value of every design column (level and trend: 0, unpenalised)."""
        values = np.zeros(columns)
        values[2:13] = self.months
        if self.holidays:
            values[13 : 13 + len(self.holidays)] = self.holidays
        return values


@dataclass(frozen=True)
class RegressionSettings:
    """How much history a fit uses and what it leaves out.

    ``gap``: the latest periods left out of the fit (None: 8 weeks or 3 months).
    ``min_residual_df``: the fewest spare observations (rows less terms) a fit needs;
    with fewer, no baseline is given.
    ``trend_after_years``: the trend term is fitted once the history spans this long.
    """

    years: int = 3
    gap: int | None = None
    min_residual_df: int = 4
    trend_after_years: float = 2.0
    prior: SeasonalPrior | None = None

    def gap_for(self, per_year: int) -> int:
        if self.gap is not None:
            return self.gap
        return 8 if per_year == WEEKS else 3


@dataclass(frozen=True)
class Fitted:
    """A period's expected count from the regression, its sigma and the fit's phi."""

    expected: float
    sigma: float
    dispersion: float
    values_used: int


def christmas_holiday(period: date) -> bool:
    """A week starting between 20 December and 3 January: schools are shut."""
    return (period.month, period.day) >= (12, 20) or (period.month, period.day) <= (1, 3)


def easter_sunday(year: int) -> date:
    """Easter Day in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def school_holiday(period: date) -> str | None:
    """Which English school holiday a week starting on ``period`` falls in, roughly (the
    dates differ a little between councils and years): Christmas; the summer (a week
    starting 22 July to 31 August); Easter (the weeks either side of Easter Day); or a
    half term (the week starting the last Monday of October or of May, or 12 to 18
    February)."""
    if christmas_holiday(period):
        return "christmas"
    if (7, 22) <= (period.month, period.day) <= (8, 31):
        return "summer"
    easter = easter_sunday(period.year)
    if easter - timedelta(days=6) <= period <= easter + timedelta(days=1):
        return "easter"
    last_week = period.month in (5, 10) and (period + timedelta(days=7)).month != period.month
    if last_week or (period.month == 2 and 12 <= period.day <= 18):
        return "half term"
    return None


HOLIDAYS = ("christmas", "summer", "easter", "half term")
MONTH_COLUMNS = range(2, 13)


def _design(periods: Sequence[date], per_year: int) -> np.ndarray:
    """Columns: level, trend (years from the first period), 11 month factors (January
    the reference) and, weekly, the four school holidays."""
    rows = len(periods)
    weekly = per_year == WEEKS
    design = np.zeros((rows, 13 + (len(HOLIDAYS) if weekly else 0)))
    design[:, 0] = 1.0
    design[:, 1] = np.arange(rows) / per_year
    for row, period in enumerate(periods):
        if period.month > 1:
            design[row, period.month] = 1.0  # columns 2 to 12: February to December
        holiday = school_holiday(period) if weekly else None
        if holiday is not None:
            design[row, 13 + HOLIDAYS.index(holiday)] = 1.0
    return design


def _irls(
    design: np.ndarray,
    counts: np.ndarray,
    start: np.ndarray | None,
    iterations: int = 25,
    penalty: np.ndarray | None = None,
    centre: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Poisson log-linear fit: coefficients and (X'WX + P)^-1, or None if it cannot be
    fitted. ``penalty`` (P, a diagonal) pulls the coefficients toward ``centre``."""
    columns = design.shape[1]
    ridge = np.zeros(columns) if penalty is None else penalty
    towards = np.zeros(columns) if centre is None else centre
    if start is None:
        beta = towards.copy()
        beta[0] = math.log(max(float(counts.mean()), 0.5))
    else:
        beta = start.copy()
    for _ in range(iterations):
        eta = np.clip(design @ beta, -20.0, 20.0)
        mu = np.exp(eta)
        working = eta + (counts - mu) / mu
        weighted = design * mu[:, None]
        information = design.T @ weighted + np.diag(ridge)
        try:
            updated = np.linalg.solve(information, weighted.T @ working + ridge * towards)
        except np.linalg.LinAlgError:
            return None
        change = float(np.max(np.abs(updated - beta)))
        beta = updated
        if change < 1e-6:
            break
    mu = np.exp(np.clip(design @ beta, -20.0, 20.0))
    try:
        covariance = np.linalg.inv(design.T @ (design * mu[:, None]) + np.diag(ridge))
    except np.linalg.LinAlgError:
        return None
    return beta, covariance


def regression_baseline(
    periods: Sequence[date],
    counts: Sequence[int | None],
    per_year: int,
    settings: RegressionSettings | None = None,
    from_index: int = 0,
) -> list[Fitted | None]:
    """The expected count and sigma of every period, each from the history before it
    (``per_year``: 52 for weeks, 12 for months); periods before ``from_index`` are not
    fitted (None), which saves a benchmark refitting what it already has."""
    settings = settings or RegressionSettings()
    gap = settings.gap_for(per_year)
    full = _design(periods, per_year)
    observed = np.array([-1.0 if count is None else float(count) for count in counts])
    prior = settings.prior
    centre = prior.coefficients(full.shape[1]) if prior is not None else None
    fitted: list[Fitted | None] = []
    warm: dict[tuple[int, ...], np.ndarray] = {}
    # The overdispersion of the last fit: it scales the prior's weight in the next one.
    phi = 1.0
    for index in range(len(periods)):
        if index < from_index:
            fitted.append(None)
            continue
        first = max(0, index - settings.years * per_year)
        last = index - gap  # exclusive
        if last - first < per_year:
            fitted.append(None)
            continue
        rows = np.arange(first, last)
        rows = rows[observed[rows] >= 0]
        design = full[rows].copy()
        # Trend from the fit's first period, in years; only with enough history.
        design[:, 1] -= full[first, 1]
        target = full[index].copy()
        target[1] -= full[first, 1]
        columns = [0]
        if (last - first) / per_year >= settings.trend_after_years:
            columns.append(1)
        # Only the seasonal factors the history has seen; a month never seen, no baseline
        # (a holiday never seen is left out: the month's level stands for it). With a
        # shared profile every factor is kept: the profile stands in for what is unseen.
        for column in range(2, full.shape[1]):
            if prior is not None or design[:, column].any():
                columns.append(column)
            elif target[column] and column in MONTH_COLUMNS:
                columns = []
                break
        if not columns or len(rows) - len(columns) < settings.min_residual_df:
            fitted.append(None)
            continue
        x = design[:, columns]
        y = observed[rows]
        key = tuple(columns)
        penalty = towards = None
        if prior is not None and centre is not None:
            penalty = np.array([phi / prior.spread**2 if c >= 2 else 0.0 for c in columns])
            towards = centre[columns]
        result = _irls(x, y, warm.get(key), penalty=penalty, centre=towards)
        if result is None:
            fitted.append(None)
            continue
        beta, covariance = result
        warm[key] = beta
        mu = np.exp(np.clip(x @ beta, -20.0, 20.0))
        pearson = float(np.sum((y - mu) ** 2 / mu))
        # The terms the data paid for: all of them unpenalised, fewer when shrunk.
        used = float(len(columns))
        if penalty is not None:
            used = float(np.trace(covariance @ (x.T @ (x * mu[:, None]))))
        dispersion = max(1.0, pearson / (len(rows) - used))
        phi = dispersion
        point = target[columns]
        expected = math.exp(min(20.0, float(point @ beta)))
        log_variance = dispersion * float(point @ covariance @ point)
        variance = dispersion * max(expected, 1.0) + expected**2 * log_variance
        fitted.append(Fitted(expected, math.sqrt(variance), dispersion, len(rows)))
    return fitted
