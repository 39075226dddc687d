"""The learning team checks, themes and answers feedback; everyone reads "you said, we
did"; ideas can be raised from checked feedback (issue 6 items 3 and 4)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.ideas.models import Idea
from candour.ideas.vocabulary import IdeaSource
from candour.voice import services
from candour.voice.models import (
    FeedbackReply,
    FeedbackTheme,
    FeedbackThemeTag,
    SafeguardingAlert,
)
from candour.voice.moderation import services as moderation
from candour.voice.tests.factories import child_feedback
from candour.voice.tests.pages import open_page, publish_feedback
from candour.voice.vocabulary import FeedbackStatus
from conftest import World, make_person, signed_in_client

pytestmark = pytest.mark.django_db


def test_the_analyst_sees_the_childs_own_words_with_what_was_found_highlighted(
    world: World,
) -> None:
    feedback = child_feedback(world)
    assert feedback.what_was_good.startswith("My social worker [name] listened")

    page = open_page(world.analyst, "voice:moderate", feedback.pk)

    assert '<mark class="candour-redaction" title="person">Sarah Jones</mark>' in page
    assert "Also take out these words (one per line)" in page
    assert "never correct, reword or add" in page
    assert "My social worker [name] listened to me" in page


def test_publishing_takes_words_out_of_every_field_and_destroys_the_childs_words(
    world: World,
) -> None:
    feedback = child_feedback(
        world,
        good="The blue van took me to school",
        better="The blue van was late",
        idea="Paint the blue van",
    )
    assert services.raw_answers(feedback) is not None

    feedback = publish_feedback(world, feedback, "blue van\n\n")

    assert feedback.status == FeedbackStatus.PUBLISHED
    assert feedback.moderated_by == world.analyst
    assert (feedback.what_was_good, feedback.what_would_be_better, feedback.idea) == (
        "The [REMOVED] took me to school",
        "The [REMOVED] was late",
        "Paint the [REMOVED]",
    )
    assert services.raw_answers(feedback) is None
    page = open_page(world.analyst, "voice:moderate", feedback.pk)
    assert "blue van" not in page
    assert 'id="raw-words"' not in page


def test_the_childs_words_stay_while_a_safeguarding_alert_is_unacknowledged(
    world: World,
) -> None:
    feedback = child_feedback(world)
    # Made directly: the screening itself is tested with its phrasings elsewhere.
    alert = SafeguardingAlert.objects.create(
        feedback=feedback,
        organisation=world.riverside,
        sent_at=timezone.now(),
        ack_digest="0" * 64,
    )

    feedback = publish_feedback(world, feedback)

    assert services.raw_answers(feedback) is not None
    page = open_page(world.analyst, "voice:moderate", feedback.pk)
    assert 'id="safeguarding-banner"' in page
    assert reverse("voice:alert", args=[alert.pk]) in page
    assert "Nobody has said they have it yet" in page
    queue = open_page(world.analyst, "voice:moderation-queue", query="?status=published")
    assert "Safeguarding alert" in queue


def test_hiding_needs_a_reason(world: World) -> None:
    feedback = child_feedback(world)
    client = signed_in_client(world.analyst)
    url = reverse("voice:hide", args=[feedback.pk])

    refused = client.post(url, {"hide-reason": "  "})

    assert refused.status_code == 400
    assert "Say why it is hidden" in refused.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.NEW

    assert client.post(url, {"hide-reason": "Not about our service"}).status_code == 302
    feedback.refresh_from_db()
    assert (feedback.status, feedback.hidden_reason) == (
        FeedbackStatus.HIDDEN,
        "Not about our service",
    )
    assert services.raw_answers(feedback) is None
    with pytest.raises(ValidationError):
        services.hide_feedback(actor=world.analyst, feedback=feedback, reason="")


def test_themes_are_suggested_after_publishing_and_can_be_confirmed_or_removed(
    world: World,
) -> None:
    feedback = publish_feedback(world, child_feedback(world))
    keys = {tag.theme.key: tag for tag in feedback.tags.select_related("theme")}
    assert {"kept-informed", "meetings-and-plans"} <= set(keys)
    assert all(tag.confirmed_by is None and 0 < tag.score <= 1 for tag in keys.values())
    assert FeedbackTheme.objects.filter(organisation=world.riverside).count() >= 10

    page = open_page(world.analyst, "voice:moderate", feedback.pk)
    informed = keys["kept-informed"].theme
    assert (
        f'id="theme-{informed.pk}" name="themes" type="checkbox" value="{informed.pk}" checked'
        in (page)
    )
    assert "suggested</strong>" in page

    signed_in_client(world.analyst).post(
        reverse("voice:set-themes", args=[feedback.pk]), {"themes": [str(informed.pk)]}
    )

    tags = list(FeedbackThemeTag.objects.filter(feedback=feedback))
    assert [(tag.theme_id, tag.confirmed_by) for tag in tags] == [(informed.pk, world.analyst)]
    event = AuditEvent.objects.filter(event_type=AuditEventType.FEEDBACK_THEMED).last()
    assert event is not None
    assert event.data == {
        "action": "confirmed",
        "themes": [informed.pk],
        "removed": len(keys) - 1,
    }


def test_confirmed_themes_survive_new_suggestions_and_teach_the_model(world: World) -> None:
    food = moderation.add_theme(actor=world.analyst, organisation=world.riverside, label="Food")
    assert food.key == "own-food"
    with pytest.raises(ValidationError):
        moderation.add_theme(actor=world.analyst, organisation=world.riverside, label=" food ")
    with pytest.raises(ValidationError):
        moderation.add_theme(actor=world.manager, organisation=world.riverside, label="Other")
    for _ in range(6):
        feedback = publish_feedback(
            world, child_feedback(world, good="The pizza and dinner were nice")
        )
        moderation.set_themes(actor=world.analyst, feedback=feedback, theme_ids=[food.pk])

    latest = publish_feedback(
        world, child_feedback(world, good="We had pizza for dinner", better="")
    )

    suggested = FeedbackThemeTag.objects.get(feedback=latest, theme=food)
    assert suggested.confirmed_by is None
    moderation.suggest_themes(feedback)
    assert FeedbackThemeTag.objects.get(feedback=feedback, theme=food).confirmed_by is not None


def test_replies_show_on_you_said_we_did_for_the_team(world: World) -> None:
    feedback = publish_feedback(world, child_feedback(world))
    informed = FeedbackTheme.objects.get(organisation=world.riverside, key="kept-informed")
    response = signed_in_client(world.analyst).post(
        reverse("voice:answer", args=[feedback.pk]),
        {
            "reply-you_said": "Meetings were confusing.",
            "reply-we_did": "We now send a short letter before every meeting.",
            "reply-theme": str(informed.pk),
        },
    )
    assert response.status_code == 302
    reply = FeedbackReply.objects.get()
    assert (reply.team, reply.theme, reply.author) == (world.assessment, informed, world.analyst)

    for person in (world.staff, world.manager, world.analyst):
        page = open_page(person, "voice:you-said-we-did", query=f"?team={world.assessment.pk}")
        assert "Meetings were confusing." in page
        assert "We now send a short letter before every meeting." in page
        assert "Being kept informed" in page
        assert f"?source_feedback={feedback.pk}" in page
        # Only what staff wrote: never the child's words, raw or de-identified.
        assert "Sarah Jones" not in page
        assert "listened to me" not in page
    # Staff of the team see their own team's answers without choosing it.
    assert "Meetings were confusing." in open_page(world.staff, "voice:you-said-we-did")
    other_team = open_page(
        world.staff, "voice:you-said-we-did", query=f"?team={world.child_in_need.pk}"
    )
    assert "Meetings were confusing." not in other_team
    event = AuditEvent.objects.get(event_type=AuditEventType.FEEDBACK_REPLIED)
    assert "confusing" not in str(event.data)
    assert event.data["feedback"] == feedback.pk


def test_you_said_we_did_is_only_for_the_organisation(world: World) -> None:
    moderation.reply(
        actor=world.analyst, team=world.assessment, you_said="Too many forms.", we_did="Fewer."
    )
    nobody = make_person("left@riverside.example", world.riverside, Role.STAFF, world.assessment)
    nobody.memberships.update(revoked_at=timezone.now())
    for outsider in (world.national_analyst, nobody):
        response = signed_in_client(outsider).get(reverse("voice:you-said-we-did"))
        assert response.status_code == 404
    theirs = open_page(world.other_admin, "voice:you-said-we-did", query="?team=")
    assert "Moorland" in theirs
    assert "Too many forms." not in theirs
    for query in (
        {"organisation": world.riverside.pk},
        {"organisation": world.moorland.pk, "team": world.assessment.pk},
    ):
        response = signed_in_client(world.other_admin).get(reverse("voice:you-said-we-did"), query)
        assert response.status_code == 404
    response = signed_in_client(world.staff).get(
        reverse("voice:you-said-we-did"), {"team": world.moorland_team.pk}
    )
    assert response.status_code == 404


def test_only_the_organisations_learning_team_can_check_feedback(world: World) -> None:
    feedback = child_feedback(world)
    elsewhere = make_person("analyst@moorland.example", world.moorland, Role.ANALYST)
    for person in (world.staff, world.manager, world.admin, elsewhere):
        client = signed_in_client(person)
        assert client.get(reverse("voice:moderate", args=[feedback.pk])).status_code == 404
        publish = client.post(reverse("voice:publish", args=[feedback.pk]), {})
        assert publish.status_code == 404
        answer = client.post(
            reverse("voice:answer", args=[feedback.pk]),
            {"reply-you_said": "x", "reply-we_did": "y"},
        )
        assert answer.status_code == 404
    for person in (world.staff, world.manager, world.admin):
        queue = signed_in_client(person).get(reverse("voice:moderation-queue"))
        assert queue.status_code == 404
    assert "Sarah Jones" not in open_page(elsewhere, "voice:moderation-queue")
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.NEW
    with pytest.raises(ValidationError):
        moderation.reply(actor=world.manager, team=world.assessment, you_said="a", we_did="b")


def test_the_queue_is_oldest_first_with_counts_and_a_status_filter(world: World) -> None:
    newer = child_feedback(world, good="Second visit was fine", today=date(2025, 6, 18))
    older = child_feedback(world, good="First visit was fine", today=date(2025, 6, 2))
    hidden = child_feedback(world, good="Not about us", today=date(2025, 6, 2))
    services.hide_feedback(actor=world.analyst, feedback=hidden, reason="Not about us")

    page = open_page(world.analyst, "voice:moderation-queue")

    assert page.index("First visit was fine") < page.index("Second visit was fine")
    assert "Not about us" not in page
    assert "Waiting to be checked: 2" in page
    assert "Hidden: 1" in page
    hidden_page = open_page(world.analyst, "voice:moderation-queue", query="?status=hidden")
    assert "Not about us" in hidden_page
    assert "First visit was fine" not in hidden_page
    assert reverse("voice:moderate", args=[older.pk]) in page
    assert reverse("voice:moderate", args=[newer.pk]) in page


def test_the_queue_reads_in_the_same_number_of_queries_however_long(world: World) -> None:
    client = signed_in_client(world.analyst)
    child_feedback(world)
    client.get(reverse("voice:moderation-queue"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("voice:moderation-queue"))
    for _ in range(4):
        child_feedback(world)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("voice:moderation-queue"))
    assert len(many) == len(few)


def test_an_idea_raised_from_feedback_records_its_source(world: World) -> None:
    feedback = publish_feedback(world, child_feedback(world))
    moderation_page = open_page(world.analyst, "voice:moderate", feedback.pk)
    assert f"{reverse('ideas:new')}?source_feedback={feedback.pk}" in moderation_page
    client = signed_in_client(world.staff)
    form = client.get(reverse("ideas:new"), {"source_feedback": feedback.pk}).content.decode()
    assert f'name="source_feedback" value="{feedback.pk}"' in form
    fields = {
        "team": str(world.assessment.pk),
        "problem_kind": "experience",
        "problem": "Children do not know what a meeting is for.",
        "idea": "Send a picture letter before each meeting.",
        "expected_benefit": "Children know what will happen.",
        "source_feedback": str(feedback.pk),
    }
    check = client.post(reverse("ideas:new"), {**fields, "stage": "check"}).content.decode()
    assert "Raised from feedback from a child or family" in check

    client.post(reverse("ideas:new"), {**fields, "stage": "confirm"})

    idea = Idea.objects.get()
    assert (idea.source, idea.source_feedback) == (IdeaSource.FEEDBACK, feedback)
    page = open_page(world.staff, "ideas:idea", idea.pk)
    assert "Raised from feedback from a child or family" in page
    assert reverse("voice:moderate", args=[feedback.pk]) not in page
    assert "Sarah Jones" not in page


def test_an_idea_raised_from_feedback_starts_from_the_childs_own_suggestion(
    world: World,
) -> None:
    feedback = publish_feedback(world, child_feedback(world, idea="A games room at the office."))
    client = signed_in_client(world.staff)

    form = client.get(reverse("ideas:new"), {"source_feedback": feedback.pk}).content.decode()

    idea_box = form[form.index('name="idea"') :]
    assert idea_box[: idea_box.index("</textarea>")].endswith("A games room at the office.")
    assert re.search(r'<input type="radio"[^>]*value="experience"[^>]*checked', form)
    # Unchecked feedback fills nothing in.
    unchecked = child_feedback(world, idea="Something not yet read.")
    other = client.get(reverse("ideas:new"), {"source_feedback": unchecked.pk}).content.decode()
    assert "Something not yet read." not in other


def test_unchecked_or_other_organisations_feedback_is_not_an_ideas_source(
    world: World,
) -> None:
    unchecked = child_feedback(world)
    client = signed_in_client(world.staff)
    fields = {
        "team": str(world.assessment.pk),
        "problem_kind": "experience",
        "problem": "A problem.",
        "idea": "An idea.",
        "expected_benefit": "A benefit.",
        "stage": "confirm",
    }
    client.post(reverse("ideas:new"), {**fields, "source_feedback": str(unchecked.pk)})
    theirs = services.create_link(
        actor=world.other_admin, organisation=world.moorland, team=None, name="Theirs"
    )
    other, _secret = services.submit_feedback(
        link=theirs, answers=services.Answers(age_band="parent", rating="good")
    )
    services.publish_feedback(
        actor=make_person("analyst@moorland.example", world.moorland, Role.ANALYST),
        feedback=other.feedback,
    )
    client.post(reverse("ideas:new"), {**fields, "source_feedback": str(other.feedback.pk)})

    assert [(i.source, i.source_feedback_id) for i in Idea.objects.all()] == [
        (IdeaSource.STAFF, None),
        (IdeaSource.STAFF, None),
    ]


def test_another_teams_feedback_is_not_read_through_the_idea_form(world: World) -> None:
    link = services.create_link(
        actor=world.admin, organisation=world.riverside, team=world.child_in_need, name="CIN"
    )
    submitted, _secret = services.submit_feedback(
        link=link,
        answers=services.Answers(
            age_band="13_plus", rating="poor", what_would_be_better="Ring me back, Tuesday."
        ),
    )
    theirs = publish_feedback(world, submitted.feedback)
    client = signed_in_client(world.staff)  # Assessment Team 1 only

    form = client.get(reverse("ideas:new"), {"source_feedback": theirs.pk}).content.decode()

    assert "Ring me back" not in form
    assert f'name="source_feedback" value="{theirs.pk}"' in form  # kept, but ignored:
    assert "Raised from feedback" not in form


def test_the_childs_words_are_never_shown_to_anyone_but_the_learning_team(
    world: World,
) -> None:
    feedback = child_feedback(world)
    SafeguardingAlert.objects.create(
        feedback=feedback, organisation=world.riverside, sent_at=timezone.now(), ack_digest="1" * 64
    )
    feedback = publish_feedback(world, feedback)
    moderation.reply(
        actor=world.analyst, feedback=feedback, you_said="Visits were good.", we_did="Kept them."
    )
    assert services.raw_answers(feedback) is not None
    for person in (world.staff, world.manager):
        page = open_page(person, "voice:you-said-we-did", query=f"?team={world.assessment.pk}")
        assert "Visits were good." in page
        assert "Sarah Jones" not in page
        assert "Oak Road" not in page
        assert (
            signed_in_client(person).get(reverse("voice:moderate", args=[feedback.pk])).status_code
            == 404
        )
    assert "Sarah Jones" in open_page(world.analyst, "voice:moderate", feedback.pk)
