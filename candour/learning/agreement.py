"""Inter-rater agreement between two analysts' independent coding (Cohen's kappa)."""

from __future__ import annotations

from collections.abc import Iterable


def cohens_kappa(pairs: Iterable[tuple[bool, bool]]) -> float | None:
    """Kappa for one binary code over reports that two analysts coded.

    None when undefined (no pairs, or both analysts always gave the same single answer,
    where chance agreement is already 1).
    """
    both = first_only = second_only = neither = 0
    for first, second in pairs:
        if first and second:
            both += 1
        elif first:
            first_only += 1
        elif second:
            second_only += 1
        else:
            neither += 1
    total = both + first_only + second_only + neither
    if total == 0:
        return None
    observed = (both + neither) / total
    first_yes = (both + first_only) / total
    second_yes = (both + second_only) / total
    expected = first_yes * second_yes + (1 - first_yes) * (1 - second_yes)
    if expected >= 1:
        return None
    return (observed - expected) / (1 - expected)
