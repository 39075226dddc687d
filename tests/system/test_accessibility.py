"""axe-core finds no serious or critical WCAG 2.2 AA problem on any page of issue 2.

Each persona's home page is checked in test_signing_in, right after they sign in, so that
nobody has to sign in twice.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.system.support import (
    RIVERSIDE,
    UNENROLLED_ANALYST,
    AccessibilityCheck,
    ContextFactory,
    PageOpener,
    Personas,
)

pytestmark = pytest.mark.browser


def _submit(name: str) -> Callable[[Page], None]:
    def submit(page: Page) -> None:
        page.get_by_role("button", name=name).click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()

    return submit


def _follow_first(name: str) -> Callable[[Page], None]:
    def follow(page: Page) -> None:
        page.get_by_role("link", name=name).first.click()

    return follow


def _follow_first_in(selector: str) -> Callable[[Page], None]:
    def follow(page: Page) -> None:
        page.locator(f"{selector} a").first.click()

    return follow


# (test id, persona key or None for nobody signed in, path, what to do there first)
PAGES: list[tuple[str, str | None, str, Callable[[Page], None] | None]] = [
    ("start", None, "/", None),
    ("accessibility statement", None, "/accessibility/", None),
    ("sign in", None, "/sign-in/", None),
    ("sign in with errors", None, "/sign-in/", _submit("Sign in")),
    ("sign in with your organisation", None, "/sign-in/organisation/", None),
    ("sign in with your organisation, errors", None, "/sign-in/organisation/", _submit("Continue")),
    ("page not found", None, "/no-such-page/", None),
    ("account", "staff", "/account/", None),
    ("your subscriptions", "staff", "/account/subscriptions/", None),
    ("organisation", "admin", RIVERSIDE, None),
    ("add a team", "admin", f"{RIVERSIDE}teams/add/", None),
    ("add a team with errors", "admin", f"{RIVERSIDE}teams/add/", _submit("Add team")),
    ("add a person", "admin", f"{RIVERSIDE}people/add/", None),
    ("add a person with errors", "admin", f"{RIVERSIDE}people/add/", _submit("Add person")),
    ("give a role", "admin", RIVERSIDE, _follow_first("Give a role")),
    ("remove a role", "admin", RIVERSIDE, _follow_first("Remove")),
    ("audit trail", "admin", f"{RIVERSIDE}audit/", None),
    ("sign-in provider", "admin", f"{RIVERSIDE}sign-in-provider/", None),
    ("page not found when signed in", "admin", "/organisation/moorland-county-council/", None),
    ("checked feedback for staff", "staff", "/feedback/published/", None),
    ("you said, we did", "staff", "/feedback/you-said-we-did/", None),
    ("feedback results", "manager", "/feedback/results/", None),
    ("feedback themes", "analyst", "/learning/feedback/themes/", None),
    ("a feedback theme", "analyst", "/learning/feedback/themes/", _follow_first_in("#theme-list")),
    ("local codes", "analyst", "/learning/taxonomy/local-codes/", None),
]


@pytest.mark.parametrize(
    ("persona", "path", "action"), [p[1:] for p in PAGES], ids=[p[0] for p in PAGES]
)
def test_given_a_page_when_axe_checks_it_then_there_are_no_serious_problems(
    new_context: ContextFactory,
    signed_in_page: PageOpener,
    serious_accessibility_problems: AccessibilityCheck,
    persona: str | None,
    path: str,
    action: Callable[[Page], None] | None,
) -> None:
    page = new_context().new_page() if persona is None else signed_in_page(persona)
    page.goto(path)
    if action is not None:
        action(page)

    problems = serious_accessibility_problems(page)

    assert problems == [], "\n".join(problems)


def test_given_a_new_analyst_when_axe_checks_each_two_factor_step_then_no_serious_problems(
    new_context: ContextFactory,
    personas: Personas,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    problems: list[str] = []
    page = new_context().new_page()
    personas.submit_password(page, UNENROLLED_ANALYST)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    problems += serious_accessibility_problems(page)
    page.get_by_label("Security code").fill("12")
    _submit("Continue")(page)
    problems += serious_accessibility_problems(page)
    personas.pass_second_factor(page, UNENROLLED_ANALYST)
    expect(page).to_have_url("/home/")

    page = new_context().new_page()
    personas.submit_password(page, UNENROLLED_ANALYST)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    problems += serious_accessibility_problems(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    problems += serious_accessibility_problems(page)

    assert problems == [], "\n".join(problems)


def test_given_a_page_with_a_known_problem_when_axe_checks_it_then_the_problem_is_reported(
    page: Page, serious_accessibility_problems: AccessibilityCheck
) -> None:
    page.goto("/")
    page.evaluate("() => { document.querySelector('main').append(document.createElement('img')) }")

    problems = serious_accessibility_problems(page)

    assert any("image-alt" in problem for problem in problems), problems
