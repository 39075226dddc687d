"""Assisted and paper routes (issue 22 item 5, ADR 0035): an advocate types in a child's
paper feedback that tells of harm, at desktop and phone widths; it reaches the duty team
as online feedback does, and the printable forms are offered."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from tests.system.support import AccessibilityCheck, ContextFactory, Personas, ShellRunner

pytestmark = pytest.mark.browser

DISCLOSURE = "my stepdad hits me and I'm scared to go home"

MAKE_LINK = """
from candour.accounts.models import User
from candour.core.models import Organisation, Team
from candour.voice.services import create_link
organisation = Organisation.objects.get(name="Riverside Borough Council")
admin = User.objects.get(email="chris.evans@riverside.example")
team = Team.objects.get(organisation=organisation, name="Child in Need Team")
print(create_link(actor=admin, organisation=organisation, team=team, name={name!r}).token)
"""

WHAT_ARRIVED = """
import json
from candour.notifications.models import OutboundEmail
from candour.voice.models import Feedback
feedback = Feedback.objects.select_related("safeguarding_alert").get(link__token={token!r})
alert = feedback.safeguarding_alert
print(json.dumps({{"channel": feedback.channel, "band": feedback.age_band,
    "sent_to": alert.sent_to, "state": alert.state,
    "emailed": OutboundEmail.objects.filter(
        to=alert.sent_to, subject__contains="afeguarding"
    ).exists()}}))
"""


def _check(page: Page, axe: AccessibilityCheck) -> None:
    assert axe(page) == []
    width = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert width <= 0, f"{page.url} scrolls {width}px sideways"


@pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 900}, {"width": 320, "height": 640}],
    ids=["desktop", "phone"],
)
def test_given_a_childs_paper_form_that_tells_of_harm_when_an_advocate_types_it_in_then_the_duty_team_has_it(  # noqa: E501
    new_context: ContextFactory,
    personas: Personas,
    candour_shell: ShellRunner,
    serious_accessibility_problems: AccessibilityCheck,
    viewport: ViewportSize,
) -> None:
    axe = serious_accessibility_problems
    name = f"Browser test: paper forms ({viewport['width']}px)"
    token = candour_shell(MAKE_LINK.format(name=name)).strip().splitlines()[-1]
    context = personas.signed_in_context(new_context, "advocate")
    page = context.new_page()
    page.set_viewport_size(viewport)

    # Given the advocate's Paper and phone page, which offers the paper forms to print.
    page.goto("/home/")
    expect(page.locator('nav a[href="/paper-and-phone/"]')).to_have_count(1)
    page.goto("/paper-and-phone/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Paper and phone")
    _check(page, axe)
    report_form = page.get_by_role("link", name="Report form (PDF, Cymraeg)").first
    printed = page.request.get(report_form.get_attribute("href") or "")
    assert printed.headers["content-type"] == "application/pdf"
    page.get_by_role(
        "link", name="Children's and families' feedback forms, by age and language"
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Print a feedback form")
    _check(page, axe)
    form_link = page.locator(f'a[href^="/feedback/{token}/paper/8_12/"]').first
    printed = page.request.get(form_link.get_attribute("href") or "")
    assert printed.headers["content-type"] == "application/pdf"
    assert printed.body().startswith(b"%PDF")
    page.go_back()

    # When they send it without saying how it came, they are told, and keep what they typed.
    page.get_by_role("link", name="Type in feedback from a child or family").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Type in feedback from a child or family"
    )
    _check(page, axe)
    page.get_by_label("Which team or feedback link is it about?").select_option(label=name)
    page.get_by_label("I am 8 to 12").check()
    page.get_by_label("Poor (on children's forms: Not good or Bad)", exact=True).check()
    page.get_by_label("What could we do better?").fill(DISCLOSURE)
    page.get_by_role("button", name="Send feedback").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose how the feedback was given to you"
    )
    expect(page.get_by_label("What could we do better?")).to_have_value(DISCLOSURE)
    _check(page, axe)

    # Then, once they say it came on paper, it goes to the duty team at once.
    page.get_by_label("On a paper form").check()
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback sent to the duty team")
    expect(page.locator("#sent-to-duty")).to_contain_text("with your name")
    _check(page, axe)

    arrived = json.loads(candour_shell(WHAT_ARRIVED.format(token=token)).strip().splitlines()[-1])
    assert arrived == {
        "channel": "paper",
        "band": "8_12",
        "sent_to": "duty.team@riverside.example",
        "state": "sent",
        "emailed": True,
    }
