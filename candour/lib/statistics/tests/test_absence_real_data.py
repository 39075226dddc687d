"""Absence concentration on the UCI "Absenteeism at work" records (../data/SOURCES.md).

Mapping, one row to one spell: person = ID; days lost = hours of absence / 8 (an
eight-hour day); reason = the ICD-based reason code; rows with reason 0 (no reason
recorded) or 0 hours are left out; no row is marked disability-related (the file has no
such field); length class by working days (no dates: the file gives month and weekday
only). All 36 employees are the population, so anyone without a counted spell is a 0.
The file spans three years, so its Bradford factors are not the 52-week ones.
"""

import csv

import pytest

from candour.config.shared_data import shared_data_dir
from candour.lib.statistics.absence import (
    CountedSpell,
    SpellLength,
    bradford_scores,
    classify_by_working_days,
    summarise_absence,
)

DATA = shared_data_dir() / "absence/Absenteeism_at_work.csv"


@pytest.fixture(scope="module")
def records():
    if not DATA.exists():
        pytest.fail("shared absence data not present")
    with DATA.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def spells(records):
    found = []
    for row in records:
        reason, hours = row["Reason for absence"].strip(), int(row["Absenteeism time in hours"])
        if reason in ("", "0") or hours == 0:
            continue
        days = hours / 8
        found.append(CountedSpell(row["ID"], days, reason, classify_by_working_days(days)))
    return found


def test_the_file_as_mapped(records, spells):
    assert len(records) == 740
    assert len({row["ID"] for row in records}) == 36
    assert len(spells) == 696
    assert sum(spell.days_lost for spell in spells) == 640.5


def test_concentration_matches_a_direct_sort_and_sum(records, spells):
    people = {row["ID"] for row in records}
    summary = summarise_absence(spells, people)
    assert summary.top_fifth_share is not None
    assert summary.gini is not None

    # An independent computation: total per person, sort, sum the top 7.2 people.
    totals = dict.fromkeys(people, 0.0)
    for spell in spells:
        totals[spell.person] += spell.days_lost
    descending = sorted(totals.values(), reverse=True)
    top = sum(descending[:7]) + 0.2 * descending[7]
    assert summary.top_fifth_share == pytest.approx(top / sum(descending))
    # Gini as the mean absolute difference over twice the mean.
    values = list(totals.values())
    n, mean = len(values), sum(values) / len(values)
    mean_difference = sum(abs(a - b) for a in values for b in values) / (n * n)
    assert summary.gini == pytest.approx(mean_difference / (2 * mean))
    # The Lorenz curve passes through 1 - top share at 80% of people (28.8 of 36).
    ascending = descending[::-1]
    below = (sum(ascending[:28]) + 0.8 * ascending[28]) / sum(ascending)
    assert 1 - summary.top_fifth_share == pytest.approx(below)

    # Written down from this file: 36 people, 33 with absence, 640.5 days lost; the top
    # fifth lose 54.0% of the days (not the 80% the 80:20 rule would say); Gini 0.552.
    assert summary.people == 36
    assert summary.people_absent == 33
    assert descending[:3] == [60.25, 59.5, 56.25]
    assert round(summary.top_fifth_share, 3) == 0.540
    assert round(summary.gini, 3) == 0.552
    assert summary.by_length[SpellLength.SHORT].spells == 681
    assert summary.by_length[SpellLength.MEDIUM].spells == 15
    assert summary.by_length[SpellLength.LONG].spells == 0
    assert list(summary.days_by_reason)[:2] == ["13", "19"]  # musculoskeletal, injury


def test_bradford_factor_ranks_frequent_short_absence_first(spells):
    top = bradford_scores(spells)[0]
    assert (top.person, top.spells, top.days) == ("3", 112, 60.25)
    assert top.factor == 112 * 112 * 60.25
