"""Absence spells, days, length classes, reasons and the Bradford factor, by hand."""

from datetime import date

import pytest

from candour.lib.statistics.absence import (
    BRADFORD_FACTOR_NOTE,
    AbsenceSpell,
    CountedSpell,
    SpellLength,
    bradford_factor,
    bradford_scores,
    classify_by_working_days,
    count_spell,
    spells_in_window,
    summarise_absence,
)
from candour.lib.working_days import working_days_between

CHRISTMAS = [date(2025, 12, 25), date(2025, 12, 26)]


def test_working_days_skip_weekends_and_holidays():
    friday, monday = date(2025, 11, 28), date(2025, 12, 1)
    assert working_days_between(friday, monday) == 2
    assert working_days_between(date(2025, 12, 1), date(2025, 12, 31)) == 23
    assert working_days_between(date(2025, 12, 1), date(2025, 12, 31), CHRISTMAS) == 21
    assert working_days_between(date(2025, 12, 6), date(2025, 12, 7)) == 0  # a weekend
    assert working_days_between(monday, friday) == 0


def test_count_spell_scales_by_fte_and_classes_by_calendar_days():
    week = AbsenceSpell("p1", date(2025, 12, 1), date(2025, 12, 7), "stress", fte=0.5)
    counted = count_spell(week)
    assert counted.days_lost == 2.5
    assert counted.length is SpellLength.SHORT  # 7 calendar days
    eight = count_spell(AbsenceSpell("p1", date(2025, 12, 1), date(2025, 12, 8), "flu"))
    assert eight.length is SpellLength.MEDIUM
    month = count_spell(AbsenceSpell("p1", date(2025, 12, 1), date(2025, 12, 28), "back"))
    assert month.length is SpellLength.LONG  # 28 calendar days: four weeks
    assert month.days_lost == 20
    with pytest.raises(ValueError, match="ends before"):
        count_spell(AbsenceSpell("p1", date(2025, 12, 2), date(2025, 12, 1), "x"))


def test_classify_by_working_days():
    assert classify_by_working_days(5) is SpellLength.SHORT
    assert classify_by_working_days(5.5) is SpellLength.MEDIUM
    assert classify_by_working_days(20) is SpellLength.LONG


def _spell(person, days, reason="cold", disability=False):
    return CountedSpell(person, days, reason, classify_by_working_days(days), disability)


def test_summary_of_a_team_of_five():
    spells = [
        _spell("ann", 1),
        _spell("ann", 1),
        _spell("ben", 30, "stress"),
        _spell("cat", 2, "stress"),
    ]
    summary = summarise_absence(spells, people=["ann", "ben", "cat", "dan", "eve"])
    assert summary.people == 5
    assert summary.people_absent == 3
    assert summary.spells == 4
    assert summary.days_lost == 34
    assert summary.by_length[SpellLength.SHORT].spells == 3
    assert summary.by_length[SpellLength.LONG].days_lost == 30
    assert summary.days_by_reason == {"stress": 32, "cold": 2}
    assert summary.days_per_person == pytest.approx(6.8)
    # Days per person 0, 0, 2, 2, 30: the top fifth (one person) holds 30 of 34.
    assert summary.top_fifth_share == pytest.approx(30 / 34)
    # Gini by hand: |xi - xj| over unordered pairs: four (0, 2) pairs give 8, two (0, 30)
    # give 60, two (2, 30) give 56: 124, so 248 over ordered pairs; G = 248 / (2 n^2 mean).
    assert summary.gini == pytest.approx(248 / (2 * 25 * 6.8))


def test_bradford_factor_examples_from_metrics():
    assert bradford_factor(10, 10) == 1000  # ten one-day absences
    assert bradford_factor(1, 10) == 10  # one ten-day absence


def test_bradford_scores_exclude_disability_related_absence():
    spells = [_spell("ann", 1) for _ in range(10)]
    spells += [_spell("ben", 1, "migraine", disability=True) for _ in range(10)]
    spells += [_spell("ben", 10, "surgery")]
    scores = bradford_scores(spells)
    assert [(s.person, s.spells, s.days, s.factor) for s in scores] == [
        ("ann", 10, 10, 1000),
        ("ben", 1, 10, 10),
    ]
    assert "supportive conversation" in BRADFORD_FACTOR_NOTE


def test_spells_in_window_clips_to_52_weeks():
    spells = [
        AbsenceSpell("ann", date(2024, 1, 1), date(2024, 1, 5), "old"),  # outside
        AbsenceSpell("ann", date(2024, 12, 30), date(2025, 1, 3), "cold"),  # clipped
        AbsenceSpell("ann", date(2025, 6, 2), date(2025, 6, 2), "cold"),
    ]
    # 52 weeks (364 days) ending Wednesday 31 December 2025 start on Thursday 2 January.
    counted = spells_in_window(spells, date(2025, 12, 31))
    assert [spell.days_lost for spell in counted] == [2, 1]
    assert bradford_scores(counted)[0].factor == 2 * 2 * 3
