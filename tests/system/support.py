"""Helpers the browser tests share: signing personas in, authenticator codes, axe-core."""

from __future__ import annotations

import re
import time
from base64 import b32decode
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django_otp.oath import hotp
from playwright.sync_api import BrowserContext, Page, expect

from candour.accounts.roles import ROLES_REQUIRING_TWO_FACTOR
from candour.demo.core import DEMO_PASSWORD, PERSONAS

# new_context(**options) makes a context on the test server; closed after the test.
ContextFactory = Callable[..., BrowserContext]
# signed_in_page("admin") opens a page as a demo persona, by key in candour.demo.core.
PageOpener = Callable[[str], Page]
# accessibility_problems(page) describes each serious or critical axe-core violation.
AccessibilityCheck = Callable[[Page], list[str]]
# candour_shell(code) runs Python in `candour shell` on the server's database; its output.
ShellRunner = Callable[[str], str]

RIVERSIDE = "/organisation/riverside-borough-council/"
TOTP_STEP_SECONDS = 30

# A learning team analyst who exists only for the accessibility test, so that the
# authenticator set-up page is seen whatever order the tests run in.
UNENROLLED_ANALYST = "robin.ellis@riverside.example"
CREATE_UNENROLLED_ANALYST = f"""
from candour.accounts.roles import Role
from candour.accounts.services import create_user, grant_role
from candour.demo.core import DEMO_PASSWORD
from candour.core.models import Organisation
org = Organisation.objects.get(name="Riverside Borough Council")
user = create_user(actor=None, organisation=org, email="{UNENROLLED_ANALYST}",
                   full_name="Robin Ellis", password=DEMO_PASSWORD)
grant_role(actor=None, user=user, organisation=org, role=Role.ANALYST)
"""

AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_BLOCKING_IMPACTS = {"serious", "critical"}
RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""


def accessibility_problems(page: Page, axe_source: str) -> list[str]:
    """Run axe-core on the page as it is now; describe serious and critical violations."""
    # Evaluated through the DevTools protocol, so the page's strict CSP does not block it.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    violations: list[dict[str, Any]] = page.evaluate(RUN_AXE, AXE_TAGS)
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} at {' | '.join(v['targets'])}"
        for v in violations
        if v["impact"] in AXE_BLOCKING_IMPACTS
    ]


def totp_code(setup_key: str, step: int) -> str:
    """The 6-digit RFC 6238 code an authenticator app shows for a 30-second time step."""
    key = setup_key.replace(" ", "").upper()
    key += "=" * (-len(key) % 8)
    return f"{hotp(b32decode(key), step):06d}"


@dataclass
class Authenticator:
    """The authenticator app on one persona's phone: its key and the last step used."""

    setup_key: str
    last_step: int = -1

    def next_code(self) -> str:
        # The server accepts each step only once, but also accepts the next step early;
        # beyond that, wait for the clock rather than send a code it must refuse.
        step = max(int(time.time()) // TOTP_STEP_SECONDS, self.last_step + 1)
        while step > int(time.time()) // TOTP_STEP_SECONDS + 1:
            time.sleep(0.5)
        self.last_step = step
        return totp_code(self.setup_key, step)


@dataclass
class Personas:
    """Signs people in through the browser and remembers their authenticator apps.

    One instance lives for the test session, as long as the server's database, so it
    knows whether a person has set up two-factor sign-in yet.
    """

    authenticators: dict[str, Authenticator] = field(default_factory=dict)
    storage: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def email(key: str) -> str:
        return next(p.email for p in PERSONAS if p.key == key)

    @staticmethod
    def needs_two_factor(email: str) -> bool:
        persona = next((p for p in PERSONAS if p.email == email), None)
        return persona is None or persona.role in ROLES_REQUIRING_TWO_FACTOR

    def two_factor_page(self, email: str) -> str:
        """The heading a person who needs two-factor sign-in meets after the password."""
        if email in self.authenticators:
            return "Enter your security code"
        return "Set up your authenticator app"

    def submit_password(self, page: Page, email: str) -> None:
        page.goto("/sign-in/")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()

    def pass_second_factor(self, page: Page, email: str) -> None:
        """Set up the authenticator app the first time, or enter its code afterwards."""
        heading = page.get_by_role("heading", level=1).inner_text()
        expected = self.two_factor_page(email)
        assert heading == expected, f"{email} met {heading!r} after the password, not {expected!r}"
        if email not in self.authenticators:
            setup_key = page.locator("#setup-key").inner_text().strip()
            self.authenticators[email] = Authenticator(setup_key)
        page.get_by_label("Security code").fill(self.authenticators[email].next_code())
        page.get_by_role("button", name="Continue").click()

    def sign_in(self, page: Page, email: str) -> None:
        """Sign in with the password and, where the role needs it, a security code."""
        self.submit_password(page, email)
        if self.needs_two_factor(email):
            self.pass_second_factor(page, email)
        page.wait_for_url("**/home/")

    def signed_in_context(self, new_context: ContextFactory, key: str) -> BrowserContext:
        """A context already signed in as the persona; each signs in once per session."""
        return self.signed_in_context_for(new_context, self.email(key))

    def signed_in_context_for(self, new_context: ContextFactory, email: str) -> BrowserContext:
        """A context already signed in as anyone with the demo password, by email."""
        if email not in self.storage:
            context = new_context()
            self.sign_in(context.new_page(), email)
            self.storage[email] = context.storage_state()
            context.close()
        return new_context(storage_state=self.storage[email])


ANONYMOUSLY = "Anonymously: nothing that identifies you is kept, so we cannot contact you"
IN_CONFIDENCE = re.compile("^In confidence")


@dataclass(frozen=True)
class ReportAnswers:
    """What a reporter answers on the report's question pages (ADR 0029), by label."""

    what_happened: str
    organisation: str = "Riverside Borough Council"
    outcome: str = "It was caught before it reached a child or family"
    month_index: int = 1
    part_of_day: str = "Afternoon"
    setting: str = "A home visit"
    team: str = ""
    what_caught_it: str = ""
    factors: tuple[str, ...] = ()
    what_made_it_likely: str = ""
    what_would_prevent: str = ""
    contact: str = ""  # given: in confidence; empty: anonymously


def answer_report_pages(page: Page, answers: ReportAnswers) -> str:
    """From the first question page to the check page, a page at a time; the month
    chosen, as shown."""
    heading = page.get_by_role("heading", level=1)
    continue_button = page.get_by_role("button", name="Continue")
    if heading.inner_text() == "Which organisation is this about?":
        page.get_by_label("Which organisation is this about?").select_option(
            label=answers.organisation
        )
        continue_button.click()
    expect(heading).to_have_text("What happened?")
    page.get_by_label("What happened?", exact=True).fill(answers.what_happened)
    continue_button.click()
    expect(heading).to_have_text("What was the outcome?")
    page.get_by_label(answers.outcome, exact=True).check()
    continue_button.click()
    expect(heading).to_have_text("When and where did it happen?")
    month = page.get_by_label("When did it happen?")
    month.select_option(index=answers.month_index)
    page.get_by_label(answers.part_of_day, exact=True).check()
    page.get_by_label(answers.setting, exact=True).check()
    if answers.team:
        page.get_by_label("Which team's work was it? (optional)").select_option(label=answers.team)
    shown = month.locator("option:checked").inner_text().strip()
    continue_button.click()
    expect(heading).to_have_text("What helped, and what made it more likely?")
    for label, text in (
        ("What caught it or stopped it getting worse? (optional)", answers.what_caught_it),
        ("Anything else that made it more likely? (optional)", answers.what_made_it_likely),
        ("What would stop it happening again? (optional)", answers.what_would_prevent),
    ):
        if text:
            page.get_by_label(label, exact=True).fill(text)
    for factor in answers.factors:
        page.get_by_label(factor, exact=True).check()
    continue_button.click()
    expect(heading).to_have_text("How do you want to send this?")
    if answers.contact:
        page.get_by_label(IN_CONFIDENCE).check()
        page.get_by_label("How can the learning team contact you? (only if in confidence)").fill(
            answers.contact
        )
    else:
        page.get_by_label(ANONYMOUSLY, exact=True).check()
    continue_button.click()
    expect(heading).to_have_text("Check your report before sending it")
    return shown
