"""Signing in with the council's own account, through the provider's real login page.

A real OpenID Connect provider (tests/identity_provider.py) runs on 127.0.0.1 beside the
Candour server; the demo's Riverside is pointed at it through the same service its
administrator's page uses. The browser leaves Candour for the provider's own page and
comes back signed in, at desktop width.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from tests.identity_provider import ProviderPerson, TestProvider
from tests.system.support import AccessibilityCheck, ContextFactory, PageOpener, ShellRunner

pytestmark = pytest.mark.browser

DESKTOP: ViewportSize = {"width": 1366, "height": 900}
CLIENT_ID = "candour-browser-tests"
CLIENT_SECRET = "browser-test-client-secret"
PROVIDER_PASSWORD = "council-account-password"
BUTTON = "Sign in with Riverside Council (Microsoft)"

_POINT_RIVERSIDE_AT = """
from candour.accounts.models import User
from candour.accounts.providers.services import ProviderSettings, configure_provider
from candour.core.models import Organisation

configure_provider(
    actor=User.objects.get(email="chris.evans@riverside.example"),
    organisation=Organisation.objects.get(name="Riverside Borough Council"),
    values=ProviderSettings(
        name="Riverside Council (Microsoft)",
        issuer={issuer!r},
        client_id={client_id!r},
        domains=["riverside.example"],
        acr_values=[],
        enabled=True,
        new_secret={secret!r},
    ),
)
"""


@pytest.fixture(scope="module")
def council_provider(server: str, candour_shell: ShellRunner) -> Iterator[TestProvider]:
    provider = TestProvider(title="Riverside Council sign-in").start()
    provider.register_client(CLIENT_ID, CLIENT_SECRET, [f"{server}/sign-in/organisation/return/"])
    provider.add_person(ProviderPerson("jo.okafor@riverside.example", PROVIDER_PASSWORD))
    provider.add_person(
        ProviderPerson("chris.evans@riverside.example", PROVIDER_PASSWORD, amr=["pwd", "mfa"])
    )
    candour_shell(
        _POINT_RIVERSIDE_AT.format(
            issuer=provider.issuer, client_id=CLIENT_ID, secret=CLIENT_SECRET
        )
    )
    yield provider
    provider.stop()


def _through_the_provider(page: Page, provider: TestProvider, email: str) -> None:
    page.goto("/sign-in/")
    page.get_by_role("link", name="Sign in with your organisation's account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sign in with your organisation's account"
    )
    page.get_by_label("Work email address").fill(email)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BUTTON)
    page.get_by_role("button", name=BUTTON).click()
    # The provider's own page, on its own address.
    page.wait_for_url(lambda url: url.startswith(f"{provider.issuer}/authorize?"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside Council sign-in")
    expect(page.get_by_label("Username")).to_be_visible()
    page.get_by_label("Username").fill(email)
    page.get_by_label("Password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_given_a_council_account_when_a_social_worker_signs_in_through_it_then_they_are_home(
    new_context: ContextFactory,
    council_provider: TestProvider,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    page = new_context(viewport=DESKTOP).new_page()
    page.goto("/sign-in/organisation/")
    page.get_by_label("Work email address").fill("jo.okafor@riverside.example")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("button", name=BUTTON)).to_be_visible()
    problems = serious_accessibility_problems(page)
    assert problems == [], "\n".join(problems)

    _through_the_provider(page, council_provider, "jo.okafor@riverside.example")

    page.wait_for_url("**/home/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your home page")
    expect(page.locator("main")).to_contain_text("You work in Child in Need Team")


def test_given_the_providers_second_factor_when_an_administrator_signs_in_then_no_code_is_asked(
    new_context: ContextFactory, council_provider: TestProvider
) -> None:
    page = new_context(viewport=DESKTOP).new_page()

    _through_the_provider(page, council_provider, "chris.evans@riverside.example")

    # Straight to the home page: no "Set up your authenticator app", no security code.
    page.wait_for_url("**/home/")
    expect(page.locator("main")).to_contain_text("Organisations you administer")


def test_given_an_email_at_another_domain_when_asked_then_passwords_are_offered_instead(
    new_context: ContextFactory, council_provider: TestProvider
) -> None:
    page = new_context(viewport=DESKTOP).new_page()
    page.goto("/sign-in/organisation/")
    page.get_by_label("Work email address").fill("dana.wright@moorland.example")
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_title(re.compile(r"^Error: Sign in with your organisation.s account"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("does not sign in to Candour with its own account")
    summary.get_by_role("link").click()
    expect(page.get_by_label("Work email address")).to_be_focused()


def test_given_the_administrators_settings_page_when_they_test_the_connection_then_it_works(
    signed_in_page: PageOpener,
    council_provider: TestProvider,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    page = signed_in_page("admin")
    page.set_viewport_size(DESKTOP)
    page.goto("/organisation/riverside-borough-council/")
    page.get_by_role("link", name="Sign-in with your organisation's account").click()
    expect(page.locator("#provider-summary")).to_contain_text(council_provider.issuer)
    expect(page.locator("#redirect-uri")).to_contain_text("/sign-in/organisation/return/")
    problems = serious_accessibility_problems(page)
    assert problems == [], "\n".join(problems)

    page.get_by_role("button", name="Test connection").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Connection works")
