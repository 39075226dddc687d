"""Home pages built from each role's work: what waits, what is overdue, what is new."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from candour.accounts.roles import Role
from candour.core import hooks
from candour.ideas.measures.figures import measures_for
from candour.ideas.tests.factories import IdeaFactory, draft
from candour.ideas.tests.factories import submit as submit_idea
from candour.reporting.tests.factories import submit as submit_report
from conftest import PASSWORD, World, make_person, signed_in_client

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _waiting(html: str, key: str) -> str:
    found = re.search(rf'<li[^>]*id="waiting-{key}".*?</li>', html, re.S)
    assert found, f"nothing waiting for {key}"
    return _text(found.group(0))


def _home(client: Client) -> str:
    return client.get(reverse("core:home")).content.decode()


def test_a_team_managers_people_count_agrees_with_the_improvement_measures(
    world: World,
) -> None:
    for name in ("amira", "ben", "chloe"):
        make_person(f"{name}@riverside.example", world.riverside, Role.STAFF, world.assessment)
    html = _home(signed_in_client(world.manager))
    row = re.search(r'<table[^>]*id="managed-teams".*?</table>', html, re.S)
    assert row
    measured = next(t for t in measures_for(world.riverside).teams if t.name == "Assessment")
    # Four staff and the manager: once the reused join made this 0.
    assert measured.people == 5
    assert "Assessment Riverside 5" in _text(row.group(0))


def test_a_service_managers_home_page_lists_the_teams_of_the_service(world: World) -> None:
    service_manager = make_person("head@riverside.example", world.riverside, Role.MANAGER)
    html = _home(signed_in_client(service_manager))
    table = re.search(r'<table[^>]*id="service-teams".*?</table>', html, re.S)
    assert table
    text = _text(table.group(0))
    # Assessment: its staff member and its manager; Child in Need: its manager.
    assert "Assessment Riverside 2" in text
    assert "Child in Need Riverside 1" in text
    assert "Moorland" not in text


@time_machine.travel(datetime(2026, 12, 10, 9, 0, tzinfo=UTC), tick=False)
def test_the_analyst_sees_new_reports_to_triage_with_the_overdue_ones(world: World) -> None:
    submit_report(world)
    submit_report(world)
    html = _home(signed_in_client(world.analyst))
    line = _waiting(html, "reports-to-triage")
    assert "New reports to triage" in line
    # Sent on 26 November with five working days to triage: overdue by 10 December.
    assert "2, 2 overdue" in line
    assert "2 items are overdue." in _text(html)
    assert f'href="{reverse("reporting:queue")}"' in html
    # Nothing of the learning team's reaches a member of staff.
    assert 'id="waiting-reports-to-triage"' not in _home(signed_in_client(world.staff))


def test_ideas_wait_for_the_team_manager_and_nothing_waits_for_staff(world: World) -> None:
    submit_idea(world)
    line = _waiting(_home(signed_in_client(world.manager)), "ideas-to-answer")
    assert "Improvement ideas waiting for your response" in line
    assert "1" in line
    staff_home = _home(signed_in_client(world.staff))
    assert 'id="waiting-ideas-to-answer"' not in staff_home
    # What the staff member hears back comes as a notification, not work to do.
    assert "Unread notifications" in _waiting(staff_home, "notifications")
    assert "This is your first time signing in: welcome." in staff_home


def test_what_is_new_since_the_previous_sign_in(world: World) -> None:
    def sign_in() -> Client:
        client = Client()
        client.post(
            reverse("accounts:sign-in"),
            {"email": world.manager.email, "password": PASSWORD},
        )
        return client

    with time_machine.travel(datetime(2026, 11, 30, 9, 0, tzinfo=UTC), tick=False):
        assert "first time signing in" in _home(sign_in())
    IdeaFactory.create(
        author=world.staff, draft=draft(world), now=datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    )
    with time_machine.travel(datetime(2026, 12, 2, 9, 0, tzinfo=UTC), tick=False):
        html = _home(sign_in())
    assert "You last signed in on 30 November 2026" in _text(html)
    assert "1 new since you last came" in _waiting(html, "ideas-to-answer")


def test_health_visitors_are_pointed_to_the_child_plan_check(world: World) -> None:
    hooks_before = dict(hooks._providers)
    try:
        hooks._providers["shares_information"] = lambda user: True
        html = _home(signed_in_client(world.staff))
    finally:
        hooks._providers.clear()
        hooks._providers.update(hooks_before)
    assert f'href="{reverse("sharing:lookup")}"' in html
    assert "Check a child's plan" in html


def test_a_second_waiting_provider_under_one_name_fails_loudly() -> None:
    hooks.provide_waiting("test-only", lambda user, since: [])
    with pytest.raises(RuntimeError, match="second waiting provider"):
        hooks.provide_waiting("test-only", lambda user, since: [])
    hooks._waiting.pop("test-only")
