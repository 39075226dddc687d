"""Lorenz curve, Gini and top share on small hand-worked inputs."""

import pytest

from candour.lib.statistics.concentration import (
    LorenzPoint,
    gini_coefficient,
    lorenz_curve,
    top_share,
)


def test_equal_values_have_no_concentration():
    assert gini_coefficient([3, 3, 3, 3]) == pytest.approx(0.0)
    assert top_share([3, 3, 3, 3, 3]) == pytest.approx(0.2)


def test_one_person_holding_everything():
    assert gini_coefficient([0, 0, 0, 0, 10]) == pytest.approx(4 / 5)
    assert top_share([0, 0, 0, 0, 10]) == pytest.approx(1.0)


def test_lorenz_points():
    assert lorenz_curve([1, 3]) == [
        LorenzPoint(0.0, 0.0),
        LorenzPoint(0.5, 0.25),
        LorenzPoint(1.0, 1.0),
    ]
    assert lorenz_curve([]) == [LorenzPoint(0.0, 0.0), LorenzPoint(1.0, 1.0)]


def test_top_share_counts_the_boundary_person_in_part():
    # 12 people: the top 20% is 2.4 people: 10 + 8 + 0.4 x 6 of a total of 36.
    values = [10, 8, 6, 4, 2, 1, 1, 1, 1, 1, 1, 0]
    assert top_share(values) == pytest.approx((10 + 8 + 0.4 * 6) / 36)


def test_zero_total_and_bad_input():
    assert gini_coefficient([0, 0]) is None
    assert top_share([]) is None
    with pytest.raises(ValueError, match="non-negative"):
        gini_coefficient([1, -1])
    with pytest.raises(ValueError, match="between 0 and 1"):
        top_share([1], 1.5)
