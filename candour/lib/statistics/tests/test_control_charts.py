"""Control charts: the rules by hand, the seasonal baseline, and surge detection."""

import statistics
from datetime import date, timedelta

import pytest

from candour.lib.statistics.control_charts import (
    ChartSettings,
    DemandPoint,
    Direction,
    Frequency,
    Rule,
    SurgeMethod,
    apply_rules,
    assess_demand,
    first_surge,
    seasonal_baseline,
)

from .synthetic_demand import weekly_referrals


def _fired(z, rule, settings=None):
    return [
        index
        for index, scored in enumerate(apply_rules(z, settings))
        for signal in scored.signals
        if signal.rule is rule
    ]


def test_one_point_beyond_three_sigma():
    assert _fired([0, 3.1, -3.2, 2.9], Rule.BEYOND_3_SIGMA) == [1, 2]


def test_two_of_three_beyond_two_sigma_on_one_side():
    assert _fired([2.1, 0, 2.2, 0, 0], Rule.TWO_OF_THREE_BEYOND_2_SIGMA) == [2]
    assert _fired([2.1, 0, -2.2], Rule.TWO_OF_THREE_BEYOND_2_SIGMA) == []


def test_four_of_five_beyond_one_sigma():
    assert _fired([1.5, 1.2, 0.3, 1.1, 1.4], Rule.FOUR_OF_FIVE_BEYOND_1_SIGMA) == [4]


def test_eight_in_a_row_on_one_side_and_a_gap_breaks_the_run():
    run = [0.1] * 8
    assert _fired(run, Rule.EIGHT_ON_ONE_SIDE) == [7]
    assert _fired([0.1] * 4 + [None] + [0.1] * 4, Rule.EIGHT_ON_ONE_SIDE) == []
    signals = apply_rules([-0.1] * 8)[7].signals
    assert any(s.rule is Rule.EIGHT_ON_ONE_SIDE and s.direction is Direction.LOW for s in signals)


def test_tabular_cusum_by_hand():
    settings = ChartSettings(cusum_k=0.5, cusum_h=1.2)
    scored = apply_rules([1.0, 1.0, 1.0, -2.0], settings)
    assert [s.cusum_high for s in scored] == [0.5, 1.0, 1.5, 0.0]
    assert [s.cusum_low for s in scored] == [0.0, 0.0, 0.0, 1.5]
    cusum = [[sig.direction for sig in s.signals if sig.rule is Rule.CUSUM] for s in scored]
    assert cusum == [[], [], [Direction.HIGH], [Direction.LOW]]


def test_ewma_by_hand():
    scored = apply_rules([1.0, 1.0], ChartSettings(ewma_lambda=0.5, ewma_width=1.0))
    assert [s.ewma for s in scored] == [0.5, 0.75]
    # Limit: L x sqrt(lambda / (2 - lambda) x (1 - (1 - lambda)^(2t))).
    assert scored[0].ewma_limit == pytest.approx((1 / 3 * 0.75) ** 0.5)
    assert any(s.rule is Rule.EWMA for s in scored[1].signals)


def _monthly(counts):
    return [DemandPoint(date(2020 + i // 12, i % 12 + 1, 1), c) for i, c in enumerate(counts)]


def test_seasonal_baseline_uses_the_same_months_in_earlier_years():
    # Two years of 10s with a December of 40, then a third year.
    year = [10] * 11 + [40]
    points = _monthly(year + year + [10] * 12)
    baselines = seasonal_baseline(points, Frequency.MONTHLY)
    assert all(b is None for b in baselines[:12])
    january = baselines[24]
    # January 2022: Dec 2020, Jan and Feb 2021, and Jan and Feb 2020 (no Dec 2019).
    assert january is not None
    assert january.values_used == 5
    assert january.expected == pytest.approx((40 + 10 + 10 + 10 + 10) / 5)
    # Poisson spread widened by the variance / mean of the baseline values.
    assert january.dispersion == pytest.approx(180 / 16)
    assert january.sigma == pytest.approx((180 / 16 * 16 * (1 + 1 / 5)) ** 0.5)
    november = baselines[22]
    assert november is not None
    assert november.expected == pytest.approx((10 + 10 + 40) / 3)
    assert november.dispersion > 1  # the December spike widens the limits around it


def test_irregular_series_are_refused():
    points = [DemandPoint(date(2025, 1, 6), 1), DemandPoint(date(2025, 1, 20), 1)]
    with pytest.raises(ValueError, match="not regular"):
        assess_demand(points, Frequency.WEEKLY)


def test_missing_counts_are_gaps_not_zeros():
    points = weekly_referrals(seed=3, years=3)
    points[60] = DemandPoint(points[60].period, None)
    chart = assess_demand(points, Frequency.WEEKLY)
    assert chart[60].z is None
    assert chart[60].signals == ()
    assert chart[61].period_on_period is None
    assert chart[60].year_on_year is None
    assert chart[60 + 52].year_on_year is None  # a year after the gap
    assert chart[60 + 52].z is not None


def test_period_on_period_and_year_on_year_changes():
    start = date(2024, 1, 1)
    points = [DemandPoint(start + timedelta(weeks=i), 100) for i in range(53)]
    points[52] = DemandPoint(points[52].period, 130)
    chart = assess_demand(points, Frequency.WEEKLY)
    last = chart[52]
    assert last.year_on_year is not None
    assert last.year_on_year.percent == pytest.approx(30.0)
    assert last.period_on_period is not None
    assert last.period_on_period.difference == 30
    assert chart[0].period_on_period is None


SURGE_WEEK = 4 * 52 + 10
REPLICATES = 100


def _surge_delays(method: SurgeMethod = SurgeMethod.CALIBRATED):
    delays = []
    for seed in range(REPLICATES):
        points = weekly_referrals(seed, surge_from=SURGE_WEEK)
        chart = assess_demand(points, Frequency.WEEKLY, method=method)
        first = first_surge(chart, since=points[SURGE_WEEK].period)
        # Week 1 is the first week of the surge.
        delays.append((first.period - points[SURGE_WEEK].period).days // 7 + 1 if first else None)
    return delays


def test_a_sustained_30_percent_surge_is_flagged_within_a_few_weeks():
    delays = _surge_delays()
    assert None not in delays
    ordered = sorted(delays)
    # Measured: median week 3, 90% by week 5, every replicate by week 9.
    assert statistics.median(ordered) <= 3
    assert ordered[int(0.9 * REPLICATES) - 1] <= 5
    assert ordered[-1] <= 10


def test_the_shewhart_rules_find_it_sooner_at_the_price_of_false_alarms():
    ordered = sorted(_surge_delays(SurgeMethod.SHEWHART))
    # Measured: median week 2, 90% by week 4 (and twice the false alarms, below).
    assert statistics.median(ordered) <= 2
    assert ordered[int(0.9 * REPLICATES) - 1] <= 4


def _false_alarms(method: SurgeMethod) -> tuple[list[int], list[int]]:
    flagged_weeks, surge_episodes = [], []
    for seed in range(1000, 1000 + REPLICATES):
        chart = assess_demand(weekly_referrals(seed), Frequency.WEEKLY, method=method)[4 * 52 :]
        flagged_weeks.append(sum(1 for point in chart if point.signals))
        episodes, before = 0, False
        for point in chart:
            episodes += point.surge and not before
            before = point.surge
        surge_episodes.append(episodes)
    return flagged_weeks, surge_episodes


def test_ordinary_seasonal_noise_raises_few_false_alarms():
    flagged_weeks, surge_episodes = _false_alarms(SurgeMethod.CALIBRATED)
    # Measured: 1.07 flagged weeks a year, 0.20 surge alarms a year, and no surge alarm
    # at all in 84 of the 100 years.
    assert statistics.mean(flagged_weeks) <= 1.5
    assert statistics.mean(surge_episodes) <= 0.35
    assert sum(1 for count in surge_episodes if count == 0) >= 75
    # The Shewhart rules, measured: 1.4 flagged weeks, 0.44 surge alarms a year; 68 clear.
    shewhart_weeks, shewhart_episodes = _false_alarms(SurgeMethod.SHEWHART)
    assert statistics.mean(shewhart_episodes) > statistics.mean(surge_episodes)
    assert statistics.mean(shewhart_weeks) <= 2.5


def test_monthly_section_47s_after_a_national_case():
    # Monthly s47 enquiries of about 100 with a school-year dip, then +30% from month 40.
    shape = [1.0, 1.0, 1.05, 0.95, 1.0, 1.0, 0.95, 0.75, 1.05, 1.1, 1.1, 0.85]
    counts = [round(100 * shape[i % 12] * (1.3 if i >= 40 else 1.0)) for i in range(48)]
    # The calibrated CUSUM: the second month of the rise (one month at +30% is 2.6 sigma
    # against three years of the same month, not yet out of the ordinary).
    chart = assess_demand(_monthly(counts), Frequency.MONTHLY, method=SurgeMethod.CALIBRATED)
    assert first_surge(chart) == chart[41]
    assert all(point.surge for point in chart[41:])
    # The Shewhart rules, whose window mixes neighbouring months: the first month.
    chart = assess_demand(_monthly(counts), Frequency.MONTHLY, method=SurgeMethod.SHEWHART)
    assert first_surge(chart) == chart[40]
    assert Rule.BEYOND_3_SIGMA in {signal.rule for signal in chart[40].signals}
    upper, observed = chart[40].limit(3), chart[40].observed
    assert upper is not None
    assert observed is not None
    assert observed > upper
