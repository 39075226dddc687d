from __future__ import annotations

import re

import pytest
from django.urls import reverse

from candour.accounts.roles import Role
from candour.ideas import services
from candour.ideas.models import Idea
from candour.ideas.tests.test_services import draft
from candour.ideas.vocabulary import IdeaSource, IdeaStatus
from candour.learning.themes import create_theme
from candour.notifications.models import Notification
from conftest import World, make_person, signed_in_client

pytestmark = pytest.mark.django_db

FORM = {
    "team": "",
    "problem_kind": "waste",
    "problem": "We type the family's details into three forms.",
    "idea": "Carry the family's details forward from the referral.",
    "expected_benefit": "Twenty minutes saved for every assessment.",
}


def form(world: World, **overrides: str) -> dict[str, str]:
    return {**FORM, "team": str(world.assessment.pk), **overrides}


def test_a_half_finished_idea_survives_a_validation_error(world: World) -> None:
    client = signed_in_client(world.staff)
    response = client.post(reverse("ideas:new"), form(world, idea=""))
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body
    assert "Describe your idea" in body
    assert "We type the family&#x27;s details into three forms." in body
    assert not Idea.objects.exists()


def test_the_check_page_shows_similar_ideas_before_sending(world: World) -> None:
    services.submit_idea(
        author=world.manager,
        draft=draft(
            world,
            problem="Family details are typed again in each form.",
            idea="Copy the family's details from the referral into the assessment.",
        ),
    )
    services.submit_idea(
        author=world.manager,
        draft=draft(
            world,
            problem="Interpreters are booked too late.",
            idea="Keep same-day interpreter slots.",
        ),
    )
    client = signed_in_client(world.staff)
    body = client.post(reverse("ideas:new"), form(world)).content.decode()
    assert "Check your idea before sending it" in body
    similar = body[body.index('id="similar-ideas"') :]
    assert "Copy the family&#x27;s details from the referral" in similar
    assert "Keep same-day interpreter slots" not in similar
    live = client.get(
        reverse("ideas:similar"), {"problem": FORM["problem"], "idea": FORM["idea"]}
    ).json()
    assert [item["title"] for item in live["ideas"]] == [
        "Copy the family's details from the referral into the assessment."
    ]
    assert Idea.objects.count() == 2  # checking sends nothing


def test_sending_from_the_check_page_creates_the_idea_and_says_when_to_expect_a_reply(
    world: World,
) -> None:
    client = signed_in_client(world.staff)
    response = client.post(reverse("ideas:new"), {**form(world), "stage": "confirm"}, follow=True)
    idea = Idea.objects.get()
    body = response.content.decode()
    assert idea.author == world.staff
    assert "The managers of Assessment will respond by" in body
    assert "Carry the family&#x27;s details forward from the referral." in body
    assert Notification.objects.filter(recipient=world.manager).count() == 1


def test_an_idea_raised_from_a_theme_says_so(world: World) -> None:
    theme = create_theme(actor=world.analyst, organisation=world.riverside, name="Late visits")
    client = signed_in_client(world.staff)
    page = client.get(reverse("ideas:new"), {"source_theme": theme.pk}).content.decode()
    assert f'name="source_theme" value="{theme.pk}"' in page
    client.post(
        reverse("ideas:new"), {**form(world), "source_theme": str(theme.pk), "stage": "confirm"}
    )
    idea = Idea.objects.get()
    assert (idea.source, idea.source_theme) == (IdeaSource.THEME, theme)
    board = client.get(reverse("ideas:board")).content.decode()
    assert "From An incident theme" in board


def test_a_theme_of_another_organisation_is_ignored(world: World) -> None:
    theirs = create_theme(
        actor=make_person("a@moorland.example", world.moorland, Role.ANALYST),
        organisation=world.moorland,
        name="Theirs",
    )
    client = signed_in_client(world.staff)
    client.post(
        reverse("ideas:new"), {**form(world), "source_theme": str(theirs.pk), "stage": "confirm"}
    )
    assert Idea.objects.get().source == IdeaSource.STAFF


def test_the_board_has_three_columns_and_hides_names_colleagues_asked_to_hide(
    world: World,
) -> None:
    hidden = services.submit_idea(
        author=world.staff, draft=draft(world, name_hidden_from_colleagues=True)
    )
    services.move_idea(
        actor=world.manager,
        idea=services.submit_idea(author=world.staff, draft=draft(world, idea="Second idea")),
        to_status=IdeaStatus.NOT_ADOPTED,
        reason="Not now.",
    )
    colleague = make_person(
        "colleague@riverside.example", world.riverside, Role.STAFF, world.assessment
    )
    board = signed_in_client(colleague).get(reverse("ideas:board")).content.decode()
    todo = board[board.index('id="column-todo"') : board.index('id="column-doing"')]
    done = board[board.index('id="column-done"') :]
    assert "Carry the details forward from the referral." in todo
    assert "Second idea" in done
    page = signed_in_client(colleague).get(reverse("ideas:idea", args=[hidden.pk])).content
    assert world.staff.full_name not in page.decode()
    assert "A colleague in this team" in page.decode()
    manager_page = signed_in_client(world.manager).get(reverse("ideas:idea", args=[hidden.pk]))
    assert world.staff.full_name in manager_page.content.decode()


def test_managers_respond_through_the_page_and_others_cannot(world: World) -> None:
    idea = services.submit_idea(author=world.staff, draft=draft(world))
    url = reverse("ideas:action", args=[idea.pk, "move"])
    assert (
        signed_in_client(world.other_manager).post(url, {"to_status": "trial"}).status_code == 404
    )
    assert signed_in_client(world.staff).post(url, {"to_status": "trial"}).status_code == 404
    outsider = make_person("x@moorland.example", world.moorland, Role.MANAGER, world.moorland_team)
    assert signed_in_client(outsider).get(reverse("ideas:idea", args=[idea.pk])).status_code == 404

    client = signed_in_client(world.manager)
    page = client.get(reverse("ideas:idea", args=[idea.pk])).content.decode()
    assert "Respond and move it on" in page
    response = client.post(url, {"to_status": "trial"}, follow=True)
    assert "Say what will be tried, and by whom" in response.content.decode()
    assert Idea.objects.get().status == IdeaStatus.NEW
    client.post(
        url,
        {
            "to_status": "trial",
            "plan": "Try it for a month.",
            "measure": "Time ten assessments.",
            "review_on": "2099-01-15",
        },
    )
    assert Idea.objects.get().status == IdeaStatus.TRIAL
    staff_page = signed_in_client(world.staff).get(reverse("ideas:idea", args=[idea.pk]))
    text = staff_page.content.decode()
    assert "Moved to On trial" in text
    assert "Try it for a month." in text
    assert "Respond and move it on" not in text


def test_bottlenecks_show_what_waits_for_the_manager(world: World) -> None:
    services.submit_idea(author=world.staff, draft=draft(world))
    body = signed_in_client(world.manager).get(reverse("ideas:bottlenecks")).content.decode()
    assert re.search(r"Waiting for a first response \(1\)", body)
    assert "Overdue: no response by the deadline (0)" in body
    other = signed_in_client(world.other_manager).get(reverse("ideas:bottlenecks"))
    assert "Waiting for a first response (0)" in other.content.decode()


def test_administrators_set_the_response_time(world: World) -> None:
    url = reverse("ideas:response-standard", args=[world.riverside.slug])
    assert signed_in_client(world.manager).get(url).status_code == 404
    client = signed_in_client(world.admin)
    bad = client.post(url, {"working_days": "0"}).content.decode()
    assert "Choose between 1 and 20 working days" in bad
    client.post(url, {"working_days": "3"})
    assert services.response_standard(world.riverside).working_days == 3


def test_notifications_are_personal_and_can_be_marked_read(world: World) -> None:
    services.submit_idea(author=world.staff, draft=draft(world))
    client = signed_in_client(world.staff)
    home = client.get(reverse("core:home")).content.decode()
    assert "Notifications (1)" in home
    inbox = client.get(reverse("notifications:inbox")).content.decode()
    assert "Thank you for your idea" in inbox
    assert "New improvement idea" not in inbox  # the manager's, not theirs
    client.post(reverse("notifications:mark-all-read"))
    assert "Notifications (1)" not in client.get(reverse("core:home")).content.decode()
