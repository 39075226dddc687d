"""Each role's home page and the service navigation, at desktop and phone widths."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.system.support import AccessibilityCheck, ContextFactory, Personas

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}

# persona key: what waits for them in the demo, or another part of their home page.
HOME_PAGES: dict[str, list[str]] = {
    "analyst": ["New reports to triage", "Feedback from children and families to check"],
    "manager": ["Improvement ideas waiting for your response", "Teams you manage"],
    "service_manager": ["Ideas escalated to you", "Teams in your service"],
    "health_visitor": ["Check a child's plan"],
    "staff": ["Unread notifications", "Your team"],
    "admin": ["Organisations you administer"],
    "national_analyst": ["Organisations sharing learning"],
}


# Elements reaching past the right edge of the screen, named by tag, id and classes.
WIDER_THAN_THE_SCREEN = """
[...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`)
  .slice(0, 8)
"""


def _signed_in(
    new_context: ContextFactory, personas: Personas, key: str, **options: Any
) -> BrowserContext:
    def make(**more: Any) -> BrowserContext:
        return new_context(**options, **more)

    return personas.signed_in_context(make, key)


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("key", list(HOME_PAGES))
def test_each_role_sees_what_waits_for_them_on_their_home_page(
    new_context: ContextFactory,
    personas: Personas,
    serious_accessibility_problems: AccessibilityCheck,
    key: str,
    width: str,
) -> None:
    page = _signed_in(new_context, personas, key, viewport=WIDTHS[width]).new_page()
    page.goto("/home/")
    main = page.locator("main")
    expect(main.get_by_role("heading", name="Waiting for you")).to_be_visible()
    for text in HOME_PAGES[key]:
        expect(main).to_contain_text(text)
    # Nothing on the page is wider than the screen.
    wider = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert wider == [], wider
    problems = serious_accessibility_problems(page)
    assert problems == [], "\n".join(problems)


def _menu(page: Page) -> tuple[Any, Any]:
    navigation = page.get_by_role("navigation", name="Menu")
    return navigation.get_by_role("button", name="Menu"), navigation.locator("#navigation")


# How far the page itself scrolls sideways, in CSS pixels.
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


# The distinct tops of the service navigation's items: one value when they sit in one row.
ROWS = """[...new Set([...document.querySelectorAll("#navigation > li")]
  .map((item) => Math.round(item.getBoundingClientRect().top)))]"""


def test_on_a_phone_the_navigation_folds_behind_a_menu_button_worked_by_keyboard(
    new_context: ContextFactory,
    personas: Personas,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    page = _signed_in(new_context, personas, "analyst", viewport=PHONE).new_page()
    page.goto("/home/")
    button, items = _menu(page)
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(items).to_be_hidden()
    assert serious_accessibility_problems(page) == []

    # Opened and closed from the keyboard alone.
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(items.get_by_role("link", name="Reports")).to_be_visible()
    assert serious_accessibility_problems(page) == []
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(items).to_be_hidden()

    # The Reports section opens on triage for the learning team; its pages are listed
    # under the navigation, the one shown marked as the current page.
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # Home
    page.keyboard.press("Tab")  # Reports
    expect(items.get_by_role("link", name="Reports")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url("/learning/reports/")
    button, items = _menu(page)
    # (The menu is folded again on the new page: CSS finds its hidden links.)
    expect(items.locator('a[aria-current="page"]')).to_have_text("Reports")
    pages = page.get_by_role("navigation", name="Reports: pages")
    expect(pages.get_by_role("link", name="Triage")).to_have_attribute("aria-current", "page")
    expect(pages.get_by_role("link", name="What people reported")).to_be_visible()
    # The queue's table scrolls in its own region; the page itself never scrolls sideways.
    assert page.evaluate(SIDEWAYS) == 0
    assert serious_accessibility_problems(page) == []


@pytest.mark.parametrize("key", ["staff", "analyst", "manager", "admin", "national_analyst"])
def test_on_a_desktop_the_sections_sit_in_one_row_without_a_menu_button(
    new_context: ContextFactory,
    personas: Personas,
    serious_accessibility_problems: AccessibilityCheck,
    key: str,
) -> None:
    page = _signed_in(new_context, personas, key, viewport=DESKTOP).new_page()
    page.goto("/home/")
    button, items = _menu(page)
    expect(button).to_be_hidden()
    expect(items.get_by_role("link", name="Home")).to_have_attribute("aria-current", "page")
    rows = page.evaluate(ROWS)
    assert len(rows) == 1, f"{key}'s navigation wraps to {len(rows)} rows"
    assert items.locator("> li").count() <= 9
    assert serious_accessibility_problems(page) == []


def test_on_a_desktop_each_role_sees_only_its_own_sections(
    new_context: ContextFactory, personas: Personas
) -> None:
    page = _signed_in(new_context, personas, "staff", viewport=DESKTOP).new_page()
    page.goto("/lessons/")
    _button, items = _menu(page)
    expect(items.get_by_role("link", name="Learning")).to_have_attribute("aria-current", "page")
    # Staff see only their own pages: nothing of the learning team's.
    expect(page.get_by_role("link", name="Triage")).to_have_count(0)
    expect(page.get_by_role("link", name="Themes")).to_have_count(0)
    expect(items.get_by_role("link", name="Health")).to_have_count(0)

    analyst = _signed_in(new_context, personas, "analyst", viewport=DESKTOP).new_page()
    analyst.goto("/learning/themes/")
    _button, items = _menu(analyst)
    # In the section, not on its first page: aria-current says so without saying "page".
    expect(items.get_by_role("link", name="Learning")).to_have_attribute("aria-current", "true")
    pages = analyst.get_by_role("navigation", name="Learning: pages")
    expect(pages.get_by_role("link", name="Themes")).to_have_attribute("aria-current", "page")
    pages.get_by_role("link", name="Dashboard").click()
    expect(analyst).to_have_url("/learning/dashboard/")


def test_without_javascript_the_phone_navigation_stays_open_and_every_page_is_reachable(
    new_context: ContextFactory, personas: Personas
) -> None:
    page = _signed_in(
        new_context, personas, "manager", viewport=PHONE, java_script_enabled=False
    ).new_page()
    page.goto("/home/")
    button, items = _menu(page)
    expect(button).to_be_hidden()
    expect(items.get_by_role("link", name="Ideas")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Home: pages").get_by_role("link", name="Your account")
    ).to_be_visible()
    items.get_by_role("link", name="Learning").click()
    expect(page).to_have_url("/lessons/")
    _button, items = _menu(page)
    page.get_by_role("navigation", name="Learning: pages").get_by_role(
        "link", name="Dashboard"
    ).click()
    expect(page).to_have_url("/learning/dashboard/")
    # (No page.evaluate here: scripts are off, so Playwright's evaluate never returns.)
