"""A learning theme linked to the feedback themes about the same thing, and an action on it
judged on the ratings of that feedback rather than the whole organisation's (issue 23)."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.core.services import set_safety_lead
from candour.learning.alerts import services as alerts
from candour.learning.changes import Change, judge
from candour.learning.models import Theme
from candour.learning.tests.factories import did_it_work
from candour.learning.themes.services import create_theme, link_feedback_themes, update_theme
from candour.lib.statistics.change_effect import Outcome
from candour.reporting.tests.factories import reviewed_report
from candour.voice.models import Feedback, FeedbackTheme, FeedbackThemeTag
from candour.voice.tests.factories import received
from candour.voice.vocabulary import FeedbackStatus
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
CHANGED = datetime(2026, 6, 15, 11, 0, tzinfo=LONDON)
TODAY = date(2026, 10, 5)
PUBLISHED = FeedbackStatus.PUBLISHED
LINKED = "Children's and families' ratings of feedback on the linked themes"
EVERYONE = "Children's and families' ratings across the organisation"


def _theme(world: World) -> Theme:
    report = reviewed_report(world, occurred_month=date(2026, 3, 1))
    return create_theme(
        actor=world.analyst, organisation=world.riverside, name="Late visits", reports=[report]
    )


def _feedback_theme(organisation, key: str, *, retired: bool = False) -> FeedbackTheme:
    return FeedbackTheme.objects.create(
        organisation=organisation, key=key, label=key.replace("_", " ").capitalize(),
        retired=retired,
    )  # fmt: skip


def _tag(world: World, feedback: list[Feedback], theme: FeedbackTheme) -> None:
    FeedbackThemeTag.objects.bulk_create(
        FeedbackThemeTag(feedback=item, theme=theme, confirmed_by=world.analyst)
        for item in feedback
    )


def test_links_are_set_within_the_organisation_and_audited(world: World) -> None:
    theme = _theme(world)
    visits = _feedback_theme(world.riverside, "visits")
    _feedback_theme(world.riverside, "food")

    link_feedback_themes(actor=world.analyst, theme=theme, feedback_theme_ids=[visits.pk])

    assert list(theme.linked_feedback_themes.all()) == [visits]
    event = AuditEvent.objects.get(event_type=AuditEventType.THEME_FEEDBACK_LINKED)
    assert event.data == {"linked": [visits.pk], "unlinked": []}

    link_feedback_themes(actor=world.analyst, theme=theme, feedback_theme_ids=[])
    assert not theme.linked_feedback_themes.exists()
    assert AuditEvent.objects.filter(event_type=AuditEventType.THEME_FEEDBACK_LINKED).count() == 2


def test_another_organisations_or_a_retired_feedback_theme_is_refused(world: World) -> None:
    theme = _theme(world)
    theirs = _feedback_theme(world.moorland, "visits")
    retired = _feedback_theme(world.riverside, "old", retired=True)

    for refused in (theirs, retired):
        with pytest.raises(ValidationError):
            link_feedback_themes(actor=world.analyst, theme=theme, feedback_theme_ids=[refused.pk])

    assert not theme.linked_feedback_themes.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.THEME_FEEDBACK_LINKED).exists()


def test_analysts_link_feedback_themes_on_the_theme_page(world: World) -> None:
    theme = _theme(world)
    visits = _feedback_theme(world.riverside, "visits")
    _feedback_theme(world.riverside, "retired_one", retired=True)
    _feedback_theme(world.moorland, "moorland_only")
    client = signed_in_client(world.analyst)
    url = reverse("learning:theme", args=[theme.pk])

    page = client.get(url).content.decode()
    form = page[page.index('id="feedback-themes"') :]
    assert "Feedback themes about the same thing" in page
    assert f'value="{visits.pk}"' in form
    assert "Retired one" not in page
    assert "Moorland only" not in page

    response = client.post(
        reverse("learning:theme-feedback-themes", args=[theme.pk]),
        {"feedback_themes": [str(visits.pk)]},
    )
    assert response.status_code == 302
    assert list(theme.linked_feedback_themes.all()) == [visits]
    page = client.get(url).content.decode()
    start = page.index('id="feedback-themes"')
    assert re.search(
        rf'value="{visits.pk}"[^>]*checked', page[start : page.index("</form>", start)]
    )


def test_a_wrong_choice_shows_the_page_again_with_the_choices_kept(world: World) -> None:
    theme = _theme(world)
    visits = _feedback_theme(world.riverside, "visits")
    theirs = _feedback_theme(world.moorland, "theirs")

    response = signed_in_client(world.analyst).post(
        reverse("learning:theme-feedback-themes", args=[theme.pk]),
        {"feedback_themes": [str(visits.pk), str(theirs.pk)]},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    form = page[
        page.index('id="feedback-themes"') : page.index(
            "</form>", page.index('id="feedback-themes"')
        )
    ]
    assert re.search(rf'value="{visits.pk}"[^>]*checked', form)
    assert not theme.linked_feedback_themes.exists()


def test_only_analysts_may_link(world: World) -> None:
    theme = _theme(world)
    visits = _feedback_theme(world.riverside, "visits")

    for person in (world.manager, world.staff, world.other_admin):
        response = signed_in_client(person).post(
            reverse("learning:theme-feedback-themes", args=[theme.pk]),
            {"feedback_themes": [str(visits.pk)]},
        )
        assert response.status_code in (403, 404)
    assert not theme.linked_feedback_themes.exists()


def test_an_action_on_a_linked_theme_is_judged_on_that_feedbacks_ratings(world: World) -> None:
    theme = _theme(world)
    visits = _feedback_theme(world.riverside, "visits")
    # Feedback about visits got worse; everything else got much better, and there is more
    # of it, so across the organisation the ratings improved.
    _tag(
        world,
        received(world, 10, rating="very_good", week=date(2026, 3, 2), status=PUBLISHED),
        visits,
    )
    _tag(
        world,
        received(world, 10, rating="very_poor", week=date(2026, 8, 3), status=PUBLISHED),
        visits,
    )
    received(world, 30, rating="very_poor", week=date(2026, 3, 2), status=PUBLISHED)
    received(world, 30, rating="very_good", week=date(2026, 8, 3), status=PUBLISHED)
    change = Change(CHANGED, world.riverside.pk, theme_ids=(theme.pk,))

    before = {e.stream: e for e in judge(change, today=TODAY)}
    assert before[EVERYONE].effect.outcome is Outcome.IMPROVED
    assert LINKED not in before

    link_feedback_themes(actor=world.analyst, theme=theme, feedback_theme_ids=[visits.pk])
    after = {e.stream: e for e in judge(change, today=TODAY)}

    assert EVERYONE not in after
    assert after[LINKED].effect.outcome is Outcome.WORSENED
    assert "The average rating went from 5.0 to 1.0 out of 5" in after[LINKED].words


def test_unconfirmed_tags_do_not_count(world: World) -> None:
    theme = _theme(world)
    visits = _feedback_theme(world.riverside, "visits")
    suggested = received(world, 12, rating="poor", week=date(2026, 3, 2), status=PUBLISHED)
    FeedbackThemeTag.objects.bulk_create(
        FeedbackThemeTag(feedback=item, theme=visits) for item in suggested
    )
    link_feedback_themes(actor=world.analyst, theme=theme, feedback_theme_ids=[visits.pk])

    effects = judge(Change(CHANGED, world.riverside.pk, theme_ids=(theme.pk,)), today=TODAY)

    assert [e.stream for e in effects] == ["Reports of the theme “Late visits”"]


def test_the_alert_page_judges_an_action_on_a_linked_themes_feedback(world: World) -> None:
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.manager)
    report = reviewed_report(world, occurred_month=date(2026, 3, 1))
    theme = create_theme(
        actor=world.analyst, organisation=world.riverside, name="Late visits", reports=[report]
    )
    update_theme(actor=world.analyst, theme=theme, name="Late visits", description="")
    visits = _feedback_theme(world.riverside, "visits")
    link_feedback_themes(actor=world.analyst, theme=theme, feedback_theme_ids=[visits.pk])
    _tag(world, received(world, 10, rating="poor", week=date(2026, 3, 2), status=PUBLISHED), visits)
    _tag(world, received(world, 10, rating="good", week=date(2026, 8, 3), status=PUBLISHED), visits)
    received(world, 30, rating="good", week=date(2026, 3, 2), status=PUBLISHED)
    alert = alerts.raise_alert(
        actor=world.analyst, report=report, hazard="A hazard", could_identify_reporter=False
    )
    with time_machine.travel(CHANGED, tick=False):
        alerts.record_action(actor=world.manager, alert=alert, action_taken="Fixed it.")

    section = did_it_work(world.manager, "learning:alert", alert.pk)
    assert "ratings of feedback on the linked themes" in section
    assert "ratings across the organisation" not in section
    assert "The average rating went from 2.0 to 4.0 out of 5" in section
