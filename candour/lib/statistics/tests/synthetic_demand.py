"""Synthetic weekly referrals with a school-year shape and extra-Poisson noise."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from candour.lib.statistics.control_charts import DemandPoint

# An average English authority: 657,780 referrals in 2013-14 over 152 authorities is
# about 83 a week (design/METRICS.md).
WEEKLY_MEAN = 80.0
FIRST_MONDAY = date(2019, 1, 7)


def school_year_shape(week: int) -> float:
    """Referrals follow the school year: low in the holidays, high in the autumn term."""
    if 29 <= week <= 34:  # summer holiday
        return 0.75
    if week in (51, 0):  # Christmas
        return 0.6
    if week in (13, 14):  # Easter
        return 0.85
    if 35 <= week <= 44:  # autumn term
        return 1.1
    return 1.0


def weekly_referrals(
    seed: int,
    years: int = 5,
    surge_from: int | None = None,
    uplift: float = 1.3,
    mean: float = WEEKLY_MEAN,
    dispersion: float = 1.5,
) -> list[DemandPoint]:
    """Negative binomial counts (variance = dispersion x mean), +uplift from week surge_from."""
    rng = np.random.default_rng(seed)
    points = []
    for index in range(years * 52):
        expected = mean * school_year_shape(index % 52)
        if surge_from is not None and index >= surge_from:
            expected *= uplift
        size = expected / (dispersion - 1)
        count = int(rng.negative_binomial(size, size / (size + expected)))
        points.append(DemandPoint(FIRST_MONDAY + timedelta(weeks=index), count))
    return points
