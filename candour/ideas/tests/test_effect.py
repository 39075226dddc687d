"""Did the adopted idea work? Its theme's reports before and after (issue 23)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.urls import reverse

from candour.ideas import services
from candour.ideas.effect import idea_effects
from candour.ideas.tests.factories import submit
from candour.learning.tests.factories import did_it_work
from candour.learning.themes.services import create_theme
from candour.lib.statistics.change_effect import Method, Outcome, Why
from candour.reporting.tests.factories import reviewed_report
from conftest import World, signed_in_client

LONDON = ZoneInfo("Europe/London")
ADOPTED = datetime(2026, 6, 15, 11, 0, tzinfo=LONDON)
TODAY = date(2026, 10, 5)  # three full months after June: July, August, September


def _adopted_idea(world: World, months_with_reports: dict[date, int]):
    reports = [
        reviewed_report(world, occurred_month=month)
        for month, count in months_with_reports.items()
        for _ in range(count)
    ]
    theme = create_theme(
        actor=world.analyst, organisation=world.riverside, name="Late visits", reports=reports
    )
    idea = submit(world, source_theme=theme)
    with time_machine.travel(ADOPTED, tick=False):
        services.move_idea(
            actor=world.manager, idea=idea, to_status="adopted", what_changed="A rota"
        )
    idea.refresh_from_db()
    return idea


def test_a_theme_that_stopped_after_the_idea_was_adopted_improved(world: World) -> None:
    # Two reports a month for the ten months before June, none since.
    before = {date(2025, 8 + i, 1) if i < 5 else date(2026, i - 4, 1): 2 for i in range(10)}
    idea = _adopted_idea(world, before)

    [found] = idea_effects(idea, today=TODAY)

    assert found.effect.method is Method.RATE_RATIO  # 3 months after: too few for a series
    assert (found.effect.periods_before, found.effect.periods_after) == (10, 3)
    assert found.effect.events == 20
    assert found.effect.outcome is Outcome.IMPROVED
    assert found.verdict == "Improved"
    assert "went from 2.0 to 0.0 a month" in found.words
    assert "exact rate ratio over 10 months before and 3 after" in found.method


def test_too_few_reports_cannot_tell_and_the_page_says_so(world: World) -> None:
    idea = _adopted_idea(world, {date(2026, 3, 1): 2, date(2026, 5, 1): 1})

    [found] = idea_effects(idea, today=TODAY)
    assert found.effect.why is Why.TOO_FEW

    with time_machine.travel(datetime(2026, 10, 5, 9, 0, tzinfo=LONDON), tick=False):
        page = (
            signed_in_client(world.manager)
            .get(reverse("ideas:idea", args=[idea.pk]))
            .content.decode()
        )
    assert "Did it work?" in page
    assert "Cannot tell yet" in page
    assert "Only 3 reports before and after together" in page


def test_an_idea_with_nothing_linked_says_what_would_be_judged(world: World) -> None:
    idea = submit(world)
    with time_machine.travel(ADOPTED, tick=False):
        services.move_idea(actor=world.manager, idea=idea, to_status="adopted", what_changed="x")
    idea.refresh_from_db()

    assert idea_effects(idea, today=TODAY) == []
    page = (
        signed_in_client(world.manager).get(reverse("ideas:idea", args=[idea.pk])).content.decode()
    )
    assert 'id="effect-none"' in page
    # Not adopted yet: no section at all.
    other = submit(world)
    page = (
        signed_in_client(world.manager).get(reverse("ideas:idea", args=[other.pk])).content.decode()
    )
    assert "Did it work?" not in page


def test_the_theme_page_judges_each_change_made_about_it(world: World) -> None:
    before = {date(2025, 8 + i, 1) if i < 5 else date(2026, i - 4, 1): 2 for i in range(10)}
    idea = _adopted_idea(world, before)
    assert idea.source_theme_id is not None

    section = did_it_work(world.analyst, "learning:theme", idea.source_theme_id)
    assert f"After idea {idea.pk} was adopted" in section
    assert "Improved" in section
    assert "went from 2.0 to 0.0 a month" in section


def test_a_theme_with_no_change_says_what_would_be_judged(world: World) -> None:
    theme = create_theme(
        actor=world.analyst,
        organisation=world.riverside,
        name="Quiet trap",
        reports=[reviewed_report(world)],
    )

    page = signed_in_client(world.analyst).get(reverse("learning:theme", args=[theme.pk]))

    assert 'id="effect-none"' in page.content.decode()
    assert "Nothing has been changed about this theme yet" in page.content.decode()


def test_an_idea_from_feedback_is_judged_by_childrens_ratings(world: World) -> None:
    from candour.voice.tests.factories import received
    from candour.voice.vocabulary import FeedbackStatus

    published = FeedbackStatus.PUBLISHED
    earlier = received(world, 12, rating="poor", team=world.assessment,
                       week=date(2026, 3, 2), status=published)  # fmt: skip
    received(world, 12, rating="very_good", team=world.assessment,
             week=date(2026, 8, 3), status=published)  # fmt: skip
    received(world, 30, rating="very_poor", team=world.child_in_need,
             week=date(2026, 8, 3), status=published)  # another team: not counted  # fmt: skip
    idea = submit(world, source_feedback=earlier[0])
    with time_machine.travel(ADOPTED, tick=False):
        services.move_idea(actor=world.manager, idea=idea, to_status="adopted", what_changed="x")
    idea.refresh_from_db()

    [found] = idea_effects(idea, today=TODAY)

    assert found.stream == "Children's and families' ratings of what the feedback was about"
    assert found.effect.method is Method.MEAN_DIFFERENCE
    assert (found.effect.periods_before, found.effect.periods_after) == (12, 12)
    assert found.effect.outcome is Outcome.IMPROVED
    assert "went from 2.0 to 5.0 out of 5" in found.words


def test_ratings_from_fewer_than_ten_children_say_nothing(world: World) -> None:
    from candour.voice.tests.factories import received
    from candour.voice.vocabulary import FeedbackStatus

    published = FeedbackStatus.PUBLISHED
    earlier = received(world, 12, rating="poor", team=world.assessment,
                       week=date(2026, 3, 2), status=published)  # fmt: skip
    received(world, 9, rating="very_good", team=world.assessment,
             week=date(2026, 8, 3), status=published)  # fmt: skip
    idea = submit(world, source_feedback=earlier[0])
    with time_machine.travel(ADOPTED, tick=False):
        services.move_idea(actor=world.manager, idea=idea, to_status="adopted", what_changed="x")
    idea.refresh_from_db()

    [found] = idea_effects(idea, today=TODAY)

    assert found.effect.outcome is Outcome.CANNOT_TELL_YET
    assert found.effect.why is Why.TOO_FEW
    assert "12 answers before and 9 since" in found.words
    assert found.effect.before is not None  # kept for the method, never shown as a figure
    assert "2.0" not in found.words


def test_the_measures_page_judges_recently_adopted_ideas(world: World) -> None:
    before = {date(2025, 8 + i, 1) if i < 5 else date(2026, i - 4, 1): 2 for i in range(10)}
    judged = _adopted_idea(world, before)
    unlinked = submit(world)
    with time_machine.travel(ADOPTED, tick=False):
        services.move_idea(actor=world.manager, idea=unlinked, to_status="adopted",
                           what_changed="x")  # fmt: skip

    with time_machine.travel(datetime(2026, 10, 5, 9, 0, tzinfo=LONDON), tick=False):
        page = signed_in_client(world.manager).get(reverse("ideas:measures")).content.decode()

    table = page[page.index('id="judged-ideas"') :]
    table = table[: table.index("</table>")]
    assert f"Idea {judged.pk} (Assessment)" in table
    assert f"Idea {unlinked.pk} " not in table
    assert "Reports of the theme “Late visits”" in table
    assert "Improved" in table
