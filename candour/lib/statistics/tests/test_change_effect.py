"""Did the change work? Checked by hand and against scipy's own exact interval."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from candour.lib.statistics.change_effect import (
    Better,
    Method,
    Outcome,
    Why,
    assess_counts,
    assess_values,
    interrupted_series,
    mean_difference,
    rate_ratio,
)


def test_a_fall_in_reports_after_a_change_is_an_improvement():
    # 40 reports in the 12 months before, 5 in the 6 months after: a quarter of the rate.
    effect = rate_ratio(40, 12, 5, 6)

    assert effect.outcome is Outcome.IMPROVED
    assert effect.why is Why.CLEAR
    assert effect.estimate == pytest.approx(0.25)
    assert effect.percent == pytest.approx(-75.0)
    # The interval is the exact binomial one on the after share, turned into a ratio.
    low, high = stats.binomtest(5, 45).proportion_ci(confidence_level=0.95, method="exact")
    assert effect.low == pytest.approx(low / (1 - low) * 2)
    assert effect.high == pytest.approx(high / (1 - high) * 2)
    assert effect.high is not None
    assert effect.high < 1


def test_the_same_fall_is_a_worsening_where_more_is_better():
    effect = rate_ratio(40, 12, 5, 6, better=Better.UP)
    assert effect.outcome is Outcome.WORSENED


def test_no_reports_at_all_after_the_change_still_has_an_interval():
    effect = rate_ratio(30, 12, 0, 6)
    assert effect.outcome is Outcome.IMPROVED
    assert effect.low == 0
    # 1 - 0.025 ** (1 / 30) is the upper end of the after share.
    upper = 1 - 0.025 ** (1 / 30)
    assert effect.high == pytest.approx(upper / (1 - upper) * 2)


def test_a_steady_rate_with_plenty_of_reports_is_no_clear_change():
    effect = rate_ratio(400, 12, 200, 6)
    assert effect.estimate == pytest.approx(1.0)
    assert effect.outcome is Outcome.NO_CLEAR_CHANGE
    assert effect.why is Why.STEADY
    assert effect.low is not None
    assert effect.high is not None
    assert 0.8 < effect.low < 1 < effect.high < 1.25


def test_a_halving_of_a_small_count_cannot_be_told_yet():
    # 12 before and 3 after in a quarter: plausibly half, plausibly the same.
    effect = rate_ratio(12, 12, 3, 3)
    assert effect.outcome is Outcome.CANNOT_TELL_YET
    assert effect.why is Why.UNCERTAIN


def test_too_few_reports_or_nothing_after_yet():
    assert rate_ratio(6, 12, 2, 6).why is Why.TOO_FEW
    soon = rate_ratio(30, 12, 0, 0)
    assert soon.outcome is Outcome.CANNOT_TELL_YET
    assert soon.why is Why.TOO_SOON
    with pytest.raises(ValueError, match="negative"):
        rate_ratio(-1, 12, 0, 1)


def test_a_fall_already_under_way_is_not_credited_to_the_change():
    # Reports falling 3% a month for two years; the "change" at month 12 did nothing.
    counts = [round(60 * 0.97**month) for month in range(24)]

    plain = rate_ratio(sum(counts[:12]), 12, sum(counts[12:]), 12)
    series = interrupted_series(counts, 12)

    assert plain.outcome is Outcome.IMPROVED  # the naive comparison is fooled
    assert series.method is Method.INTERRUPTED_SERIES
    assert series.estimate == pytest.approx(1.0, abs=0.05)
    assert series.outcome is not Outcome.IMPROVED


def test_a_step_down_at_the_change_is_found_by_the_series():
    rng = np.random.default_rng(7)
    counts = [int(c) for c in rng.poisson([20] * 12 + [10] * 12)]

    effect = assess_counts(counts, 12)

    assert effect.method is Method.INTERRUPTED_SERIES
    assert effect.outcome is Outcome.IMPROVED
    assert effect.estimate is not None
    assert 0.3 < effect.estimate < 0.8


def test_short_series_fall_back_to_the_rate_ratio():
    effect = assess_counts([10, 12, 9, 11, 10, 4, 3], 5)
    assert effect.method is Method.RATE_RATIO
    assert (effect.periods_before, effect.periods_after) == (5, 2)
    assert effect.events == 59
    with pytest.raises(ValueError, match="periods before"):
        interrupted_series([10] * 6, 3)


def test_exposure_turns_counts_into_rates():
    # The same 10 reports a month, from twice the staff after: half the rate per person.
    counts = [10] * 24
    exposure = [50.0] * 12 + [100.0] * 12
    effect = assess_counts(counts, 12, exposure)
    assert effect.estimate == pytest.approx(0.5, rel=0.01)
    assert effect.before == pytest.approx(0.2)
    assert effect.after == pytest.approx(0.1)


def test_ratings_that_rise_are_an_improvement_by_welch():
    before = [2, 3, 3, 2, 3, 2, 3, 3, 2, 3]
    after = [4, 4, 3, 5, 4, 4, 5, 4, 3, 4]

    effect = mean_difference(before, after, material=0.5)

    assert effect.outcome is Outcome.IMPROVED
    assert effect.estimate == pytest.approx(4.0 - 2.6)
    expected = stats.ttest_ind(after, before, equal_var=False).confidence_interval(0.95)
    assert effect.low == pytest.approx(expected.low)
    assert effect.high == pytest.approx(expected.high)


def test_ratings_with_too_few_answers_cannot_be_told():
    effect = mean_difference([3, 4], [5, 5, 5], material=0.5)
    assert effect.why is Why.TOO_FEW
    assert effect.estimate == pytest.approx(5 - 3.5)
    assert mean_difference([3, 4, 3, 4, 3], [], material=0.5).why is Why.TOO_SOON
    same = mean_difference([3.0] * 6, [3.0] * 6, material=0.5)
    assert same.outcome is Outcome.NO_CLEAR_CHANGE
    assert math.isclose(same.estimate or 0.0, 0.0)


def test_months_that_vary_a_lot_do_not_pass_for_a_clear_change():
    before, after = [2, 30, 1, 25, 2], [4, 3]
    plain = rate_ratio(sum(before), 5, sum(after), 2)
    widened = assess_counts([*before, *after], 5)

    assert plain.outcome is Outcome.IMPROVED  # a Poisson spread is fooled
    assert widened.method is Method.RATE_RATIO
    assert widened.estimate == pytest.approx(plain.estimate)
    assert widened.outcome is Outcome.CANNOT_TELL_YET


def test_monthly_values_already_drifting_down_are_not_credited_to_the_change() -> None:
    # A caseload falling 0.5 a month for 20 months, with no change at month 12.
    months = [30.0 - 0.5 * month for month in range(20)]
    values: list[float | None] = list(months)
    welch = mean_difference(months[:12], months[12:], better=Better.DOWN, material=2.0)
    effect = assess_values(values, 12, better=Better.DOWN, material=2.0, min_values=3)
    assert welch.outcome is Outcome.IMPROVED  # the plain comparison is fooled
    assert effect.method is Method.INTERRUPTED_MEANS
    assert effect.outcome is not Outcome.IMPROVED
    assert effect.estimate is not None
    assert abs(effect.estimate) < 1e-6
    assert effect.percent is None  # a difference, not a ratio


def test_a_step_in_monthly_values_is_found_and_gaps_keep_their_place() -> None:
    values: list[float | None] = [20.0 + (0.3 if m % 2 else -0.3) for m in range(12)]
    values += [15.0 + (0.3 if m % 2 else -0.3) for m in range(6)]
    values[3] = None  # a month with no snapshot
    effect = assess_values(values, 12, better=Better.DOWN, material=2.0, min_values=3)
    assert effect.method is Method.INTERRUPTED_MEANS
    assert effect.outcome is Outcome.IMPROVED
    assert (effect.periods_before, effect.periods_after) == (11, 6)
    assert effect.high is not None
    assert effect.high < -2.0


def test_too_few_monthly_values_fall_back_to_welch_and_then_to_cannot_tell() -> None:
    short = assess_values([20.0] * 12 + [15.0, 15.5, 14.5], 12, better=Better.DOWN,
                          material=2.0, min_values=3)  # fmt: skip
    assert short.method is Method.MEAN_DIFFERENCE
    none = assess_values([20.0] * 12 + [15.0, None], 12, better=Better.DOWN, material=2.0,
                         min_values=3)  # fmt: skip
    assert none.outcome is Outcome.CANNOT_TELL_YET
    assert none.why is Why.TOO_FEW
