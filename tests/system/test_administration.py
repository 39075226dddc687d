"""Administrators manage their own organisation and nobody else's."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.system.support import RIVERSIDE, PageOpener

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", [RIVERSIDE, f"{RIVERSIDE}audit/", f"{RIVERSIDE}teams/add/"])
def test_given_the_admin_of_moorland_when_they_open_riverside_pages_then_they_are_not_found(
    signed_in_page: PageOpener, path: str
) -> None:
    page = signed_in_page("other_admin")

    response = page.goto(path)

    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.locator("main")).not_to_contain_text("Assessment Team 1")


def test_given_riverside_admin_when_they_open_their_organisation_then_teams_and_people_show(
    signed_in_page: PageOpener,
) -> None:
    page = signed_in_page("admin")
    page.goto("/home/")

    page.get_by_role("link", name="Teams and people in Riverside Borough Council").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside Borough Council")
    teams = page.get_by_role("table", name="Teams")
    expect(teams.get_by_role("rowheader")).to_contain_text(
        ["Assessment Team 1", "Child in Need Team", "Multi-Agency Safeguarding Hub"]
    )
    people = page.get_by_role("table", name="People")
    expect(people).to_contain_text("Sam Patel")
    expect(people).to_contain_text("priya.shah@riverside.example")
    expect(page.locator("main")).not_to_contain_text("Family Support North")
    expect(page.locator("main")).not_to_contain_text("Dana Wright")


def test_given_the_admin_of_riverside_when_they_open_the_audit_trail_then_it_lists_events(
    signed_in_page: PageOpener,
) -> None:
    page = signed_in_page("admin")
    page.goto(RIVERSIDE)

    page.get_by_role("link", name="Audit trail").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Audit trail")
    events = page.get_by_role("table", name="Audit events, newest first")
    # Newest first, 50 a page: the demo's last events are people and their roles.
    expect(events).to_contain_text("Account created")
    expect(events).to_contain_text("Role granted")
    # Records are named by type and id, never by a person's name.
    membership_cell = events.get_by_role("cell", name=re.compile(r"^accounts\.membership \d+$"))
    expect(membership_cell.first).to_be_visible()
    expect(events).not_to_contain_text("Moorland")


def test_given_riverside_admin_signed_in_when_they_open_the_audit_trail_then_it_lists_that(
    signed_in_page: PageOpener,
) -> None:
    page = signed_in_page("admin")

    page.goto(f"{RIVERSIDE}audit/")

    events = page.get_by_role("table", name="Audit events, newest first")
    assert "Signed in" in events.inner_text()


def test_given_an_admin_when_they_add_a_team_without_a_name_then_they_are_told_and_can_correct_it(
    signed_in_page: PageOpener,
) -> None:
    page = signed_in_page("admin")
    page.goto(RIVERSIDE)
    page.get_by_role("link", name="Add a team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a team")

    page.get_by_role("button", name="Add team").click()

    expect(page).to_have_title(re.compile(r"^Error: Add a team "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Team name")).to_be_focused()

    page.get_by_label("Team name").fill("Reablement Team")
    page.get_by_role("button", name="Add team").click()

    expect(page).to_have_url(RIVERSIDE)
    expect(page.get_by_role("alert")).to_contain_text("Team Reablement Team added")
    teams = page.get_by_role("table", name="Teams")
    expect(teams.get_by_role("rowheader", name="Reablement Team")).to_be_visible()
    page.get_by_role("link", name="Audit trail").click()
    newest = page.get_by_role("table", name="Audit events, newest first").get_by_role("row").nth(1)
    expect(newest).to_contain_text("Team created")
    expect(newest).to_contain_text("Chris Evans")


def test_given_an_admin_when_they_add_a_person_without_an_email_then_what_they_typed_is_kept(
    signed_in_page: PageOpener,
) -> None:
    page = signed_in_page("admin")
    page.goto(f"{RIVERSIDE}people/add/")
    page.get_by_label("Full name").fill("Morgan Lee")
    page.get_by_label("Staff member", exact=True).check()

    page.get_by_role("button", name="Add person").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter their work email address")
    expect(summary).to_contain_text("Choose the team this role is for")
    expect(page.get_by_label("Full name")).to_have_value("Morgan Lee")
    expect(page.get_by_label("Staff member", exact=True)).to_be_checked()

    page.get_by_label("Work email address").fill("morgan.lee@riverside.example")
    page.get_by_label("Team", exact=True).select_option(label="Assessment Team 2")
    page.get_by_role("button", name="Add person").click()

    expect(page).to_have_url(RIVERSIDE)
    expect(page.get_by_role("alert")).to_contain_text("Morgan Lee added")
    person = page.get_by_role("table", name="People").get_by_role("row", name="Morgan Lee")
    expect(person).to_contain_text("morgan.lee@riverside.example")
    expect(person).to_contain_text("Staff member")
