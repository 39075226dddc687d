"""Subscriptions: follow a team from its idea board, choose weekly, and unsubscribe from
an email's link without signing in (issue 23, ADR 0034)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.system.support import AccessibilityCheck, ContextFactory, PageOpener, ShellRunner

pytestmark = pytest.mark.browser

TOKEN = (
    "from candour.subscriptions.links import unsubscribe_token\n"
    "from candour.subscriptions.models import DigestPreference\n"
    "print(unsubscribe_token(DigestPreference.objects.get("
    "user__email='sam.patel@riverside.example')))"
)
FOLLOWED = (
    "from candour.subscriptions.models import Subscription\n"
    "print(Subscription.objects.filter(user__email='sam.patel@riverside.example').count())"
)


def test_given_a_social_worker_when_they_follow_and_then_unsubscribe_then_nothing_is_followed(
    signed_in_page: PageOpener,
    new_context: ContextFactory,
    candour_shell: ShellRunner,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    staff = signed_in_page("staff")
    staff.goto("/ideas/")
    # The demo has Sam following his own team already: stop, then follow again.
    staff.get_by_role("button", name="Stop following").click()
    expect(staff.get_by_role("button", name="Follow", exact=True)).to_be_visible()
    staff.get_by_role("button", name="Follow", exact=True).click()
    expect(staff.get_by_role("button", name="Stop following")).to_be_visible()

    staff.goto("/account/")
    staff.get_by_role("link", name="Choose what you follow and how often you hear").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Your subscriptions")
    staff.get_by_label("As it happens (checked every hour)").check()
    staff.get_by_role("button", name="Save how often").click()
    expect(staff.get_by_role("alert")).to_contain_text("has been saved")
    expect(staff.get_by_label("As it happens (checked every hour)")).to_be_checked()
    assert serious_accessibility_problems(staff) == []

    token = candour_shell(TOKEN).strip().splitlines()[-1]
    reader = new_context().new_page()  # the email read elsewhere: nobody signed in
    reader.goto(f"/unsubscribe/{token}/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("Stop digest emails")
    assert serious_accessibility_problems(reader) == []
    assert candour_shell(FOLLOWED).strip().splitlines()[-1] != "0"  # the GET did nothing
    reader.get_by_role("button", name="Unsubscribe").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("You have unsubscribed")
    assert candour_shell(FOLLOWED).strip().splitlines()[-1] == "0"
    reader.goto(f"/unsubscribe/{token}/")
    expect(reader.get_by_role("heading", level=1)).to_have_text("This link does not work")
