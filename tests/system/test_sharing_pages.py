"""Information sharing by hand: a health visitor's setting looks a child up, and the
child's local authority sees the attendance (issue 9 item 5)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.system.support import AccessibilityCheck, PageOpener

pytestmark = pytest.mark.browser

# A test-range NHS number the demo flags for Riverside (candour/demo/sharing.py).
ON_A_PLAN = "999 000 0026"


def test_given_a_flagged_child_when_a_setting_looks_them_up_then_the_team_sees_it(
    signed_in_page: PageOpener, serious_accessibility_problems: AccessibilityCheck
) -> None:
    nurse = signed_in_page("health_visitor")
    nurse.goto("/sharing/lookup/")
    expect(nurse.get_by_role("heading", level=1)).to_have_text("Is this child on a plan?")
    assert serious_accessibility_problems(nurse) == []
    nurse.get_by_label("NHS number").fill("999 000 0027")
    nurse.get_by_label("The child is attending now").check()
    nurse.get_by_role("button", name="Look up").click()
    expect(nurse.locator("main")).to_contain_text("not a valid NHS number")

    nurse.get_by_label("NHS number").fill(ON_A_PLAN)
    nurse.get_by_label("The child is attending now").check()
    nurse.get_by_role("button", name="Look up").click()
    answer = nurse.locator("#answer")
    expect(answer).to_be_visible()
    expect(answer).not_to_contain_text("no current plan")
    assert serious_accessibility_problems(nurse) == []

    manager = signed_in_page("manager")
    manager.goto("/sharing/flags/")
    assert serious_accessibility_problems(manager) == []
    expect(manager.locator("main")).to_contain_text("CPIS-")
