"""The browser enforces Candour's Content Security Policy and the pages never break it."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.system.support import Personas

pytestmark = pytest.mark.browser


def _csp_violations(page: Page) -> list[str]:
    messages: list[str] = []

    def listen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            messages.append(f"{page.url}: {message.text}")

    page.on("console", listen)
    return messages


def test_given_the_start_page_when_the_browser_loads_it_then_a_strict_csp_is_sent(
    page: Page,
) -> None:
    response = page.goto("/")

    assert response is not None
    policy = response.headers.get("content-security-policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    assert directives["script-src"] == ["'self'"], policy
    assert directives["style-src"] == ["'self'"], policy
    assert directives["frame-ancestors"] == ["'none'"], policy
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert response.headers.get("x-frame-options") == "DENY"
    assert response.headers.get("x-content-type-options") == "nosniff"


def test_given_a_staff_member_when_they_go_from_the_start_page_to_home_then_no_csp_violations(
    page: Page, personas: Personas
) -> None:
    violations = _csp_violations(page)

    page.goto("/")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Candour")
    personas.sign_in(page, personas.email("staff"))
    page.goto("/account/")

    # GOV.UK Frontend ran (its module sets the class), so scripts were not blocked either.
    expect(page.locator("body")).to_contain_class("govuk-frontend-supported")
    assert violations == []


def test_given_the_violation_listener_when_a_page_runs_inline_script_then_it_is_caught(
    page: Page,
) -> None:
    violations = _csp_violations(page)
    page.goto("/")

    with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.injected = true'; document.body.append(s); }"
        )

    assert page.evaluate("window.injected === undefined")
    assert violations
