"""Ticks are round: steps of 1, 2 or 5 times a power of ten, covering every value."""

from __future__ import annotations

import itertools
import math

import pytest

from candour.lib.charts.scale import nice_step, nice_ticks, tick_text, ticks_that_fit


def _is_one_two_five(step: float) -> bool:
    magnitude = 10 ** math.floor(math.log10(step) + 1e-9)
    return any(math.isclose(step, m * magnitude) for m in (1, 2, 5))


@pytest.mark.parametrize(
    ("raw", "step"), [(0.7, 1), (1.3, 2), (2.5, 5), (3, 5), (7, 10), (13, 20), (0.03, 0.05)]
)
def test_steps_are_one_two_or_five_times_a_power_of_ten(raw: float, step: float) -> None:
    assert math.isclose(nice_step(raw), step)


@pytest.mark.parametrize(
    ("low", "high"),
    [(0, 7), (0, 13), (0, 96), (0, 100), (0, 1234), (0, 0.37), (12.5, 19.8), (-4, 30), (0, 1)],
)
def test_ticks_cover_the_values_in_even_round_steps(low: float, high: float) -> None:
    ticks = nice_ticks(low, high, 5)

    assert ticks[0] <= low
    assert ticks[-1] >= high
    steps = {round(b - a, 9) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1
    assert _is_one_two_five(steps.pop())
    assert 2 <= len(ticks) <= 7


def test_counts_have_no_ticks_between_whole_numbers() -> None:
    assert nice_ticks(0, 3, 8, whole=True) == [0, 1, 2, 3]
    assert nice_ticks(0, 3, 8) == [0, 0.5, 1, 1.5, 2, 2.5, 3]


def test_an_axis_of_nothing_still_has_two_ticks() -> None:
    assert nice_ticks(0, 0, 5, whole=True) == [0, 1]


def test_as_many_ticks_as_have_room_for_their_labels() -> None:
    wide = ticks_that_fit(0, 1000, 600, lambda _tick: 60)
    narrow = ticks_that_fit(0, 1000, 150, lambda _tick: 60)

    assert len(wide) > len(narrow) >= 2
    assert all(150 / (len(narrow) - 1) >= 60 for _ in narrow)


def test_ticks_are_written_as_people_write_numbers() -> None:
    assert tick_text(1200) == "1,200"
    assert tick_text(0.5) == "0.5"
    assert tick_text(40, "%") == "40%"
