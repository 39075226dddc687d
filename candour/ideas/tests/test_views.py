from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from candour.accounts.roles import Role
from candour.core.models import OrganisationKind
from candour.core.services import create_organisation, create_team
from candour.ideas import services
from candour.ideas.models import Idea, IdeaShare, ResponseStandard
from candour.ideas.tests.factories import draft, inbox
from candour.ideas.vocabulary import EventKind, IdeaSource, IdeaStatus
from candour.learning.lessons.services import publish_lesson, save_lesson
from candour.learning.models import Lesson
from candour.learning.themes.services import create_theme
from candour.notifications.models import Notification
from conftest import World, make_person, signed_in_client
from tests.row_counts import changed_tables, row_counts

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


def lesson_for(world: World) -> Lesson:
    lesson = save_lesson(
        actor=world.analyst,
        organisation=world.riverside,
        title="Referrals read late on Fridays",
        story="A referral sent late on a Friday waited until Monday.",
        commentary="The duty rota had a gap.",
        action_taken="The duty rota now covers the evening.",
        reports=[],
    )
    return publish_lesson(actor=world.analyst, lesson=lesson)


def test_an_idea_raised_from_a_lesson_says_so_from_the_first_visit(world: World) -> None:
    lesson = lesson_for(world)
    client = signed_in_client(world.staff)
    page = client.get(reverse("ideas:new"), {"source_lesson": lesson.pk}).content.decode()
    assert f'name="source_lesson" value="{lesson.pk}"' in page
    assert "Raised from the lesson: Referrals read late on Fridays" in page
    client.post(
        reverse("ideas:new"), {**form(world), "source_lesson": str(lesson.pk), "stage": "confirm"}
    )
    idea = Idea.objects.get()
    assert (idea.source, idea.source_lesson) == (IdeaSource.LESSON, lesson)
    assert "From A lesson from a report" in client.get(reverse("ideas:board")).content.decode()
    detail = client.get(reverse("ideas:idea", args=[idea.pk])).content.decode()
    assert "Raised from the lesson" in detail
    assert "Referrals read late on Fridays" in detail


def test_a_lesson_of_another_organisation_is_not_named_on_the_form(world: World) -> None:
    lesson = lesson_for(world)
    outsider = make_person("s@moorland.example", world.moorland, Role.STAFF, world.moorland_team)
    page = signed_in_client(outsider).get(reverse("ideas:new"), {"source_lesson": lesson.pk})
    assert "Referrals read late on Fridays" not in page.content.decode()


def adopted(world: World) -> Idea:
    idea = services.submit_idea(author=world.staff, draft=draft(world))
    services.move_idea(
        actor=world.manager, idea=idea, to_status=IdeaStatus.ADOPTED, what_changed="Done."
    )
    return idea


def action(idea: Idea, name: str) -> str:
    return reverse("ideas:action", args=[idea.pk, name])


def test_managers_record_impact_through_the_page_and_others_cannot(world: World) -> None:
    idea = adopted(world)
    impact = {
        "what_changed": "Details now carry forward from the referral.",
        "minutes_saved_per_week": "90",
        "errors_avoided_per_year": "",
        "children_experience": "Families are asked once.",
        "cost": "Nothing",
    }
    for person in (world.staff, world.other_manager, world.analyst):
        assert signed_in_client(person).post(action(idea, "impact"), impact).status_code == 404
    assert Idea.objects.get().minutes_saved_per_week is None
    client = signed_in_client(world.manager)
    refused = client.post(
        action(idea, "impact"), {**impact, "minutes_saved_per_week": "-5"}, follow=True
    )
    assert Idea.objects.get().minutes_saved_per_week is None
    assert "Impact recorded" not in refused.content.decode()
    page = client.post(action(idea, "impact"), impact, follow=True).content.decode()
    assert "Impact recorded" in page
    assert "90 minutes a week" in page
    assert "Families are asked once." in page
    saved = Idea.objects.get()
    assert (saved.minutes_saved_per_week, saved.cost) == (90, "Nothing")
    assert "The difference your idea made has been recorded" in inbox(world.staff)


def test_managers_share_an_adopted_idea_through_the_page_and_others_cannot(
    world: World,
) -> None:
    idea = services.submit_idea(author=world.staff, draft=draft(world))
    share = {"organisation": str(world.moorland.pk), "team": str(world.moorland_team.pk)}
    client = signed_in_client(world.manager)
    early = client.post(action(idea, "share"), share, follow=True).content.decode()
    assert "Only an adopted idea can be shared" in early
    services.move_idea(
        actor=world.manager, idea=idea, to_status=IdeaStatus.ADOPTED, what_changed="Done."
    )
    for person in (world.staff, world.other_manager):
        assert signed_in_client(person).post(action(idea, "share"), share).status_code == 404
    assert not IdeaShare.objects.exists()
    wrong_team = {**share, "team": str(world.child_in_need.pk)}
    page = client.post(action(idea, "share"), wrong_team, follow=True).content.decode()
    assert "Choose a team in that organisation" in page
    assert not IdeaShare.objects.exists()
    page = client.post(action(idea, "share"), share, follow=True).content.decode()
    assert "Shared; their managers have been told" in page
    assert "Moorland North, Moorland" in page
    shared = IdeaShare.objects.get()
    assert (shared.organisation, shared.team) == (world.moorland, world.moorland_team)
    assert Idea.objects.get().status == IdeaStatus.SHARED
    assert "Your idea has been shared with Moorland North" in inbox(world.staff)


def test_managers_thank_the_team_through_the_page_and_others_cannot(world: World) -> None:
    idea = adopted(world)
    thanks = {"note": "Two hours a week back. Thank you!"}
    for person in (world.staff, world.other_manager):
        assert signed_in_client(person).post(action(idea, "thank"), thanks).status_code == 404
    client = signed_in_client(world.manager)
    empty = client.post(action(idea, "thank"), {"note": ""}, follow=True).content.decode()
    assert "Write your thanks" in empty
    assert not idea.events.filter(kind=EventKind.THANKED).exists()
    page = client.post(action(idea, "thank"), thanks, follow=True).content.decode()
    assert "Thanks sent to the team" in page
    timeline = page[page.index('id="timeline"') :]
    assert "Thanked" in timeline
    assert "Two hours a week back. Thank you!" in timeline
    assert idea.events.filter(kind=EventKind.THANKED).count() == 1
    assert inbox(world.staff).count("Thank you, Assessment") == 1


def test_the_share_form_lists_teams_in_the_same_queries_however_many_organisations(
    world: World,
) -> None:
    idea = adopted(world)
    client = signed_in_client(world.manager)
    url = reverse("ideas:idea", args=[idea.pk])
    client.get(url)  # warm caches (sessions, the response standard)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(4):
        organisation = create_organisation(
            actor=None, name=f"Borough {number}", kind=OrganisationKind.LOCAL_AUTHORITY
        )
        create_team(actor=None, organisation=organisation, name=f"Front door {number}")
        create_team(actor=None, organisation=organisation, name=f"Fostering {number}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(many) == len(few)
    assert "Front door 3 (Borough 3)" in page
    assert "Assessment (Riverside)" not in page  # the idea's own team
    assert "Child in Need (Riverside)" in page


def test_a_new_idea_answered_then_left_shows_as_stalled(world: World) -> None:
    idea = services.submit_idea(
        author=world.staff, draft=draft(world), now=timezone.now() - timedelta(days=40)
    )
    services.comment_on_idea(
        actor=world.manager,
        idea=idea,
        note="Which form?",
        now=timezone.now() - timedelta(days=39),
    )
    body = signed_in_client(world.manager).get(reverse("ideas:bottlenecks")).content.decode()
    stalled = body[body.index('id="stalled"') :]
    assert "Carry the details forward from the referral." in stalled
    assert "Overdue: no response by the deadline (0)" in body


def test_opening_the_response_time_page_writes_nothing(world: World) -> None:
    url = reverse("ideas:response-standard", args=[world.riverside.slug])
    client = signed_in_client(world.admin)
    before = row_counts()
    page = client.get(url)
    assert changed_tables(before, row_counts()) == {}
    assert page.status_code == 200
    assert 'value="5"' in page.content.decode()  # the default, shown without storing it
    assert not ResponseStandard.objects.filter(organisation=world.riverside).exists()
    # The first save stores it, on the write path.
    client.post(url, {"working_days": "7"})
    assert ResponseStandard.objects.get(organisation=world.riverside).working_days == 7


def test_submitting_an_idea_does_not_store_a_default_response_time(world: World) -> None:
    services.submit_idea(author=world.staff, draft=draft(world))
    assert not ResponseStandard.objects.filter(organisation=world.riverside).exists()


def test_a_refused_move_keeps_the_choice_and_words_and_says_everything_at_once(
    world: World,
) -> None:
    idea = services.submit_idea(author=world.staff, draft=draft(world))
    client = signed_in_client(world.manager)
    response = client.post(
        reverse("ideas:action", args=[idea.pk, "move"]),
        {"to_status": "trial", "note": "Kept words", "review_on": "30 November 2001"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in page
    assert 'href="#move-plan"' in page
    assert 'href="#move-measure"' in page
    assert 'href="#move-review_on"' in page
    assert "Kept words</textarea>" in page
    assert re.search(r'value="trial"[^>]*checked', page)
    assert Idea.objects.get().status == IdeaStatus.NEW


def test_a_trial_review_date_is_accepted_as_people_write_it(world: World) -> None:
    idea = services.submit_idea(author=world.staff, draft=draft(world))
    signed_in_client(world.manager).post(
        reverse("ideas:action", args=[idea.pk, "move"]),
        {
            "to_status": "trial",
            "plan": "Try it.",
            "measure": "Count.",
            "review_on": "30 November 2099",
        },
    )
    assert Idea.objects.get().review_on == date(2099, 11, 30)
