"""Taking identifying words out, answering a theme, the public "you said, we did" for a
feedback link, and staff reading checked feedback for their teams (issue 6 items 3-5)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from candour.voice import services
from candour.voice.models import Feedback, FeedbackReply, FeedbackTheme, FeedbackThemeTag
from candour.voice.moderation import services as moderation
from candour.voice.tests.factories import child_feedback, feedback_link
from candour.voice.tests.pages import open_page, publish_feedback
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db


def test_taking_out_words_matches_whole_words_in_any_case() -> None:
    text = "Al came. Also al's mum and AL. Alan stayed; tall Al"
    assert services.remove_words(text, "Al") == (
        "[REMOVED] came. Also [REMOVED]'s mum and [REMOVED]. Alan stayed; tall [REMOVED]"
    )
    assert services.remove_words("Dr. Khan (Dr.) came", "Dr.") == "[REMOVED] Khan ([REMOVED]) came"
    assert services.remove_words("a+b (a+b)", "a+b") == "[REMOVED] ([REMOVED])"


def test_publishing_takes_out_whole_words_only(world: World) -> None:
    feedback = child_feedback(world, good="Also good: al helped me", better="Call Al at school")
    published = publish_feedback(world, feedback, "Al")
    assert published.what_was_good == "Also good: [REMOVED] helped me"
    assert published.what_would_be_better == "Call [REMOVED] at school"


def _theme(world: World, label: str = "Being told what is happening") -> FeedbackTheme:
    return FeedbackTheme.objects.create(organisation=world.riverside, key="told", label=label)


def test_the_learning_team_answers_a_theme_and_it_shows_on_you_said_we_did(world: World) -> None:
    theme = _theme(world)
    url = reverse("voice:theme", args=[theme.pk])
    client = signed_in_client(world.analyst)
    assert "Being told what is happening" in client.get(url).content.decode()
    refused = client.post(url, {"you_said": "", "we_did": "x", "team": ""})
    assert refused.status_code == 400
    assert "Say what they told you" in refused.content.decode()
    response = client.post(
        url,
        {
            "you_said": "Children did not know what meetings were for.",
            "we_did": "We now send a letter before every meeting.",
            "team": str(world.assessment.pk),
        },
    )
    assert response.status_code == 302
    answer = FeedbackReply.objects.get()
    assert (answer.theme, answer.team, answer.feedback) == (theme, world.assessment, None)
    assert "letter before every meeting" in client.get(url).content.decode()
    shown = open_page(world.staff, "voice:you-said-we-did", query=f"?team={world.assessment.pk}")
    assert "letter before every meeting" in shown
    assert "Being told what is happening" in open_page(world.analyst, "voice:themes")


@pytest.mark.parametrize("persona", ["staff", "manager", "admin", "other_admin"])
def test_only_the_organisations_learning_team_answers_a_theme(world: World, persona: str) -> None:
    theme = _theme(world)
    client = signed_in_client(getattr(world, persona))
    url = reverse("voice:theme", args=[theme.pk])
    assert client.get(url).status_code == 404
    posted = client.post(url, {"you_said": "a", "we_did": "b", "team": ""})
    assert posted.status_code == 404
    assert client.get(reverse("voice:themes")).status_code == 404
    assert not FeedbackReply.objects.exists()


def test_a_theme_answer_cannot_go_on_another_organisations_team(world: World) -> None:
    theme = _theme(world)
    response = signed_in_client(world.analyst).post(
        reverse("voice:theme", args=[theme.pk]),
        {"you_said": "a", "we_did": "b", "team": str(world.moorland_team.pk)},
    )
    assert response.status_code == 400
    assert not FeedbackReply.objects.exists()


def test_the_public_you_said_page_shows_only_answers_for_the_links_team(world: World) -> None:
    link = feedback_link(world)
    theme = _theme(world)
    unchecked = child_feedback(world, better="Nobody rang me back about the meeting")
    hidden = child_feedback(world, better="The parking was awful near the office")
    services.hide_feedback(actor=world.analyst, feedback=hidden, reason="Not about us")
    answered = publish_feedback(
        world, child_feedback(world, better="I was not told about the panel")
    )
    moderation.reply(
        actor=world.analyst,
        feedback=answered,
        you_said="Young people were not told about panels.",
        we_did="Workers now explain panels a week before.",
    )
    moderation.reply(
        actor=world.analyst,
        theme=theme,
        you_said="Families wanted meetings after school.",
        we_did="Meetings are after 3:30 now.",
    )
    moderation.reply(
        actor=world.analyst,
        team=world.child_in_need,
        you_said="Another team's answer.",
        we_did="Something else.",
    )
    url = reverse("voice:link-you-said", args=[link.token])
    response = Client().get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Workers now explain panels a week before." in page  # the team's
    assert "Meetings are after 3:30 now." in page  # the whole service's
    assert "Another team" not in page
    for never in (
        unchecked.what_would_be_better,
        hidden.what_would_be_better,
        "not told about the panel",
    ):
        assert never not in page  # feedback itself, checked or not, is never shown here
    assert world.analyst.full_name not in page  # nor who wrote the answer
    other = services.create_link(
        actor=world.other_admin, organisation=world.moorland, team=None, name="Moorland"
    )
    assert (
        "explain panels"
        not in Client().get(reverse("voice:link-you-said", args=[other.token])).content.decode()
    )
    assert Client().get(reverse("voice:link-you-said", args=["nope"])).status_code == 404


def test_the_thank_you_page_links_to_you_said_we_did(world: World) -> None:
    link = feedback_link(world)
    client = Client()
    client.post(reverse("voice:start", args=[link.token]), {"age_band": "8_12"})
    client.post(reverse("voice:question", args=[link.token, "rating"]), {"rating": "good"})
    thanks = client.post(reverse("voice:check", args=[link.token]), follow=True).content.decode()
    assert reverse("voice:link-you-said", args=[link.token]) in thanks


def test_staff_read_checked_feedback_for_their_own_teams_with_themes_and_answers(
    world: World,
) -> None:
    theme = _theme(world)
    ours = publish_feedback(world, child_feedback(world, better="Tell me when you are coming"))
    FeedbackThemeTag.objects.create(feedback=ours, theme=theme, confirmed_by=world.analyst)
    moderation.reply(
        actor=world.analyst, feedback=ours, you_said="Visits", we_did="We text the day before."
    )
    child_feedback(world, better="Unchecked words here")
    theirs = publish_feedback(world, child_feedback(world, better="Child in need words"))
    Feedback.objects.filter(pk=theirs.pk).update(team=world.child_in_need)

    page = open_page(world.staff, "voice:published")
    assert "Tell me when you are coming" in page
    assert "Being told what is happening" in page
    assert "We text the day before." in page
    assert "Unchecked words here" not in page
    assert "Child in need words" not in page  # another team's

    other_team = open_page(world.other_manager, "voice:published")
    assert "Child in need words" in other_team
    assert "Tell me when you are coming" not in other_team
    client = signed_in_client(world.other_manager)
    query = f"?team={world.assessment.pk}"
    assert client.get(reverse("voice:published") + query).status_code == 404

    everything = open_page(world.analyst, "voice:published")
    assert "Child in need words" in everything
    assert "Tell me when you are coming" in everything

    moorland = signed_in_client(world.other_admin).get(reverse("voice:published"))
    assert moorland.status_code == 200
    assert "Tell me when you are coming" not in moorland.content.decode()


def test_the_learning_team_renames_and_retires_a_theme_without_losing_its_feedback(
    world: World,
) -> None:
    theme = _theme(world, "Told things")
    feedback = publish_feedback(world, child_feedback(world))
    client = signed_in_client(world.analyst)
    client.post(reverse("voice:set-themes", args=[feedback.pk]), {"themes": [theme.pk]})
    assert FeedbackThemeTag.objects.filter(theme=theme, confirmed_by__isnull=False).count() == 1

    clash = FeedbackTheme.objects.create(organisation=world.riverside, key="clash", label="Clash")
    refused = client.post(reverse("voice:theme-rename", args=[theme.pk]), {"rename-label": "clash"})
    assert refused.status_code == 400
    assert "There is already a theme with that name" in refused.content.decode()
    client.post(
        reverse("voice:theme-rename", args=[theme.pk]),
        {"rename-label": "Being told what is happening"},
    )
    theme.refresh_from_db()
    assert theme.label == "Being told what is happening"

    client.post(reverse("voice:theme-retire", args=[theme.pk]))
    theme.refresh_from_db()
    assert theme.retired
    # No longer offered when theming, but the confirmed tag stays, even after a save.
    moderation_page = open_page(world.analyst, "voice:moderate", feedback.pk)
    assert f'value="{theme.pk}"' not in moderation_page
    client.post(reverse("voice:set-themes", args=[feedback.pk]), {"themes": [clash.pk]})
    assert set(feedback.tags.values_list("theme_id", flat=True)) == {theme.pk, clash.pk}
    assert "Retired" in open_page(world.analyst, "voice:themes")

    client.post(reverse("voice:theme-retire", args=[theme.pk]), {"retired": "no"})
    theme.refresh_from_db()
    assert not theme.retired


@pytest.mark.parametrize("persona", ["staff", "manager", "other_admin"])
def test_only_the_learning_team_renames_or_retires_a_theme(world: World, persona: str) -> None:
    theme = _theme(world)
    client = signed_in_client(getattr(world, persona))
    assert client.post(reverse("voice:theme-retire", args=[theme.pk])).status_code == 404
    rename = client.post(reverse("voice:theme-rename", args=[theme.pk]), {"rename-label": "X"})
    assert rename.status_code == 404
    theme.refresh_from_db()
    assert (theme.label, theme.retired) == ("Being told what is happening", False)


def test_merging_a_theme_moves_its_feedback_and_answers_and_retires_it(world: World) -> None:
    told = _theme(world, "Told things")
    into = FeedbackTheme.objects.create(
        organisation=world.riverside, key="informed", label="Being kept informed"
    )
    first = publish_feedback(world, child_feedback(world))
    second = publish_feedback(world, child_feedback(world))
    client = signed_in_client(world.analyst)
    client.post(reverse("voice:set-themes", args=[first.pk]), {"themes": [told.pk]})
    client.post(reverse("voice:set-themes", args=[second.pk]), {"themes": [told.pk, into.pk]})
    moderation.reply(actor=world.analyst, theme=told, you_said="Told late.", we_did="Ring first.")
    assert (
        f'value="{into.pk}"' in client.get(reverse("voice:theme", args=[told.pk])).content.decode()
    )

    refused = client.post(reverse("voice:theme-merge", args=[told.pk]), {"merge-into": ""})
    assert refused.status_code == 400
    assert "Choose the theme to merge into" in refused.content.decode()
    response = client.post(reverse("voice:theme-merge", args=[told.pk]), {"merge-into": into.pk})

    assert response.status_code == 302
    told.refresh_from_db()
    assert told.retired
    assert not told.tags.exists()
    tags = FeedbackThemeTag.objects.filter(theme=into)
    assert sorted(tags.values_list("feedback_id", flat=True)) == sorted([first.pk, second.pk])
    assert all(tag.confirmed_by_id == world.analyst.pk for tag in tags)
    assert FeedbackReply.objects.get().theme == into
    assert "Ring first." in client.get(reverse("voice:theme", args=[into.pk])).content.decode()
    # Another organisation's analyst cannot merge it back.
    other = signed_in_client(world.other_admin)
    assert (
        other.post(
            reverse("voice:theme-merge", args=[into.pk]), {"merge-into": told.pk}
        ).status_code
        == 404
    )
