"""Survey scoring and small-number protection: pure functions over plain answers.

Percent positive per item (agree or strongly agree; for reverse-worded items, disagree
or strongly disagree), a composite's percent positive as the mean of its items', 0-100
scores (0, 25, 50, 75, 100; reverse-worded items turned round so higher is better), and
the Copenhagen Burnout Inventory per its manual: each answer 0-100, a person's scale
score the mean of the items they answered when they answered at least half, a group's
score the mean of its people's (higher is more burnout). METRICS.md "Survey scoring".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean

from candour.surveys.items import AGREE, CBI, Item, ItemSet, Scale

# No figure about fewer than this many people (METRICS.md, small numbers: staff groups).

Answers = Mapping[str, int]  # one person's answers: item key -> stored value (1 to 5)


def answer_score(value: int, *, reverse: bool = False) -> float:
    """A five-point answer as 0, 25, 50, 75 or 100 (turned round for reverse wording)."""
    score = (value - 1) * 25.0
    return 100.0 - score if reverse else score


def is_positive(value: int, scale: Scale, *, reverse: bool = False) -> bool:
    return value in (scale.negative if reverse else scale.positive)


def percent_positive(values: Sequence[int], scale: Scale, *, reverse: bool = False) -> float | None:
    if not values:
        return None
    positive = sum(1 for value in values if is_positive(value, scale, reverse=reverse))
    return 100.0 * positive / len(values)


def mean_score(values: Sequence[int], *, reverse: bool = False) -> float | None:
    if not values:
        return None
    return fmean(answer_score(value, reverse=reverse) for value in values)


def composite_percent_positive(item_percents: Sequence[float | None]) -> float | None:
    """The mean of the items' percent positive (items nobody answered left out)."""
    known = [value for value in item_percents if value is not None]
    return fmean(known) if known else None


def person_scale_score(answers: Answers, items: Sequence[Item]) -> float | None:
    """One person's scale score: the mean of the items they answered, if at least half."""
    scores = [
        answer_score(answers[item.key], reverse=item.reverse)
        for item in items
        if answers.get(item.key) is not None
    ]
    if not scores or 2 * len(scores) < len(items):
        return None
    return fmean(scores)


@dataclass(frozen=True)
class ItemScore:
    key: str
    answered: int
    percent_positive: float | None
    mean: float | None


@dataclass(frozen=True)
class CompositeScore:
    key: str
    kind: str
    percent_positive: float | None  # agree composites only
    mean: float | None  # 0-100: for the CBI, higher is more burnout


@dataclass(frozen=True)
class GroupScores:
    respondents: int
    items: dict[str, ItemScore] = field(default_factory=dict)
    composites: dict[str, CompositeScore] = field(default_factory=dict)


def score_group(
    responses: Sequence[Answers], item_set: ItemSet, extra: Sequence[Item] = ()
) -> GroupScores:
    """Every item's and composite's scores for one group of people's answers."""
    items = [*item_set.items, *extra]
    item_scores: dict[str, ItemScore] = {}
    for item in items:
        values = [r[item.key] for r in responses if r.get(item.key) is not None]
        scale = item_set.scales[item.scale]
        item_scores[item.key] = ItemScore(
            item.key,
            len(values),
            percent_positive(values, scale, reverse=item.reverse) if item.scale == AGREE else None,
            mean_score(values, reverse=item.reverse),
        )
    composites: dict[str, CompositeScore] = {}
    for composite in item_set.composites:
        members = [item_set.item(key) for key in composite.items]
        people = [person_scale_score(r, members) for r in responses]
        known = [score for score in people if score is not None]
        composites[composite.key] = CompositeScore(
            composite.key,
            composite.kind,
            composite_percent_positive(
                [item_scores[key].percent_positive for key in composite.items]
            )
            if composite.kind != CBI
            else None,
            fmean(known) if known else None,
        )
    return GroupScores(len(responses), item_scores, composites)
