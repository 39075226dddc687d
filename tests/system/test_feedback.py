"""Children's feedback: the 8 to 12 form end to end, by keyboard and on a small phone, and a
disclosure that reaches the people who must act on it at once (issue 6)."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.system.support import (
    AccessibilityCheck,
    ContextFactory,
    PageOpener,
    Personas,
    ShellRunner,
)

pytestmark = pytest.mark.browser

GOOD = "My social worker listened to me and helped with school."
BETTER = "Come on time."
CHANGED_GOOD = "She listened to me."
IDEA = "A games room at the office."
DISCLOSURE = "my stepdad hits me and I'm scared to go home"

MAKE_LINK = """
from candour.accounts.models import User
from candour.core.models import Organisation, Team
from candour.voice.services import create_link
organisation = Organisation.objects.get(name="Riverside Borough Council")
admin = User.objects.get(email="chris.evans@riverside.example")
team = Team.objects.get(organisation=organisation, name="Assessment Team 1")
print(create_link(actor=admin, organisation=organisation, team=team, name={name!r}).token)
"""

LATEST_ALERT = """
import json
from candour.voice.models import SafeguardingAlert
alert = SafeguardingAlert.objects.filter(feedback__link__token={token!r}).get()
lead = alert.organisation.safety_lead
print(json.dumps({{"pk": alert.pk, "state": alert.state, "by": alert.acknowledged_by_name,
    "action": alert.action, "lead": lead.email if lead else None}}))
"""


def _link(candour_shell: ShellRunner, name: str) -> str:
    return candour_shell(MAKE_LINK.format(name=name)).strip().splitlines()[-1]


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert width <= 0, f"{page.url} scrolls {width}px sideways at 320px"


def _check(page: Page, axe: AccessibilityCheck) -> None:
    assert axe(page) == []
    _no_sideways_scroll(page)


def _choose(page: Page, label: str) -> None:
    """Pick a radio button from the keyboard: focus it and press the space bar."""
    page.get_by_label(label, exact=True).focus()
    page.keyboard.press("Space")
    expect(page.get_by_label(label, exact=True)).to_be_checked()


def _type(page: Page, label: str, text: str) -> None:
    field = page.get_by_label(label)
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def _press(page: Page, button: str) -> None:
    page.get_by_role("button", name=button).press("Enter")


def _start_as_8_to_12(page: Page, token: str, axe: AccessibilityCheck) -> None:
    page.goto(f"/feedback/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us how it was")
    _check(page, axe)
    _choose(page, "I am 8 to 12")
    _press(page, "Start")
    expect(page.get_by_role("heading", level=1)).to_have_text("How was it?")


def test_given_a_child_of_10_when_they_give_feedback_by_keyboard_then_every_page_works(
    new_context: ContextFactory,
    candour_shell: ShellRunner,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    token = _link(candour_shell, "Browser test: keyboard")
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    axe = serious_accessibility_problems
    _start_as_8_to_12(page, token, axe)

    # No answer: the same question again, saying what to do.
    _check(page, axe)
    _press(page, "Next")
    expect(page.get_by_role("heading", level=1)).to_have_text("How was it?")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose one answer")
    expect(page.locator("#rating-error")).to_contain_text("Choose one answer")
    assert page.title().startswith("Error:")
    _check(page, axe)

    _choose(page, "Good")
    _press(page, "Next")
    expect(page.get_by_role("heading", level=1)).to_have_text("What was good?")
    _check(page, axe)
    _type(page, "What was good?", GOOD)
    _press(page, "Next")
    expect(page.get_by_role("heading", level=1)).to_have_text("What would make it better?")
    _check(page, axe)
    _type(page, "What would make it better?", BETTER)
    _press(page, "Next")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Have you got an idea to make things better for children?"
    )
    _check(page, axe)
    _type(page, "Have you got an idea to make things better for children?", IDEA)
    _press(page, "Next")
    expect(page.get_by_role("heading", level=1)).to_have_text("Who did you see?")
    _check(page, axe)
    _choose(page, "My social worker")
    _press(page, "Next")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    _check(page, axe)
    answers = page.locator("#answers")
    for shown in ("Good", GOOD, BETTER, IDEA, "My social worker"):
        expect(answers).to_contain_text(shown)

    # Change one answer: the others are kept.
    page.get_by_role("link", name="Change What was good?").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("What was good?")
    expect(page.get_by_label("What was good?")).to_have_value(GOOD)
    _type(page, "What was good?", CHANGED_GOOD)
    _press(page, "Next")
    expect(page.get_by_label("What would make it better?")).to_have_value(BETTER)
    _press(page, "Next")
    expect(
        page.get_by_label("Have you got an idea to make things better for children?")
    ).to_have_value(IDEA)
    _press(page, "Next")
    expect(page.get_by_label("My social worker", exact=True)).to_be_checked()
    _press(page, "Next")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(answers).to_contain_text(CHANGED_GOOD)
    expect(answers).not_to_contain_text(GOOD)
    for shown in ("Good", BETTER, IDEA, "My social worker"):
        expect(answers).to_contain_text(shown)

    _press(page, "Send")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.locator("#what-happens-next")).to_have_count(0)
    _check(page, axe)


def test_given_a_child_who_is_not_safe_when_they_say_so_then_they_are_told_what_happens_and_the_alert_is_acknowledged(  # noqa: E501
    new_context: ContextFactory,
    personas: Personas,
    candour_shell: ShellRunner,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    token = _link(candour_shell, "Browser test: disclosure")
    page = new_context().new_page()
    axe = serious_accessibility_problems
    _start_as_8_to_12(page, token, axe)
    _choose(page, "Not good")
    _press(page, "Next")
    _type(page, "What was good?", "")
    _press(page, "Next")
    _type(page, "What would make it better?", DISCLOSURE)
    _press(page, "Next")
    _press(page, "Next")
    _press(page, "Next")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    _press(page, "Send")

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for telling us")
    expect(page.locator("main")).to_contain_text("What happens next")
    expect(page.locator("main")).to_contain_text("sent what you wrote to our safeguarding team")
    expect(page.get_by_role("link", name="0800 1111")).to_have_attribute("href", "tel:08001111")
    expect(page.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
    assert axe(page) == []

    alert = json.loads(candour_shell(LATEST_ALERT.format(token=token)).strip().splitlines()[-1])
    assert alert["state"] == "sent"
    # The safety lead is told in Candour (the organisation's administrators when there is none).
    email = alert["lead"] or personas.email("admin")
    lead = personas.signed_in_context_for(new_context, email).new_page()
    lead.goto("/")
    lead.get_by_role("navigation").get_by_role("link", name=re.compile("^Notifications")).click()
    notice = lead.locator(f'#notifications a[href$="/safeguarding/alerts/{alert["pk"]}/"]')
    expect(notice.first).to_contain_text("afeguarding")
    notice.first.click()
    expect(lead).to_have_url(re.compile(rf"/safeguarding/alerts/{alert['pk']}/$"))
    expect(lead.get_by_role("heading", level=1)).to_have_text("Safeguarding alert from feedback")
    expect(lead.locator("#their-words")).to_contain_text(DISCLOSURE)
    expect(lead.locator("#alert-state")).to_have_text("Sent to the duty contact")
    assert axe(lead) == []

    lead.get_by_label("What is being done about it").fill(
        "Rang the duty team: a social worker is visiting the school today."
    )
    lead.get_by_role("button", name="Acknowledge").click()
    expect(lead.locator("#alert-state")).to_have_text("Acknowledged")
    assert axe(lead) == []

    after = json.loads(candour_shell(LATEST_ALERT.format(token=token)).strip().splitlines()[-1])
    assert after["state"] == "acknowledged"
    assert after["action"].startswith("Rang the duty team")
    assert after["by"]


def test_given_a_years_feedback_when_people_read_the_results_and_set_up_links_then_the_pages_are_accessible(  # noqa: E501
    signed_in_page: PageOpener, serious_accessibility_problems: AccessibilityCheck
) -> None:
    manager = signed_in_page("manager")
    manager.goto("/")
    manager.get_by_role("navigation").get_by_role("link", name="Feedback").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text(
        "What children and families told us"
    )
    expect(manager.locator("#small-numbers")).to_contain_text("fewer than 10")
    assert serious_accessibility_problems(manager) == []

    admin = signed_in_page("admin")
    admin.goto("/")
    admin.get_by_role("navigation").get_by_role("link", name="Organisation").click()
    admin.get_by_role("link", name="Feedback links and QR codes").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Feedback links")
    assert serious_accessibility_problems(admin) == []
    admin.locator("#links").get_by_role("link", name=re.compile("^QR code to print")).first.click()
    expect(admin.locator("#qr-code svg")).to_be_visible()
    assert serious_accessibility_problems(admin) == []
    admin.goto("/")
    admin.get_by_role("navigation").get_by_role("link", name="Organisation").click()
    admin.get_by_role("link", name="Duty contact for children's feedback").click()
    expect(admin.get_by_label("Duty team email address")).to_have_value(
        "duty.team@riverside.example"
    )
    assert serious_accessibility_problems(admin) == []


def test_given_no_javascript_when_a_child_gives_feedback_then_it_is_sent(
    new_context: ContextFactory, candour_shell: ShellRunner
) -> None:
    token = _link(candour_shell, "Browser test: no JavaScript")
    page = new_context(java_script_enabled=False).new_page()
    page.goto(f"/feedback/{token}/")
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))
    page.get_by_label("I am 8 to 12", exact=True).check()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How was it?")

    page.get_by_role("button", name="Next").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose one answer")
    page.get_by_label("Good", exact=True).check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What was good?")
    page.get_by_label("What was good?").fill(GOOD)
    page.get_by_role("button", name="Next").click()
    page.get_by_label("What would make it better?").fill(BETTER)
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Have you got an idea to make things better for children?").fill(IDEA)
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who did you see?")
    page.get_by_role("button", name="Next").click()  # optional: may be left blank

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    for shown in ("Good", GOOD, BETTER, IDEA):
        expect(page.locator("#answers")).to_contain_text(shown)
    page.get_by_role("button", name=re.compile("Send")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    page.locator("#you-said-link").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.endswith(f"/feedback/{token}/you-said/")
