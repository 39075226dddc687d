"""The DfE indicators on small hand-worked counts."""

from decimal import Decimal

import pytest

from candour.lib.statistics.workforce import (
    CaseHolder,
    WorkforceCounts,
    absence_rate,
    agency_rate,
    as_published,
    caseload_distribution,
    turnover_rate,
    vacancy_rate,
    workforce_indicators,
)


def test_indicators_on_a_small_service():
    # 40 FTE in post, 6 leavers, 10 agency, 10 vacancies, 500 days lost over 250 days.
    counts = WorkforceCounts(
        in_post_fte=40,
        leavers_fte=6,
        agency_fte=10,
        vacancy_fte=10,
        case_holders_fte=25,
        cases=450,
        working_days_lost_fte=500,
        working_days_in_year=250,
    )
    result = workforce_indicators(counts)
    assert result.turnover_rate == pytest.approx(15.0)  # 6 / 40
    assert result.agency_rate == pytest.approx(20.0)  # 10 / (10 + 40)
    assert result.vacancy_rate == pytest.approx(20.0)  # 10 / (10 + 40)
    assert result.absence_rate == pytest.approx(5.0)  # 500 / (40 x 250)
    assert result.average_caseload == pytest.approx(18.0)  # 450 / 25


def test_missing_or_zero_denominators_give_none_not_zero():
    assert turnover_rate(None, 10) is None
    assert turnover_rate(3, 0) is None
    assert vacancy_rate(None, 10) is None
    assert agency_rate(0, 0) is None
    assert absence_rate(10, None) is None
    assert workforce_indicators(WorkforceCounts(in_post_fte=None)).turnover_rate is None


def test_published_rounding_is_half_up_to_one_place():
    assert as_published(12.25) == Decimal("12.3")
    assert as_published(12.249) == Decimal("12.2")
    assert as_published(None) is None


def test_caseload_distribution_counts_people_above_20_and_30():
    holders = [
        CaseHolder("a", 12),
        CaseHolder("b", 20),  # exactly 20 is not "more than 20"
        CaseHolder("c", 21),
        CaseHolder("d", 31, fte=1.0),
        CaseHolder("e", 16, fte=0.5),
    ]
    result = caseload_distribution(holders)
    assert result.workers == 5
    assert result.cases == 100
    assert result.average_per_fte == pytest.approx(100 / 4.5)
    assert result.mean_per_worker == 20
    assert result.median_per_worker == 20
    assert result.highest == 31
    assert [(band.above, band.workers, band.share) for band in result.bands] == [
        (20, 2, 0.4),
        (30, 1, 0.2),
    ]


def test_empty_caseload_distribution():
    result = caseload_distribution([])
    assert result.average_per_fte is None
    assert result.median_per_worker is None
    assert [band.share for band in result.bands] == [0.0, 0.0]
