"""Signing in as each kind of person, with a keyboard only, and without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from candour.demo.core import DEMO_PASSWORD
from tests.system.support import AccessibilityCheck, ContextFactory, Personas

pytestmark = pytest.mark.browser

# persona key: (where to look: "main" or a table's caption, text shown, text not shown)
HOME_PAGES: dict[str, tuple[str, list[str], list[str]]] = {
    "staff": (
        "main",
        ["Your team", "You work in Assessment Team 1"],
        ["Organisations you administer"],
    ),
    "manager": ("Teams you manage", ["Assessment Team 1"], ["Child in Need Team"]),
    "admin": (
        "main",
        ["Organisations you administer", "Riverside Borough Council"],
        ["Moorland County Council"],
    ),
    "other_admin": (
        "main",
        ["Organisations you administer", "Moorland County Council"],
        ["Riverside Borough Council"],
    ),
    "analyst": (
        "main",
        ["Learning team", "Riverside Borough Council"],
        ["Organisations you administer"],
    ),
    "national_analyst": (
        "main",
        ["Organisations sharing learning", "Moorland County Council"],
        ["Organisations you administer"],
    ),
}


@pytest.mark.parametrize("key", list(HOME_PAGES))
def test_given_a_demo_persona_when_they_sign_in_then_they_see_their_own_home_page(
    page: Page,
    personas: Personas,
    serious_accessibility_problems: AccessibilityCheck,
    key: str,
) -> None:
    email = personas.email(key)
    personas.submit_password(page, email)
    if personas.needs_two_factor(email):
        # Analysts and administrators meet the set-up page the first time, then the code page.
        expect(page.get_by_role("heading", level=1)).to_have_text(personas.two_factor_page(email))
        personas.pass_second_factor(page, email)

    expect(page).to_have_url("/home/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your home page")
    where, shown, hidden = HOME_PAGES[key]
    part = page.locator("main") if where == "main" else page.get_by_role("table", name=where)
    for text in shown:
        expect(part).to_contain_text(text)
    for text in hidden:
        expect(part).not_to_contain_text(text)
    # The accessibility check for each kind of home page lives here, where they sign in.
    problems = serious_accessibility_problems(page)
    assert problems == [], "\n".join(problems)


def test_given_the_start_page_when_tabbing_then_the_skip_link_comes_first_and_moves_focus(
    page: Page,
) -> None:
    page.goto("/")

    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to main content")
    page.keyboard.press("Enter")

    expect(page.locator(":focus")).to_have_id("main-content")


def _tab_to(page: Page, selector: str, limit: int = 30) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def test_given_a_keyboard_only_when_a_staff_member_signs_in_then_they_reach_their_home_page(
    page: Page, personas: Personas
) -> None:
    page.goto("/")

    _tab_to(page, "a[href='/sign-in/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Candour")
    _tab_to(page, "input[name='email']")
    page.keyboard.type(personas.email("staff2"))
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("name", "password")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")

    expect(page).to_have_url("/home/")
    expect(page.locator("main")).to_contain_text("You work in Child in Need Team")


def test_given_javascript_is_off_when_a_staff_member_signs_in_then_the_home_page_works(
    new_context: ContextFactory, personas: Personas
) -> None:
    page = new_context(java_script_enabled=False).new_page()

    personas.sign_in(page, personas.email("staff"))

    expect(page.locator("body")).not_to_contain_class("js-enabled")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your home page")
    expect(page.locator("main")).to_contain_text("You work in Assessment Team 1")
