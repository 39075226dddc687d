"""The safety culture survey: a member of staff answers through their single-use link,
without signing in, and the link then says it has been used (issue 8)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.system.support import AccessibilityCheck, ShellRunner

pytestmark = pytest.mark.browser

OPEN_WAVE = """
from datetime import timedelta
from django.utils import timezone
from candour.accounts.models import User
from candour.core.models import Organisation, Team
from candour.surveys.services import open_wave
organisation = Organisation.objects.get(name="Riverside Borough Council")
admin = User.objects.get(email="chris.evans@riverside.example")
team = Team.objects.get(organisation=organisation, name="Assessment Team 1")
opened = open_wave(actor=admin, organisation=organisation, title="Browser test wave",
    teams=[team], closes_on=timezone.localdate() + timedelta(days=14),
    extra_questions=["Our team debriefs after a difficult visit."])
person = User.objects.get(email="sam.patel@riverside.example")
print(opened.tokens[person.pk])
"""


def test_given_an_invitation_when_staff_answer_through_the_link_then_it_works_once(
    page: Page, candour_shell: ShellRunner, serious_accessibility_problems: AccessibilityCheck
) -> None:
    token = candour_shell(OPEN_WAVE).strip().splitlines()[-1]
    axe = serious_accessibility_problems
    page.goto(f"/survey/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Browser test wave")
    expect(page.locator("#anonymity")).to_contain_text("Your answers are anonymous")
    assert axe(page) == []

    # Sent half-done: the error summary says what is missing, and nothing chosen is lost.
    page.get_by_role("group", name="Mistakes are held against me.").get_by_label(
        "Strongly disagree"
    ).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("still need an answer")
    expect(
        page.get_by_role("group", name="Mistakes are held against me.").get_by_label(
            "Strongly disagree"
        )
    ).to_be_checked()
    assert page.title().startswith("Error:")
    assert axe(page) == []

    # Every other question: "Agree" on the agree scale, "Often" on the burnout scale.
    for radio in page.locator("input[type=radio][value='4']").all():
        name = radio.get_attribute("name")
        if page.locator(f"input[name='{name}']:checked").count() == 0:
            radio.check()
    page.get_by_label("What one thing would make it safer to speak up here?").fill(
        "Managers talking about their own mistakes."
    )
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you: your answers have been sent"
    )
    assert axe(page) == []

    page.goto(f"/survey/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This link has already been used")
    assert axe(page) == []
