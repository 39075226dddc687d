"""Anyone, without an account or JavaScript, searches and filters the open lessons library.

The demo opens five of Riverside's lessons (candour/demo/learning.py, OPEN_LESSONS) and
its bulletin, so the library has something to find.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.system.support import AccessibilityCheck, ContextFactory

pytestmark = pytest.mark.browser

INTERPRETER = "Children should not interpret for their own family"
INBOX = "Nobody owned the shared inbox"


def _search(page: Page, words: str, setting: str) -> None:
    page.get_by_label("Search lessons").fill(words)
    page.get_by_label("Setting").select_option(label=setting)
    page.get_by_role("button", name="Search and filter").click()


def test_given_open_lessons_when_a_visitor_without_javascript_searches_and_filters_then_found(
    new_context: ContextFactory,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    visitor = new_context(java_script_enabled=False).new_page()
    visitor.goto("/library/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Open lessons library")
    results = visitor.locator("#library-results")
    expect(results).to_contain_text(INTERPRETER)
    expect(results).to_contain_text(INBOX)

    # Words and a setting together: the interpreter lesson comes first, at home visits.
    _search(visitor, "the interpreter did not come to the visit", "A home visit")
    expect(visitor.locator("#results-heading")).to_contain_text("like your words")
    expect(results.locator("h3").first).to_have_text(INTERPRETER)
    expect(results).not_to_contain_text(INBOX)
    expect(visitor.get_by_label("Search lessons")).to_have_value(
        "the interpreter did not come to the visit"
    )

    # The same words in the office: the interpreter lesson is not among them.
    _search(visitor, "the interpreter did not come to the visit", "The office")
    expect(results).not_to_contain_text(INTERPRETER)

    # Filters alone, no words: the shared inbox lesson, and its page.
    visitor.get_by_label("Search lessons").fill("")
    visitor.get_by_label("Setting").select_option(label="The office")
    visitor.get_by_role("button", name="Search and filter").click()
    results.get_by_role("link", name=INBOX).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(INBOX)
    main = visitor.locator("main")
    expect(main).to_contain_text("Open Government Licence v3.0")
    expect(main).not_to_contain_text("CR-")
    lesson_path = visitor.url

    # The demo's bulletin is listed when no filter is chosen, its period in months.
    visitor.goto("/library/")
    visitor.locator("#library-bulletins").get_by_role("link").first.click()
    expect(visitor.locator("#bulletin-total")).to_contain_text("Reports received")
    expect(visitor.locator("main")).not_to_contain_text("CR-")
    bulletin_path = visitor.url

    problems: list[str] = []
    checked = new_context().new_page()
    for path in (
        "/library/",
        "/library/?q=interpreter&setting=home_visit",
        lesson_path,
        bulletin_path,
    ):
        checked.goto(path)
        problems.extend(serious_accessibility_problems(checked))
    assert problems == [], "\n".join(problems)
