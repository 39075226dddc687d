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


def test_on_a_phone_the_navigation_folds_behind_a_menu_button(
    new_context: ContextFactory, personas: Personas
) -> None:
    page = _signed_in(new_context, personas, "analyst", viewport=PHONE).new_page()
    page.goto("/home/")
    button, items = _menu(page)
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(items).to_be_hidden()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(items.get_by_role("link", name="Triage")).to_be_visible()
    items.get_by_role("link", name="Triage").click()
    expect(page).to_have_url("/learning/reports/")


def test_on_a_desktop_the_navigation_shows_without_a_menu_button(
    new_context: ContextFactory, personas: Personas
) -> None:
    page = _signed_in(new_context, personas, "staff", viewport=DESKTOP).new_page()
    page.goto("/home/")
    button, items = _menu(page)
    expect(button).to_be_hidden()
    expect(items.get_by_role("link", name="Home")).to_be_visible()
    # Staff see only their own items: nothing of the learning team's.
    expect(items.get_by_role("link", name="Triage")).to_have_count(0)


def test_without_javascript_the_phone_navigation_stays_open(
    new_context: ContextFactory, personas: Personas
) -> None:
    page = _signed_in(
        new_context, personas, "manager", viewport=PHONE, java_script_enabled=False
    ).new_page()
    page.goto("/home/")
    button, items = _menu(page)
    expect(button).to_be_hidden()
    expect(items.get_by_role("link", name="Ideas")).to_be_visible()
