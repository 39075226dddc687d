"""The downward-spiral early warning on synthetic monthly series."""

import dataclasses
from datetime import date

import pytest

from candour.lib.statistics.spiral import (
    HealthPeriod,
    Indicator,
    Limit,
    SpiralStatus,
    SpiralThresholds,
    assess_spiral,
    fitted_change,
    spiral_history,
)


def _months(count, **series):
    """Monthly periods from January 2024; each keyword is a list of values."""
    return [
        HealthPeriod(
            period=date(2024 + i // 12, i % 12 + 1, 1),
            **{name: values[i] for name, values in series.items()},
        )
        for i in range(count)
    ]


STEADY = {
    "caseload": [16.0] * 6,
    "vacancy_rate": [12.0] * 6,
    "agency_rate": [10.0] * 6,
    "turnover_rate": [11.0] * 6,
    "absence_rate": [3.0] * 6,
}


def test_fitted_change_by_hand():
    assert fitted_change([(0, 1.0), (1, 2.0), (2, 3.0)]) == (1.0, 2.0)
    # A single spike at the end moves the fitted line less than the raw difference.
    start, rise = fitted_change([(0, 10.0), (1, 10.0), (2, 10.0), (3, 14.0)])
    # Slope = sum((x - 1.5)(y - 11)) / sum((x - 1.5)^2) = 6 / 5; start = 11 - 1.2 x 1.5.
    assert rise == pytest.approx(3 * 1.2)
    assert start == pytest.approx(9.2)


def test_flat_healthy_figures_are_steady():
    assessment = assess_spiral(_months(6, **STEADY))
    assert assessment.status is SpiralStatus.STEADY
    assert assessment.worsening == ()
    assert assessment.over_threshold == ()
    assert assessment.explanation() == []


def test_one_indicator_over_its_threshold_is_strained():
    series = {**STEADY, "vacancy_rate": [22.0] * 6}
    assessment = assess_spiral(_months(6, **series))
    assert assessment.status is SpiralStatus.STRAINED
    assert assessment.over_threshold == (Indicator.VACANCY_RATE,)
    assert assessment.explanation() == ["vacancy rate (%) is 22.0, over 20"]


def test_demand_and_capacity_worsening_together_is_spiralling():
    series = {
        **STEADY,
        "caseload": [16.0, 16.5, 17.5, 18.0, 19.0, 20.0],
        "vacancy_rate": [14.0, 15.0, 16.0, 17.0, 18.0, 19.0],
        "absence_rate": [3.0, 3.2, 3.4, 3.6, 3.8, 4.0],
    }
    assessment = assess_spiral(_months(6, **series))
    assert assessment.status is SpiralStatus.SPIRALLING
    assert assessment.worsening == (
        Indicator.CASELOAD,
        Indicator.VACANCY_RATE,
        Indicator.ABSENCE_RATE,
    )
    vacancy = assessment.evidence[1]
    assert vacancy.change == pytest.approx(5.0)
    assert vacancy.values_used == 6
    assert assessment.window_start == date(2024, 1, 1)
    assert "vacancy rate (%) rose by 5.0 from January 2024 to June 2024" in (
        assessment.explanation()
    )


def test_two_worsening_while_two_are_high_is_spiralling():
    series = {
        **STEADY,
        "vacancy_rate": [21.0] * 6,
        "agency_rate": [17.0, 18.0, 19.0, 20.0, 21.0, 22.0],
        "turnover_rate": [12.0, 13.0, 14.0, 15.0, 16.0, 17.0],
    }
    assessment = assess_spiral(_months(6, **series))
    assert assessment.status is SpiralStatus.SPIRALLING
    assert set(assessment.over_threshold) == {Indicator.VACANCY_RATE, Indicator.AGENCY_RATE}


def test_too_few_values_cannot_show_worsening():
    series = {**STEADY, "turnover_rate": [None, None, None, None, 11.0, 18.0]}
    assessment = assess_spiral(_months(6, **series))
    turnover = assessment.evidence[3]
    assert turnover.change is None
    assert not turnover.worsening
    assert turnover.over_threshold  # 18 is over 17 even so
    assert assessment.status is SpiralStatus.STRAINED


def test_history_shows_when_the_spiral_formed():
    months = 18
    healthy = 8
    rising = range(months - healthy)
    series = {
        "caseload": [16.0] * healthy + [16.0 + 0.6 * i for i in rising],
        "vacancy_rate": [12.0] * healthy + [12.0 + 1.0 * i for i in rising],
        "agency_rate": [10.0] * months,
        "turnover_rate": [11.0] * healthy + [11.0 + 0.8 * i for i in rising],
        "absence_rate": [3.0] * months,
    }
    statuses = [a.status for a in spiral_history(_months(months, **series))]
    assert statuses[:healthy] == [SpiralStatus.STEADY] * healthy
    first_spiral = statuses.index(SpiralStatus.SPIRALLING)
    assert healthy < first_spiral <= healthy + 5
    assert statuses[-1] is SpiralStatus.SPIRALLING


def test_thresholds_are_configurable():
    series = {**STEADY, "caseload": [19.0] * 6}
    assert assess_spiral(_months(6, **series)).status is SpiralStatus.STEADY
    strict = SpiralThresholds(caseload=Limit(strain=18.0, worsening=0.1, relative=True))
    assert assess_spiral(_months(6, **series), strict).status is SpiralStatus.STRAINED
    with pytest.raises(ValueError, match="at least one"):
        assess_spiral([])


def test_demand_is_judged_against_its_own_usual_level_not_a_fixed_line():
    # 9 referrals a month per worker for a year is this council's usual: not strain.
    usual = assess_spiral(_months(18, **_steady(18), demand_per_worker=[9.0] * 18))
    assert Indicator.DEMAND not in usual.over_threshold
    # 12 in the latest month is a third above its usual 9: strained, and said so.
    risen = assess_spiral(_months(18, **_steady(18), demand_per_worker=[9.0] * 17 + [12.0]))
    assert risen.over_threshold == (Indicator.DEMAND,)
    assert risen.status is SpiralStatus.STRAINED
    assert (
        "referrals per case-holding worker is 12.0, over 10.8 (20% above its usual 9.0)"
        in risen.explanation()
    )


def test_a_control_chart_surge_is_the_demand_side_over_its_line_and_worsening():
    periods = _months(6, **{**STEADY, "vacancy_rate": [22.0] * 6})
    flagged = [*periods[:-1], dataclasses.replace(periods[-1], surges=("Referrals",))]

    plain = assess_spiral(periods)
    surging = assess_spiral(flagged)

    assert plain.status is SpiralStatus.STRAINED
    assert surging.surges == ("Referrals",)
    assert "Referrals: a surge flagged on its control chart in June 2024" in surging.explanation()
    # Vacancy over its line, demand over and worsening: still strained with one worsening.
    assert surging.status is SpiralStatus.STRAINED
    rising = {**STEADY, "vacancy_rate": [16.0, 17.0, 18.0, 19.0, 21.0, 22.0]}
    worsening = _months(6, **rising)
    worsening[-1] = dataclasses.replace(worsening[-1], surges=("Referrals",))
    # Vacancies rising past their line while demand surges: the spiral forming.
    assert assess_spiral(worsening).status is SpiralStatus.SPIRALLING


def _steady(count: int) -> dict[str, list[float]]:
    return {name: [values[0]] * count for name, values in STEADY.items()}
