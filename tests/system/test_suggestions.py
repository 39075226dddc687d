"""Suggested codes on the coding page: an analyst reads why, accepts one and saves it.

The module makes its own reviewed report, so that it depends on no other test's coding.
The suggestion it follows comes from the keyword rules on a cold start and, once the
organisation's suggester is trained, from the rules and past coding together.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.system.support import AccessibilityCheck, PageOpener, ShellRunner

pytestmark = pytest.mark.browser

ORGANISATION = "Riverside Borough Council"
CODE = "Fatigue, stress or ill health"
WHAT_HAPPENED = (
    "I was exhausted after a double shift on the duty rota, had not slept properly and felt "
    "worn out by the time I wrote up the visit, so the note went on the wrong family's file."
)
# The words of the keyword rules for the code that this report contains.
RULE_WORDS = re.compile(r"exhausted|double shift|not slept|worn out")
SET_UP = f"""
from candour.accounts.models import User
from django.utils import timezone
from candour.core.models import Organisation
from candour.reporting import services
from candour.reporting.vocabulary import Outcome, PartOfDay, Route, Setting
org = Organisation.objects.get(name="{ORGANISATION}")
analyst = User.objects.get(email="alex.morgan@riverside.example")
report = services.submit_report(
    organisation=org, team=None, route=Route.ANONYMOUS, outcome=Outcome.NEAR_MISS,
    setting=Setting.HOME_VISIT, occurred_month=timezone.localdate(),
    part_of_day=PartOfDay.AFTERNOON, factors=[],
    narrative=services.Narrative(what_happened={WHAT_HAPPENED!r}),
).report
services.review_redactions(actor=analyst, report=report, keep={{}}, add_phrases={{}})
print(report.reference)
"""


@pytest.fixture(scope="module")
def reference(candour_shell: ShellRunner) -> str:
    """A new reviewed report in Riverside that nobody has coded yet."""
    return candour_shell(SET_UP).strip().splitlines()[-1]


def _card(page: Page, title: str) -> Locator:
    return page.locator("#suggested-codes .govuk-summary-card").filter(
        has=page.get_by_role("heading", name=title, exact=True)
    )


def test_given_a_reviewed_report_when_the_analyst_accepts_a_suggestion_then_it_is_ticked(
    signed_in_page: PageOpener, reference: str, serious_accessibility_problems: AccessibilityCheck
) -> None:
    problems: list[str] = []
    analyst = signed_in_page("analyst")
    analyst.goto(f"/learning/reports/{reference}/coding/")
    expect(analyst.get_by_role("heading", level=2, name="Suggested codes")).to_be_visible()

    # The suggestion says how strong it is in words, and why.
    card = _card(analyst, CODE)
    expect(card).to_have_count(1)
    expect(card.locator(".govuk-tag")).to_have_text(re.compile(r"^(Strong|Possible)$"))
    expect(card).to_contain_text("The report says:")
    expect(card.locator("q").filter(has_text=RULE_WORDS).first).to_be_visible()
    expect(analyst.get_by_label(CODE, exact=True)).not_to_be_checked()
    problems += serious_accessibility_problems(analyst)

    # Accepting records it and ticks the code; the suggestion leaves the list.
    card.get_by_role("button", name=f"Accept {CODE}").click()
    expect(analyst.get_by_role("status")).to_contain_text(f"Accepted: {CODE} is ticked in the form")
    # The page comes back at the suggestions, where the analyst was.
    assert analyst.url.endswith("#suggested-codes")
    expect(analyst.get_by_label(CODE, exact=True)).to_be_checked()
    expect(_card(analyst, CODE)).to_have_count(0)
    problems += serious_accessibility_problems(analyst)

    # Accepted but not saved: the report's task list says the coding is in progress.
    analyst.get_by_role("link", name="Back to the report's tasks").click()
    expect(analyst.locator("#task-coding-status")).to_have_text("In progress")
    analyst.get_by_role("link", name="Code the human factors").click()
    expect(analyst.get_by_label(CODE, exact=True)).to_be_checked()

    # Saving keeps it as the analyst's own coding, and returns to the task list.
    analyst.get_by_role("button", name="Save coding").click()
    expect(analyst.get_by_role("alert")).to_contain_text("Coding saved")
    expect(analyst.locator("#task-coding-status")).to_have_text("Completed")
    analyst.get_by_role("link", name="Code the human factors").click()
    expect(analyst.get_by_label(CODE, exact=True)).to_be_checked()
    expect(_card(analyst, CODE)).to_have_count(0)

    # The page about suggestions explains them and counts the verdict.
    analyst.get_by_role("link", name="How suggestions are made, and how accurate they are").click()
    expect(analyst.get_by_role("heading", level=1)).to_have_text("Code suggestions")
    expect(analyst.locator("main")).to_contain_text("no better than guessing")
    row = analyst.locator("#code-quality tbody tr").filter(
        has=analyst.get_by_role("rowheader", name=CODE, exact=True)
    )
    expect(row).to_contain_text(re.compile(r"\d+ of \d+ \(\d+%\)"))
    problems += serious_accessibility_problems(analyst)

    assert problems == [], "\n".join(problems)


def test_given_a_manager_when_they_open_the_suggestions_page_then_it_is_not_found(
    signed_in_page: PageOpener,
) -> None:
    manager = signed_in_page("manager")
    response = manager.goto("/learning/suggestions/")
    assert response is not None
    assert response.status == 404
