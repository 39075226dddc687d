from __future__ import annotations

import itertools
import random

import pytest

from candour.lib.statistics.suppression import SMALLEST_GROUP, protect
from candour.surveys.items import item_set
from candour.surveys.results.scoring import (
    answer_score,
    composite_percent_positive,
    mean_score,
    percent_positive,
    person_scale_score,
    score_group,
)

QUESTIONS = item_set()
AGREE = QUESTIONS.scales["agree"]


def test_percent_positive_and_mean_on_a_hand_worked_item() -> None:
    values = [5, 4, 3, 2, 1]
    assert percent_positive(values, AGREE) == 40.0  # 2 of 5 agree
    assert mean_score(values) == 50.0  # (100 + 75 + 50 + 25 + 0) / 5


def test_a_reverse_worded_item_counts_disagreement_as_positive() -> None:
    # "Mistakes are held against me": strongly disagree, strongly disagree, disagree,
    # agree, strongly agree -> 3 of 5 positive; scores 100, 100, 75, 25, 0 -> 60.
    values = [1, 1, 2, 4, 5]
    assert percent_positive(values, AGREE, reverse=True) == 60.0
    assert mean_score(values, reverse=True) == 60.0
    assert answer_score(5, reverse=True) == 0.0


def test_a_composite_is_the_mean_of_its_items() -> None:
    assert composite_percent_positive([40.0, 60.0, None, 80.0]) == 60.0
    assert composite_percent_positive([None]) is None


def test_cbi_scale_scores_follow_the_manual() -> None:
    personal = [QUESTIONS.item(f"cbi_p{i}") for i in range(1, 7)]
    often = {item.key: 4 for item in personal}  # "Often" = 75
    mixed = {item.key: v for item, v in zip(personal, [5, 5, 5, 1, 1, 1], strict=True)}
    assert person_scale_score(often, personal) == 75.0
    assert person_scale_score(mixed, personal) == 50.0
    # Fewer than half the items answered: no score; exactly half: the mean of those.
    assert person_scale_score({"cbi_p1": 5, "cbi_p2": 5}, personal) is None
    assert person_scale_score({"cbi_p1": 5, "cbi_p2": 5, "cbi_p3": 3}, personal) == pytest.approx(
        250 / 3
    )
    work = [QUESTIONS.item(f"cbi_w{i}") for i in range(1, 8)]
    # Always exhausted, but always enough energy for family and friends (reverse-scored).
    answers = {item.key: 5 for item in work}
    assert person_scale_score(answers, work) == pytest.approx(600 / 7)


def test_score_group_puts_it_together() -> None:
    base = {item.key: 3 for item in QUESTIONS.items}
    people = [
        {**base, "ps1": 5, "re1": 1, **{f"cbi_p{i}": 4 for i in range(1, 7)}},
        {**base, "ps1": 4, "re1": 1, **{f"cbi_p{i}": 4 for i in range(1, 7)}},
        {**base, "ps1": 3, "re1": 2, **{f"cbi_p{i}": 2 for i in range(1, 7)}},
        {**base, "ps1": 2, "re1": 4, **{f"cbi_p{i}": 2 for i in range(1, 7)}},
    ]
    scores = score_group(people, QUESTIONS)
    assert scores.respondents == 4
    assert scores.items["ps1"].percent_positive == 50.0
    assert scores.items["re1"].percent_positive == 75.0
    # Psychological safety: ps1 50%, ps2 and ps3 all "neither" 0% -> 50 / 3.
    assert scores.composites["psychological_safety"].percent_positive == pytest.approx(50 / 3)
    # CBI personal: two people at 75, two at 25 -> 50; no percent positive for the CBI.
    assert scores.composites["cbi_personal"].mean == 50.0
    assert scores.composites["cbi_personal"].percent_positive is None


def test_small_teams_are_hidden_with_a_complementary_team() -> None:
    protection = protect({"a": 7, "b": 3, "c": 6})
    assert protection.small == {"b"}
    assert protection.hidden == {"b", "c"}  # c too, or total - a - c = b
    assert not protection.total_hidden


def test_several_small_teams_that_add_up_to_five_need_no_more_hiding() -> None:
    protection = protect({"a": 9, "b": 3, "c": 2})
    assert protection.hidden == {"b", "c"}


def test_a_total_of_fewer_than_five_is_hidden() -> None:
    assert protect({"a": 3, "b": 1}).total_hidden


def _differencing_attacks(counts: dict[str, int]) -> list[int]:
    """Every group size an attacker can isolate by subtracting shown figures from each
    other: the total less any set of shown teams, and any shown team less another."""
    protection = protect(counts)
    shown = [k for k in counts if protection.shows(k)]
    sizes = [counts[k] for k in shown]
    total = sum(counts.values())
    if not protection.total_hidden:
        for r in range(len(shown) + 1):
            for subset in itertools.combinations(shown, r):
                sizes.append(total - sum(counts[k] for k in subset))
    return sizes


@pytest.mark.parametrize(
    "counts",
    [
        {"a": 7, "b": 3, "c": 6},
        {"a": 5, "b": 5, "c": 4},
        {"a": 12, "b": 1},
        {"a": 5, "b": 0, "c": 1, "d": 20},
        {"a": 4, "b": 4, "c": 30},
    ],
)
def test_no_subtraction_of_shown_figures_isolates_fewer_than_five(counts: dict[str, int]) -> None:
    assert all(size == 0 or size >= SMALLEST_GROUP for size in _differencing_attacks(counts))


def test_differencing_attacks_fail_on_many_random_organisations() -> None:
    rng = random.Random(8)
    for _trial in range(500):
        counts = {
            f"t{i}": rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 15]) for i in range(rng.randint(1, 6))
        }
        sizes = _differencing_attacks(counts)
        assert all(size == 0 or size >= SMALLEST_GROUP for size in sizes), counts
