"""Small-number protection: which groups' figures to hide so that no figure is about fewer
than a few people, even by subtraction (complementary suppression).

Used by every table that counts people or reports: the survey's results, the learning
dashboard and bulletin, workforce absence. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

SMALLEST_GROUP = 5


@dataclass(frozen=True)
class Protection:
    hidden: frozenset[str]  # groups whose figures are not shown
    small: frozenset[str]  # of those, the ones with fewer than SMALLEST_GROUP people
    total_hidden: bool

    def shows(self, key: str) -> bool:
        return key not in self.hidden


def protect(counts: Mapping[str, int], *, smallest: int = SMALLEST_GROUP) -> Protection:
    """Which groups to hide so that no figure is about fewer than `smallest` people, even
    by subtraction: the groups hidden together (the total less every group shown) must
    hold `smallest` or more people, or none. When they would not, the smallest group
    still shown is hidden too (complementary suppression), and so on. The total is
    shown only when it is about `smallest` or more people itself."""
    small = {key for key, count in counts.items() if 0 < count < smallest}
    hidden = set(small)
    while True:
        remainder = sum(counts[key] for key in hidden)
        if remainder == 0 or remainder >= smallest:
            break
        shown = [key for key in counts if key not in hidden and counts[key] > 0]
        if not shown:
            break
        hidden.add(min(shown, key=lambda key: (counts[key], key)))
    total = sum(counts.values())
    return Protection(frozenset(hidden), frozenset(small), total < smallest)
