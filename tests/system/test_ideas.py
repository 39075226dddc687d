"""Improvement ideas: from a social worker's idea to its adoption, with the author told
at every step (issue 5 item 8)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.system.support import AccessibilityCheck, PageOpener

pytestmark = pytest.mark.browser

PROBLEM = "Court bundles are printed and posted to the guardian's office every time."
IDEA = "Send court bundles to the guardian through the secure portal instead of by post."
BENEFIT = "About two hours of printing and a trip to the post office saved each week."


def _notifications(page: Page) -> str:
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name=re.compile("^Notifications")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    return page.locator("#notifications").inner_text()


def _open_idea_from_notification(page: Page, subject: str) -> None:
    _notifications(page)
    page.locator("#notifications").get_by_role("link", name=subject).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(IDEA)


def _move(page: Page, status: str, fields: dict[str, str]) -> None:
    form = page.locator("#move-form")
    form.get_by_label(status, exact=True).check()
    for label, value in fields.items():
        form.get_by_label(label).fill(value)
    form.get_by_role("button", name="Save and tell the author").click()
    expect(page.get_by_role("alert")).to_contain_text("the author has been told")


def test_given_an_idea_when_the_manager_trials_and_adopts_it_then_the_author_hears_each_step(
    signed_in_page: PageOpener, serious_accessibility_problems: AccessibilityCheck
) -> None:
    author = signed_in_page("staff")
    author.goto("/")
    author.get_by_role("navigation").get_by_role("link", name="Ideas").click()
    expect(author.get_by_role("heading", level=1)).to_contain_text("Improvement ideas")
    assert serious_accessibility_problems(author) == []
    author.get_by_role("link", name="Suggest an improvement").click()
    assert serious_accessibility_problems(author) == []

    # Sent without a kind of problem: the error says so, and nothing typed is lost.
    author.get_by_label("What is the problem?").fill(PROBLEM)
    author.get_by_label("What is your idea?").fill(IDEA)
    author.get_by_label("What difference would it make?").fill(BENEFIT)
    author.get_by_role("button", name="Continue").click()
    expect(author.locator(".govuk-error-summary")).to_contain_text(
        "Choose what kind of problem it is"
    )
    expect(author.get_by_label("What is your idea?")).to_have_value(IDEA)

    author.get_by_label("Waste: effort that does nothing for children and families").check()
    author.get_by_role("button", name="Continue").click()
    expect(author.get_by_role("heading", level=1)).to_have_text("Check your idea before sending it")
    assert serious_accessibility_problems(author) == []
    author.get_by_role("button", name="Send idea").click()
    expect(author.get_by_role("alert")).to_contain_text(
        "The managers of Assessment Team 1 will respond by"
    )
    expect(author.locator("#idea-status")).to_have_text("New")
    assert serious_accessibility_problems(author) == []
    assert "Thank you for your idea" in _notifications(author)

    manager = signed_in_page("manager")
    _open_idea_from_notification(manager, "New improvement idea for Assessment Team 1")
    _move(manager, "Under review", {})
    assert "Your idea is now: Under review" in _notifications(author)

    _open_idea_from_notification(manager, "New improvement idea for Assessment Team 1")
    _move(
        manager,
        "On trial",
        {
            "Plan: what will be tried, by whom (for a trial)": "Two workers use the portal for "
            "every bundle for a month.",
            "Check: how you will know if it worked (for a trial)": "Hours spent on bundles.",
            "Review date (for a trial)": "2099-01-15",
        },
    )
    expect(manager.locator("#idea-status")).to_have_text("On trial")
    assert "Your idea is now: On trial" in _notifications(author)

    _open_idea_from_notification(manager, "New improvement idea for Assessment Team 1")
    _move(
        manager,
        "Adopted",
        {"What has changed (if adopted)": "Every bundle now goes through the portal."},
    )
    expect(manager.locator("#idea-status")).to_have_text("Adopted")
    assert serious_accessibility_problems(manager) == []

    inbox = _notifications(author)
    assert "Your idea is now: Adopted" in inbox
    # Newest first: the first "Adopted" is this idea's (the demo's own ideas come later).
    author.locator("#notifications").get_by_role(
        "link", name="Your idea is now: Adopted"
    ).first.click()
    timeline = author.locator("#timeline")
    for step in ("Submitted", "Moved to Under review", "Moved to On trial", "Moved to Adopted"):
        expect(timeline).to_contain_text(step)
    expect(timeline).to_contain_text("Every bundle now goes through the portal.")
    expect(author.get_by_role("heading", name="Respond and move it on")).to_have_count(0)


def test_given_the_demo_when_a_manager_opens_the_bottlenecks_then_overdue_ideas_show(
    signed_in_page: PageOpener,
) -> None:
    head = signed_in_page("service_manager")
    head.goto("/ideas/bottlenecks/")
    expect(head.locator("#overdue")).to_contain_text("same-day interpreter slots")
    expect(head.locator("#stalled")).to_contain_text("Name an inbox owner for every day")


def test_given_javascript_when_staff_type_an_idea_then_similar_ideas_show_as_they_type(
    signed_in_page: PageOpener,
) -> None:
    author = signed_in_page("staff")
    author.goto("/ideas/new/")
    expect(author.get_by_role("heading", level=1)).to_have_text("Suggest an improvement")
    panel = author.locator("#similar-ideas-live")
    expect(panel).to_be_empty()

    # The demo's Assessment Team 1 already carries family details forward; typing the
    # same idea shows it before anything is sent.
    author.get_by_label("What is the problem?").press_sequentially(
        "Family details are typed again into the assessment and the plan."
    )
    author.get_by_label("What is your idea?").fill(
        "Carry the family details forward from the referral."
    )
    expect(panel.get_by_role("heading")).to_have_text("Similar ideas already on the board")
    expect(
        panel.get_by_role(
            "link", name="Carry the family details forward from the referral into the assessment"
        )
    ).to_be_visible()
    expect(author.get_by_role("heading", level=1)).to_have_text("Suggest an improvement")
