"""Starters to the DfE definition, and absence over the last 8 quarters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from candour.api.tests.support import caller_for
from candour.workforce.indicators import organisation_indicators, quarter_ends
from candour.workforce.models import Vacancy
from candour.workforce.tests.builders import TODAY, batch, post, spell, third_team
from conftest import signed_in_client

ABSENCE = reverse("workforce:health-absence")
WORKFORCE = reverse("workforce:health-workforce")


def _data_to_june(team) -> None:
    """A vacancy count on 30 June 2025, so the latest month is June whatever else is there."""
    Vacancy.objects.create(
        organisation=team.organisation,
        team=team,
        team_name=team.name,
        batch=batch(team.organisation, "vacancies"),
        role="Social worker",
        fte=Decimal("1"),
        on_date=date(2025, 6, 30),
    )


def test_starters_follow_the_dfe_definition_worked_by_hand(world):
    """June 2025, the 12 months from 1 July 2024.

    In post on 30 June: N1..N4 (1 FTE each), S1 (1.0, started March 2025), S2 (0.5, started
    October 2024), M1 (1.0, moved in from Child in Need in April 2025), R1 (1.0, rejoined
    in May 2025 after resigning in 2022), OLD (1.0, started 1 June 2024, before the year):
    8.5 FTE. Starters: S1 + S2 + R1 + Q1 (0.5, started in January, left in May) = 3.0 FTE.
    Not starters: M1 (a move), AG1 (agency), F1 (not a social worker), OLD.
    Starter rate 3.0 / 8.5 = 35.3%.
    """
    for person in ("N1", "N2", "N3", "N4"):
        post(world.assessment, person)
    post(world.assessment, "S1", started_on=date(2025, 3, 3))
    post(world.assessment, "S2", "0.5", started_on=date(2024, 10, 1))
    post(world.child_in_need, "M1", started_on=date(2023, 1, 1), ended_on=date(2025, 4, 4))
    post(world.assessment, "M1", started_on=date(2025, 4, 7))
    post(world.assessment, "R1", started_on=date(2019, 1, 1), ended_on=date(2022, 3, 31))
    post(world.assessment, "R1", started_on=date(2025, 5, 1))
    post(world.assessment, "Q1", "0.5", started_on=date(2025, 1, 6), ended_on=date(2025, 5, 9))
    post(world.assessment, "OLD", started_on=date(2024, 6, 1))
    post(world.assessment, "AG1", agency=True, started_on=date(2025, 2, 1))
    post(world.assessment, "F1", role="Family support worker", started_on=date(2025, 2, 1))
    _data_to_june(world.assessment)

    june = organisation_indicators(world.riverside, today=TODAY).whole.latest

    assert june is not None
    assert june.period == date(2025, 6, 30)
    assert june.in_post_fte == 8.5
    assert june.starters_fte == 3.0
    assert june.starter_rate == pytest.approx(100 * 3.0 / 8.5)
    # The move is neither a leaver nor a starter; Q1 is both.
    assert june.leavers_fte == 0.5


def test_a_post_after_an_internal_move_is_not_a_starter_even_after_a_gap(world):
    for person in ("N1", "N2", "N3", "N4"):
        post(world.assessment, person)
    post(
        world.child_in_need,
        "M2",
        started_on=date(2020, 1, 1),
        ended_on=date(2025, 1, 31),
        leaving_reason="moved_within_council",
    )
    post(world.assessment, "M2", started_on=date(2025, 3, 3))

    june = organisation_indicators(world.riverside, today=TODAY).whole.latest

    assert june is not None
    assert (june.starters_fte, june.leavers_fte) == (0.0, 0.0)


def test_starters_are_on_the_workforce_page_and_in_the_api(world):
    for person in ("N1", "N2", "N3"):
        post(world.assessment, person)
    post(world.assessment, "S1", started_on=date(2025, 3, 3))

    page = signed_in_client(world.admin).get(WORKFORCE).content.decode()
    body = caller_for(world.manager).get("/api/v1/health/indicators").json()

    assert "Starter rate" in page
    assert "25.0%" in page
    assert body["whole"]["starters_fte"] == 1.0
    assert body["whole"]["starter_rate"] == pytest.approx(25.0)


def test_quarters_are_counted_back_from_the_latest_month():
    assert quarter_ends(date(2025, 6, 10), 3) == [
        date(2024, 12, 31),
        date(2025, 3, 31),
        date(2025, 6, 30),
    ]


def _five(team, prefix: str, started: date = date(2022, 1, 1)) -> None:
    for number in range(1, 6):
        post(team, f"{prefix}{number}", started_on=started)


def test_absence_over_time_rolls_twelve_months_to_each_quarter(world):
    _five(world.assessment, "A")
    # Two short spells in July 2023 (long gone by 2025), one long spell in January 2025.
    spell(world.assessment, "A1", date(2023, 7, 3), date(2023, 7, 4))
    spell(world.assessment, "A2", date(2023, 7, 10), date(2023, 7, 10), reason="Migraine")
    spell(world.assessment, "A3", date(2025, 1, 6), date(2025, 2, 14), reason="Musculoskeletal")
    _data_to_june(world.assessment)

    found = organisation_indicators(world.riverside, today=TODAY, absence_quarters=8)
    quarters = found.whole.absence_quarters

    assert [q.window_end for q in quarters] == [
        date(2023, 9, 30),
        date(2023, 12, 31),
        date(2024, 3, 31),
        date(2024, 6, 30),
        date(2024, 9, 30),
        date(2024, 12, 31),
        date(2025, 3, 31),
        date(2025, 6, 30),
    ]
    summaries = [q.summary for q in quarters]
    assert all(s is not None for s in summaries)
    spells = [s.spells for s in summaries if s is not None]
    # July 2023's spells count until the 12 months to June 2024; January 2025's from March.
    assert spells == [2, 2, 2, 2, 0, 0, 1, 1]
    first, last = summaries[0], summaries[-1]
    assert first is not None
    assert last is not None
    assert first.days_lost == 3.0
    assert first.days_by_reason == {"Cold or flu": 2.0, "Migraine": 1.0}
    assert last.days_by_reason == {"Musculoskeletal": 30.0}
    # One person of five lost every day: the top fifth's share is all of it.
    assert last.top_fifth_share == 1.0
    # The latest quarter is the same 12 months as the figures beside it.
    assert last == found.whole.absence.summary
    # Not asked for: not computed.
    assert organisation_indicators(world.riverside, today=TODAY).whole.absence_quarters == []


def test_a_team_under_five_in_a_quarter_shows_nothing_for_it(world):
    # Three people until 2025, five from January: only the last quarters are shown.
    for number in range(1, 4):
        post(world.child_in_need, f"C{number}", started_on=date(2022, 1, 1))
    for number in range(4, 7):
        post(world.child_in_need, f"C{number}", started_on=date(2025, 1, 6))
    spell(world.child_in_need, "C1", date(2025, 2, 3), date(2025, 2, 7), reason="Migraine")
    post(world.assessment, "T1")
    post(world.assessment, "T2")
    fostering = third_team(world.riverside)
    _data_to_june(world.assessment)

    found = organisation_indicators(world.riverside, today=TODAY, absence_quarters=8)
    by_team = {scope.team: scope for scope in found.teams}
    cin = by_team[world.child_in_need].absence_quarters
    tiny = by_team[world.assessment].absence_quarters
    # Fostering (5) is withheld whenever exactly one team with people is under 5: before
    # Assessment's people started (2024) only Child in Need was, and from 2025 only
    # Assessment is. While both are under 5, each hides the other.
    withheld = [q.withheld for q in by_team[fostering].absence_quarters]
    assert withheld == [True, True, False, False, False, False, True, True]

    # Everyone in post at some time in the 12 months counts, so the team reaches five in
    # the 12 months to March 2025.
    assert [q.summary is None for q in cin] == [True] * 6 + [False] * 2
    assert all(q.summary is None for q in tiny)

    client = signed_in_client(world.admin)
    page = client.get(ABSENCE, {"team": world.child_in_need.pk}).content.decode()
    table = page[page.index('id="absence-quarters"') :]
    assert table.count("fewer than 5") >= 6 * 8
    reasons = page[page.index('id="absence-quarter-reasons"') :]
    assert "Migraine" in reasons
    assert "5.0" in reasons
    small = client.get(ABSENCE, {"team": world.assessment.pk}).content.decode()
    assert 'id="absence-quarter-reasons"' not in small
    whole = client.get(ABSENCE).content.decode()
    assert "Working days lost per person, 12 months to each quarter" in whole
    assert "<svg" in whole
