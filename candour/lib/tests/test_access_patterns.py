from __future__ import annotations

import datetime as dt

from candour.lib.access_patterns import Access, Pattern, unusual

NINE = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def spread(
    who: str, count: int, *, child: str | None = None, refused: bool = False
) -> list[Access]:
    """``count`` lookups a day apart, so that none makes a burst."""
    return [Access(who, child, refused, NINE + dt.timedelta(days=i)) for i in range(count)]


def test_ordinary_months_have_nothing_unusual() -> None:
    accesses = spread("a", 4) + spread("b", 6) + spread("c", 5, child="CPIS-000001")[:2]

    assert unusual(accesses) == []


def test_one_person_looking_up_far_more_than_the_others_stands_out() -> None:
    accesses = spread("a", 3) + spread("b", 4) + spread("busy", 24)

    assert unusual(accesses) == [Pattern("busy", "many_lookups", 24)]


def test_many_children_the_same_child_refusals_and_bursts() -> None:
    children = [Access("x", f"CPIS-{i}", False, NINE + dt.timedelta(days=i)) for i in range(5)]
    again = spread("y", 3, child="CPIS-9")
    refused = spread("z", 3, refused=True)
    burst = [Access("w", None, False, NINE + dt.timedelta(minutes=5 * i)) for i in range(10)]

    found = unusual(children + again + refused + burst)

    assert found == [
        Pattern("w", "burst", 10),
        Pattern("x", "many_children", 5),
        Pattern("y", "same_child", 3),
        Pattern("z", "refusals", 3),
    ]


def test_no_accesses_no_patterns() -> None:
    assert unusual([]) == []
