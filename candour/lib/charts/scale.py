"""Round ticks for a chart's value axis: steps of 1, 2 or 5 times a power of ten."""

from __future__ import annotations

import math
from collections.abc import Callable

STEPS = (1, 2, 5)


def nice_step(raw: float, *, whole: bool = False) -> float:
    """The smallest 1, 2 or 5 times a power of ten that is at least `raw`; at least 1
    for counts (`whole`), which have no tick between whole numbers."""
    if raw <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (*STEPS, 10):
        step = multiple * magnitude
        if step >= raw * (1 - 1e-9):
            return max(float(step), 1.0) if whole else float(step)
    raise AssertionError("unreachable: 10 times the magnitude is always large enough")


def nice_ticks(low: float, high: float, count: int = 5, *, whole: bool = False) -> list[float]:
    """Round ticks from at or below `low` to at or above `high`, about `count` of them."""
    if high < low:
        low, high = high, low
    if high == low:
        high = low + 1
    step = nice_step((high - low) / max(count - 1, 1), whole=whole)
    first = math.floor(low / step + 1e-9) * step
    ticks = [round(first, 10)]
    while ticks[-1] < high - 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def ticks_that_fit(
    low: float,
    high: float,
    length: float,
    room_for: Callable[[float], float],
    *,
    whole: bool = False,
    most: int = 6,
) -> list[float]:
    """The most round ticks, up to `most`, whose labels each get `room_for(tick)` along
    an axis `length` long without touching."""
    best = nice_ticks(low, high, 2, whole=whole)
    for count in range(2, most + 1):
        ticks = nice_ticks(low, high, count, whole=whole)
        if len(ticks) > most:
            break
        spacing = length / max(len(ticks) - 1, 1)
        if all(room_for(tick) <= spacing for tick in ticks):
            best = ticks
    return best


def tick_text(value: float, unit: str = "") -> str:
    """A tick or value as people write it: 1,200, 0.5, 40%."""
    whole = value == int(value)
    text = f"{value:,.0f}" if whole else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text}{unit}"
