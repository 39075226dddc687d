"""The feedback results page: Friends and Family Test percentages, the monthly trend, and
no figure about fewer than 10 children, even by subtraction."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from candour.voice.models import FeedbackTheme, FeedbackThemeTag
from candour.voice.results.figures import SECONDARY, SMALL, protect, results_for
from candour.voice.tests.factories import TODAY, received
from candour.voice.tests.pages import results_page
from candour.voice.vocabulary import FeedbackStatus
from conftest import World, signed_in_client
from tests.clock import A_THURSDAY

# The pages read the held clock; the service calls are given the same day.
pytestmark = pytest.mark.time_machine(A_THURSDAY, tick=False)


def test_percentages_are_of_all_responses_as_the_nhs_publishes_them(world: World) -> None:
    received(world, 15, rating="very_good", team=world.assessment)
    received(world, 15, rating="good", team=world.assessment)
    received(world, 10, rating="neither", team=world.assessment)
    received(world, 10, rating="poor", team=world.assessment)
    received(world, 20, rating="good", team=world.child_in_need)
    received(world, 10, rating="very_poor", team=world.child_in_need)

    results = results_for(world.riverside, today=TODAY)

    assert results.whole.responses.shown == "80"
    # 50 of 80 = 62.5%, rounded half up as the NHS rounds; 20 of 80 = 25%.
    assert results.whole.positive.shown == "63%"
    assert results.whole.negative.shown == "25%"
    groups = {row.key: (row.count.shown, row.share.shown) for row in results.groups}
    assert groups == {
        "positive": ("50", "63%"),
        "neither": ("10", "13%"),
        "negative": ("20", "25%"),
        "dont_know": ("0", "0%"),
    }
    teams = {
        row.label: (row.responses.shown, row.positive.shown, row.negative.shown)
        for row in results.teams
    }
    assert teams == {"Assessment": ("50", "60%", "20%"), "Child in Need": ("30", "67%", "33%")}
    assert [row.count.shown for row in results.bands] == ["0", "80", "0", "0"]
    assert not results.anything_hidden


def test_a_small_cell_and_the_next_smallest_are_hidden() -> None:
    values = {"total": 55, "a": 40, "b": 12, "c": 3, "d": 0}
    hidden = protect(values, [("total", ["a", "b", "c", "d"])], {})
    # c alone would be 55 - 40 - 12 - 0: b goes too, and the zero stays (it is nobody).
    assert hidden == {"c": SMALL, "b": SECONDARY}


def test_hidden_cells_are_added_to_until_their_sum_is_not_small() -> None:
    values = {"total": 37, "a": 30, "b": 4, "c": 3}
    hidden = protect(values, [("total", ["a", "b", "c"])], {})
    # b + c = 7 could be worked out from the total: a goes too.
    assert hidden == {"b": SMALL, "c": SMALL, "a": SECONDARY}


def test_a_hidden_total_is_not_given_away_by_its_parts() -> None:
    values = {"total": 60, "team": 25, "other": 35, "pos": 12, "rest": 13}
    sums = [("total", ["team", "other"]), ("team", ["pos", "rest"])]
    hidden = protect(values, sums, {})
    assert hidden == {}
    hidden = protect({**values, "other": 4, "total": 29}, sums, {"team": ["pos", "rest"]})
    assert hidden == {"other": SMALL, "team": SECONDARY, "pos": SECONDARY, "rest": SECONDARY}


def test_small_age_bands_show_fewer_than_10_and_the_next_smallest_is_hidden(
    world: World,
) -> None:
    received(world, 40, rating="good", band="8_12", team=world.assessment)
    received(world, 12, rating="good", band="13_plus", team=world.assessment)
    received(world, 3, rating="good", band="parent", team=world.assessment)

    text = results_page(world.manager)
    results = results_for(world.riverside, today=TODAY)
    bands = {row.key: row.count.shown for row in results.bands}

    assert bands == {"4_7": "0", "8_12": "40", "13_plus": "hidden", "parent": "fewer than 10"}
    assert results.whole.responses.shown == "55"
    row = text[text.index('id="band-parent"') :].split("</tr>")[0]
    assert "fewer than 10" in row
    row = text[text.index('id="band-13_plus"') :].split("</tr>")[0]
    assert "hidden" in row


def test_a_team_under_10_is_hidden_with_the_next_smallest_team(world: World) -> None:
    received(world, 50, rating="good", team=world.assessment)
    received(world, 5, rating="good", team=world.child_in_need)

    teams = {row.label: row for row in results_for(world.riverside, today=TODAY).teams}

    assert teams["Child in Need"].responses.shown == "fewer than 10"
    assert teams["Assessment"].responses.shown == "hidden"
    assert teams["Assessment"].positive.percent is None
    assert teams["Child in Need"].positive.percent is None


def test_a_percentage_that_would_reveal_fewer_than_10_children_is_hidden(world: World) -> None:
    received(world, 40, rating="good", team=world.assessment)
    received(world, 3, rating="poor", team=world.assessment)

    results = results_for(world.riverside, today=TODAY)

    assert results.whole.responses.shown == "43"
    # 93% positive of 43 would say that 3 children were not positive.
    assert results.whole.positive.percent is None
    assert results.whole.negative.shown == "fewer than 10"


def test_fewer_than_10_responses_in_all_shows_nothing(world: World) -> None:
    received(world, 9, rating="good", team=world.assessment)

    results = results_for(world.riverside, today=TODAY)

    assert results.whole.responses.shown == "fewer than 10"
    assert all(row.count.hidden for row in results.bands if row.count.count)
    assert results.whole.positive.percent is None


def test_the_trend_counts_each_month_over_12_months(world: World) -> None:
    received(world, 12, rating="good", week=date(2025, 1, 6))
    received(world, 10, rating="very_good", week=date(2025, 3, 3))
    received(world, 10, rating="poor", week=date(2025, 3, 10))
    received(world, 30, rating="good", week=date(2024, 5, 6))  # before the 12 months

    results = results_for(world.riverside, today=date(2025, 6, 18))
    months = {row.month: (row.responses.shown, row.positive.shown) for row in results.months}

    assert len(results.months) == 12
    assert results.first_month == date(2024, 7, 1)
    assert results.last_month == date(2025, 6, 1)
    assert months[date(2025, 1, 1)] == ("12", "100%")
    assert months[date(2025, 2, 1)] == ("0", "none")
    assert months[date(2025, 3, 1)] == ("20", "50%")
    assert results.whole.responses.shown == "32"
    assert results.whole.positive.shown == "69%"  # 22 of 32 = 68.75%


def test_themes_come_from_published_feedback_and_say_confirmed_or_suggested(
    world: World,
) -> None:
    theme = FeedbackTheme.objects.create(
        organisation=world.riverside, key="listened", label="Being listened to"
    )
    published = received(world, 12, rating="good", status=FeedbackStatus.PUBLISHED)
    waiting = received(world, 20, rating="good")
    for feedback in published[:11]:
        FeedbackThemeTag.objects.create(feedback=feedback, theme=theme, confirmed_by=world.analyst)
    FeedbackThemeTag.objects.create(feedback=published[11], theme=theme)
    for feedback in waiting:
        FeedbackThemeTag.objects.create(feedback=feedback, theme=theme, confirmed_by=world.analyst)

    results = results_for(world.riverside, today=TODAY)

    assert results.published.shown == "12"
    [row] = results.themes
    assert (row.label, row.confirmed.shown, row.suggested.shown) == (
        "Being listened to",
        "11",
        "fewer than 10",
    )
    text = results_page(world.admin)
    assert "Being listened to" in text
    assert "Suggested, not yet checked" in text
    # Ratings still count every piece received.
    assert results.whole.responses.shown == "32"


@pytest.mark.parametrize("persona", ["manager", "other_manager", "analyst", "admin"])
def test_managers_analysts_and_administrators_read_the_results(world: World, persona: str) -> None:
    text = results_page(getattr(world, persona))
    assert "What children and families told us" in text
    assert "Riverside" in text
    assert "Friends and Family Test" in text


@pytest.mark.parametrize("persona", ["staff", "national_analyst"])
def test_staff_and_people_outside_the_organisation_are_not_found(
    world: World, persona: str
) -> None:
    response = signed_in_client(getattr(world, persona)).get(reverse("voice:results"))
    assert response.status_code == 404


def test_another_organisations_results_are_not_found(world: World) -> None:
    client = signed_in_client(world.other_admin)
    assert client.get(reverse("voice:results")).status_code == 200
    query = f"?organisation={world.riverside.pk}"
    assert client.get(reverse("voice:results") + query).status_code == 404


def test_the_navigation_offers_feedback_to_managers_but_not_staff(world: World) -> None:
    assert 'href="/feedback/results/"' in results_page(world.manager)
    home = signed_in_client(world.staff).get(reverse("core:home")).content.decode()
    assert 'href="/feedback/results/"' not in home


def test_the_results_page_reads_in_few_queries(
    world: World, django_assert_max_num_queries: object
) -> None:
    received(world, 30, rating="good", team=world.assessment)
    client = signed_in_client(world.manager)
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        assert client.get(reverse("voice:results")).status_code == 200
