"""Results for one team: the same figures, protected together with the organisation's so
that no page, nor one page less another, says anything about fewer than 10 children."""

from __future__ import annotations

import pytest
from django.urls import reverse

from candour.voice.models import FeedbackTheme, FeedbackThemeTag
from candour.voice.results.figures import results_for
from candour.voice.tests.factories import A_WEEK, TODAY, received
from candour.voice.tests.pages import results_page
from candour.voice.vocabulary import FeedbackStatus
from conftest import World, signed_in_client
from tests.clock import A_THURSDAY

# The pages read the held clock; the service calls are given the same day.
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(A_THURSDAY, tick=False)]


def test_a_team_under_10_shows_no_figure_and_nor_does_its_only_neighbour(world: World) -> None:
    received(world, 50, rating="good", team=world.assessment)
    received(world, 5, rating="poor", team=world.child_in_need)

    small = results_for(world.riverside, today=TODAY, team=world.child_in_need)
    assert small.whole.responses.shown == "fewer than 10"
    assert small.whole.positive.percent is None
    assert all(row.responses.hidden for row in small.months if row.responses.count)
    assert all(row.count.hidden for row in small.bands if row.count.count)
    assert [row.label for row in small.teams] == ["Child in Need"]
    # The organisation's 55 less Assessment's 50 would say 5 were in Child in Need.
    big = results_for(world.riverside, today=TODAY, team=world.assessment)
    assert big.whole.responses.shown == "hidden"
    assert all(row.responses.hidden for row in big.months if row.responses.count)
    assert results_for(world.riverside, today=TODAY).whole.responses.shown == "55"

    text = results_page(world.manager, f"?team={world.child_in_need.pk}")
    assert "Child in Need, Riverside" in text
    assert 'id="positive-trend"' in text
    assert ">5<" not in text


def test_two_team_pages_cannot_be_subtracted_from_the_organisations(world: World) -> None:
    received(world, 30, rating="good", team=world.assessment)
    received(world, 30, rating="good", team=world.child_in_need)
    received(world, 5, rating="good")  # the whole service's link

    whole = results_for(world.riverside, today=TODAY)
    shown = [
        results_for(world.riverside, today=TODAY, team=team).whole.responses.shown
        for team in (world.assessment, world.child_in_need)
    ]
    assert whole.whole.responses.shown == "65"
    # 65 - 30 - 30 would give the whole service's 5 away.
    assert "hidden" in shown
    assert {row.label: row.responses.shown for row in whole.teams}["Assessment"] == shown[0]


def test_a_teams_themes_are_protected_against_the_organisations(world: World) -> None:
    theme = FeedbackTheme.objects.create(organisation=world.riverside, key="told", label="Told")
    ours = received(
        world, 12, rating="good", team=world.assessment, status=FeedbackStatus.PUBLISHED
    )
    theirs = received(
        world, 3, rating="good", team=world.child_in_need, status=FeedbackStatus.PUBLISHED
    )
    for feedback in ours + theirs:
        FeedbackThemeTag.objects.create(feedback=feedback, theme=theme, confirmed_by=world.analyst)

    [org] = results_for(world.riverside, today=TODAY).themes
    [team] = results_for(world.riverside, today=TODAY, team=world.assessment).themes
    [small] = results_for(world.riverside, today=TODAY, team=world.child_in_need).themes
    assert org.confirmed.shown == "15"
    assert team.confirmed.shown == "hidden"  # 15 - 12 would be Child in Need's 3
    assert small.confirmed.shown == "fewer than 10"


def test_a_positive_trend_by_month_is_drawn_with_its_table(world: World) -> None:
    received(world, 20, rating="good", team=world.assessment)
    received(world, 20, rating="poor", team=world.assessment)
    results = results_for(world.riverside, today=TODAY, team=world.assessment)
    [month] = [row for row in results.months if row.month == A_WEEK.replace(day=1)]
    assert month.positive.shown == "50%"
    assert 50 in results.positive_chart.series[0].values


def test_another_organisations_team_is_not_found(world: World) -> None:
    client = signed_in_client(world.manager)
    url = reverse("voice:results")
    assert client.get(url + f"?team={world.assessment.pk}").status_code == 200
    assert client.get(url + f"?team={world.moorland_team.pk}").status_code == 404
