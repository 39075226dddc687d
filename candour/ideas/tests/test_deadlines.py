from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from candour.ideas import services
from candour.ideas.tests.factories import draft
from candour.lib.working_days import add_working_days, england_bank_holidays
from conftest import World

LONDON = ZoneInfo("Europe/London")


def test_bank_holidays_match_those_published_for_england() -> None:
    # GOV.UK's lists, with the weekend substitutes and 2022's moved and added days.
    assert sorted(england_bank_holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 4, 3),
        date(2026, 4, 6),
        date(2026, 5, 4),
        date(2026, 5, 25),
        date(2026, 8, 31),
        date(2026, 12, 25),
        date(2026, 12, 28),
    ]
    assert sorted(england_bank_holidays(2022)) == [
        date(2022, 1, 3),
        date(2022, 4, 15),
        date(2022, 4, 18),
        date(2022, 5, 2),
        date(2022, 6, 2),
        date(2022, 6, 3),
        date(2022, 8, 29),
        date(2022, 9, 19),
        date(2022, 12, 26),
        date(2022, 12, 27),
    ]
    assert {date(2021, 12, 27), date(2021, 12, 28)} <= england_bank_holidays(2021)


def test_working_days_skip_weekends_and_bank_holidays() -> None:
    # Thursday before Easter 2026: Good Friday and Easter Monday do not count.
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    assert add_working_days(date(2026, 4, 2), 5) == date(2026, 4, 13)


@pytest.mark.django_db
def test_an_idea_sent_before_christmas_is_due_after_the_bank_holidays(world: World) -> None:
    # Wednesday 23 December 2026: 25 and 28 December and 1 January are bank holidays,
    # so five working days run to Monday 4 January, not Wednesday 30 December.
    idea = services.submit_idea(
        author=world.staff, draft=draft(world), now=datetime(2026, 12, 23, 10, 0, tzinfo=LONDON)
    )
    assert idea.respond_by == date(2027, 1, 4)
