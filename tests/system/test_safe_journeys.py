"""Issue 18's journeys at desktop and phone widths, with axe: a young child's feedback with
Exit this page, an anonymous child's disclosure with an optional way to be reached, and a
reporter's question pages with and without JavaScript (conditional contact box, errors
that keep what was typed, identifiers marked, Change links that come back to the check
page, one report however often Send is pressed, when to come back)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Route, expect

from tests.system.support import (
    ANONYMOUSLY,
    IN_CONFIDENCE,
    AccessibilityCheck,
    ContextFactory,
    ReportAnswers,
    ShellRunner,
    answer_report_pages,
)

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 320, "height": 640}}
NEUTRAL_SITE = "https://www.bbc.co.uk/weather"
CAUGHT = "What caught it or stopped it getting worse? (optional)"

MAKE_LINK = """
from candour.accounts.models import User
from candour.core.models import Organisation
from candour.voice.services import create_link
organisation = Organisation.objects.get(name="Riverside Borough Council")
admin = User.objects.get(email="chris.evans@riverside.example")
print(create_link(actor=admin, organisation=organisation, team=None, name={name!r}).token)
"""

COUNT_REPORTS = """
from candour.reporting.models import Report
print(Report.objects.filter(what_caught_it={marker!r}).count())
"""


def _link(candour_shell: ShellRunner, name: str) -> str:
    return candour_shell(MAKE_LINK.format(name=name)).strip().splitlines()[-1]


def _fits(page: Page, axe: AccessibilityCheck) -> None:
    assert axe(page) == []
    sideways = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert sideways <= 0, f"{page.url} scrolls {sideways}px sideways"


# axe itself needs JavaScript (its checks wait on timers that never fire without it).
SCRIPTS = re.compile(r"<script\b[^>]*>.*?</script>", re.S | re.I)


def _fits_without_javascript(page: Page, checker: Page, axe: AccessibilityCheck) -> None:
    """_fits for a page seen without JavaScript: its HTML as that browser has it, scripts
    taken out, shown at the same width in a page that can run axe."""
    checker.set_content(SCRIPTS.sub("", page.content()))
    _fits(checker, axe)


def _neutral_page(route: Route) -> None:
    route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>")


@pytest.mark.parametrize("width", WIDTHS)
def test_given_a_child_of_5_when_they_give_feedback_then_they_choose_and_can_leave_at_once(
    width: str,
    new_context: ContextFactory,
    candour_shell: ShellRunner,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    token = _link(candour_shell, f"Browser test: young, {width}")
    context = new_context(viewport=WIDTHS[width])
    context.route(re.compile(r"^https://www\.bbc\.co\.uk/.*"), _neutral_page)
    page = context.new_page()
    axe = serious_accessibility_problems
    page.goto(f"/feedback/{token}/")
    expect(page.locator(".govuk-service-navigation")).to_have_count(0)
    expect(page.locator(".govuk-phase-banner")).to_have_count(0)
    exit_button = page.get_by_role("button", name="Emergency Exit this page")
    expect(exit_button).to_be_visible()
    expect(exit_button).to_have_attribute("href", NEUTRAL_SITE)
    _fits(page, axe)

    page.get_by_label("I am 4 to 7", exact=True).check()
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Really good", exact=True).check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What was good?")
    expect(page.locator("textarea")).to_have_count(0)
    _fits(page, axe)
    page.get_by_label("We did fun things", exact=True).check()
    page.get_by_role("button", name="Next").click()
    expect(page.locator("textarea")).to_have_count(0)

    # Shift three times: the page is replaced by a neutral one (with JavaScript, once the
    # component has started: it adds its indicator).
    expect(page.locator(".govuk-exit-this-page__indicator")).to_have_count(1)
    for _ in range(3):
        page.keyboard.press("Shift")
    expect(page).to_have_url(NEUTRAL_SITE, timeout=5000)


def test_given_no_javascript_exit_this_page_is_still_a_link_to_a_neutral_site(
    new_context: ContextFactory, candour_shell: ShellRunner
) -> None:
    token = _link(candour_shell, "Browser test: exit without JavaScript")
    context = new_context(java_script_enabled=False)
    context.route(re.compile(r"^https://www\.bbc\.co\.uk/.*"), _neutral_page)
    page = context.new_page()
    page.goto(f"/feedback/{token}/")
    page.get_by_role("button", name="Emergency Exit this page").click()
    expect(page).to_have_url(NEUTRAL_SITE)


@pytest.mark.parametrize("width", WIDTHS)
def test_given_an_anonymous_child_who_discloses_then_they_are_told_honestly_and_may_say_how_to_reach_them(  # noqa: E501
    width: str,
    new_context: ContextFactory,
    candour_shell: ShellRunner,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    token = _link(candour_shell, f"Browser test: contact, {width}")
    page = new_context(viewport=WIDTHS[width]).new_page()
    axe = serious_accessibility_problems
    page.goto(f"/feedback/{token}/")
    page.get_by_label("I am 8 to 12", exact=True).check()
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Not good", exact=True).check()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("What would make it better?").fill("my stepdad hits me and im scared")
    for _ in range(3):
        page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for telling us")
    expect(page.locator("#nobody-may-know")).to_contain_text("may not know who you are")
    _fits(page, axe)

    page.get_by_role("button", name="Send how to reach me").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    page.locator(".govuk-error-summary").get_by_role("link").click()
    expect(page.get_by_label("Would you like someone to contact you? (optional)")).to_be_focused()
    _fits(page, axe)
    page.get_by_label("Would you like someone to contact you? (optional)").fill("Sam, Hill School")
    page.get_by_role("button", name="Send how to reach me").click()
    expect(page.locator("#contact-given")).to_contain_text("We have passed on how to reach you")


def _answers(marker: str) -> ReportAnswers:
    return ReportAnswers(
        what_happened=(
            "I visited Zofia Kowalczyk at 27 Larch Grove and the letter went to the wrong family."
        ),
        what_caught_it=marker,
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_given_a_reporter_when_they_check_and_send_twice_then_one_report_is_sent(
    width: str,
    new_context: ContextFactory,
    candour_shell: ShellRunner,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    marker = f"A colleague noticed, browser test {width}."
    page = new_context(viewport=WIDTHS[width]).new_page()
    axe = serious_accessibility_problems
    page.goto("/report/new/")
    answer_report_pages(page, _answers(marker))
    expect(page.locator("#answer-what_happened mark").first).to_contain_text("Zofia")
    expect(page.locator("#removals")).to_be_visible()
    _fits(page, axe)

    # The contact box shows under "in confidence" only (with JavaScript).
    page.get_by_role("link", name="Change how you are sending it").click()
    contact = page.get_by_label("How can the learning team contact you? (only if in confidence)")
    expect(contact).to_be_hidden()
    page.get_by_label(IN_CONFIDENCE).check()
    expect(contact).to_be_visible()
    page.get_by_label(ANONYMOUSLY, exact=True).check()
    expect(contact).to_be_hidden()
    _fits(page, axe)
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("link", name="Change what caught it").click()
    expect(page.get_by_label(CAUGHT)).to_be_focused()
    expect(page.get_by_label(CAUGHT)).to_have_value(marker)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your report before sending it")

    # Two presses as fast as a double click: the second form post races the first.
    send = page.get_by_role("button", name="Send report")
    page.evaluate(
        "() => { const form = document.getElementById('check-form');"
        " const button = form.querySelector('button[type=submit]');"
        " form.requestSubmit(button); form.requestSubmit(button); }"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Report sent")
    expect(send).to_have_count(0)
    expect(page.locator("#come-back")).to_contain_text("working days")
    _fits(page, axe)
    count = candour_shell(COUNT_REPORTS.format(marker=marker)).strip().splitlines()[-1]
    assert count == "1"


@pytest.mark.parametrize("width", WIDTHS)
def test_given_no_javascript_a_reporter_answers_a_page_at_a_time_changes_an_answer_and_sends(
    width: str,
    new_context: ContextFactory,
    candour_shell: ShellRunner,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    marker = f"A colleague noticed, second browser test {width}."
    page = new_context(viewport=WIDTHS[width], java_script_enabled=False).new_page()
    checker = new_context(viewport=WIDTHS[width]).new_page()
    checker.goto("/accessibility/")  # the server's origin, so the page's styles load

    def fits(on: Page) -> None:
        _fits_without_javascript(on, checker, serious_accessibility_problems)

    heading = page.get_by_role("heading", level=1)
    continue_button = page.get_by_role("button", name="Continue")
    page.goto("/report/")
    page.get_by_role("button", name="Start now").click()
    expect(heading).to_have_text("Which organisation is this about?")
    fits(page)
    page.get_by_label("Which organisation is this about?").select_option(
        label="Riverside Borough Council"
    )
    continue_button.click()

    # Refused: the one error pattern, all on the server.
    expect(heading).to_have_text("What happened?")
    continue_button.click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Tell us what happened")
    fits(page)
    words = _answers(marker).what_happened
    page.get_by_label("What happened?", exact=True).fill(words)
    continue_button.click()
    # Back, and the words are still there.
    expect(heading).to_have_text("What was the outcome?")
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page.get_by_label("What happened?", exact=True)).to_have_value(words)
    continue_button.click()
    page.get_by_label("It was caught before it reached a child or family", exact=True).check()
    fits(page)
    continue_button.click()

    expect(heading).to_have_text("When and where did it happen?")
    page.get_by_label("When did it happen?").select_option(index=1)
    page.get_by_label("Afternoon", exact=True).check()
    continue_button.click()
    expect(page.locator("#id_setting-error")).to_contain_text("Choose where it happened")
    expect(page.get_by_label("Afternoon", exact=True)).to_be_checked()
    fits(page)
    page.get_by_label("A home visit", exact=True).check()
    continue_button.click()

    expect(heading).to_have_text("What helped, and what made it more likely?")
    page.get_by_label(CAUGHT, exact=True).fill(marker)
    fits(page)
    continue_button.click()

    # Without JavaScript the contact box shows under "in confidence", and is still only
    # asked for then.
    expect(heading).to_have_text("How do you want to send this?")
    expect(
        page.get_by_label("How can the learning team contact you? (only if in confidence)")
    ).to_be_visible()
    fits(page)
    page.get_by_label(ANONYMOUSLY, exact=True).check()
    continue_button.click()
    expect(heading).to_have_text("Check your report before sending it")
    expect(page.locator("#answer-what_happened mark").first).to_contain_text("Zofia")
    fits(page)

    # A Change link goes to the answer's page and comes back to the check page.
    page.get_by_role("link", name="Change where").click()
    expect(heading).to_have_text("When and where did it happen?")
    page.get_by_label("A school or nursery", exact=True).check()
    continue_button.click()
    expect(heading).to_have_text("Check your report before sending it")
    expect(page.locator("#answer-setting")).to_have_text("A school or nursery")

    page.get_by_role("button", name="Send report").click()
    expect(heading).to_have_text("Report sent")
    fits(page)
    count = candour_shell(COUNT_REPORTS.format(marker=marker)).strip().splitlines()[-1]
    assert count == "1"
