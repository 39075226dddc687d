"""How concentrated a quantity is across people: Lorenz curve, Gini, top-share.

Include everyone in the population, with zeros for people who lost no days: leaving
them out understates concentration.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LorenzPoint:
    """The poorest ``population_share`` of people hold ``value_share`` of the total."""

    population_share: float
    value_share: float


def _checked(values: Sequence[float]) -> list[float]:
    if any(value < 0 for value in values):
        raise ValueError("concentration needs non-negative values")
    return sorted(values)


def lorenz_curve(values: Sequence[float]) -> list[LorenzPoint]:
    """Points (i/n, share of the total held by the i smallest), from (0, 0) to (1, 1).

    Empty input or an all-zero total gives the line of equality's two end points.
    """
    ordered = _checked(values)
    total = sum(ordered)
    points = [LorenzPoint(0.0, 0.0)]
    if not ordered or total == 0:
        return [*points, LorenzPoint(1.0, 1.0)]
    running = 0.0
    for index, value in enumerate(ordered, start=1):
        running += value
        points.append(LorenzPoint(index / len(ordered), running / total))
    return points


def gini_coefficient(values: Sequence[float]) -> float | None:
    """The Gini coefficient: 0 when everyone holds the same, (n-1)/n when one holds all.

    G = 2 * sum(i * x_(i)) / (n * sum x) - (n + 1) / n over the values in ascending order,
    equal to one minus twice the area under the piecewise-linear Lorenz curve. None when
    there are no values or the total is zero.
    """
    ordered = _checked(values)
    total = sum(ordered)
    if not ordered or total == 0:
        return None
    n = len(ordered)
    weighted = sum(index * value for index, value in enumerate(ordered, start=1))
    return 2.0 * weighted / (n * total) - (n + 1) / n


def top_share(values: Sequence[float], population_share: float = 0.2) -> float | None:
    """The share of the total held by the top ``population_share`` of people.

    Read off the Lorenz curve at 1 - population_share with linear interpolation, so when
    20% of the people is not a whole number the boundary person counts in part (with
    12 people the top 20% is the top 2 and 0.4 of the third). None for a zero total.
    """
    if not 0.0 <= population_share <= 1.0:
        raise ValueError("population_share must be between 0 and 1")
    ordered = _checked(values)
    total = sum(ordered)
    if not ordered or total == 0:
        return None
    people = population_share * len(ordered)
    whole = int(people)
    descending = ordered[::-1]
    held = sum(descending[:whole])
    if whole < len(descending):
        held += (people - whole) * descending[whole]
    return held / total
