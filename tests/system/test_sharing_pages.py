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


def test_given_cpis_parity_when_a_clinician_looks_up_then_they_see_what_cpis_shows(
    signed_in_page: PageOpener, serious_accessibility_problems: AccessibilityCheck
) -> None:
    nurse = signed_in_page("health_visitor")
    nurse.goto("/sharing/lookup/")
    nurse.get_by_label("NHS number").fill(ON_A_PLAN)
    nurse.get_by_label("A safeguarding concern").check()
    nurse.get_by_role("button", name="Look up").click()

    answer = nurse.locator("#answer")
    expect(answer.locator("#looked-after")).to_contain_text("looked after")
    expect(answer.locator("#earlier-attendances")).to_contain_text("Moorland Minor Injuries Unit")
    assert serious_accessibility_problems(nurse) == []


def test_given_a_daily_file_when_it_is_malformed_then_nothing_changes_and_the_row_is_named(
    signed_in_page: PageOpener, serious_accessibility_problems: AccessibilityCheck
) -> None:
    manager = signed_in_page("manager")
    manager.goto("/sharing/flags/")
    manager.get_by_role("link", name="Reconcile with your daily file").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text("Reconcile with your daily file")
    assert serious_accessibility_problems(manager) == []
    bad = (
        "nhs_number,plan_type,start_date,team_name,team_phone\n"
        "999 000 0018,cpp,2026-01-05,Assessment Team 1,01632 960 123\n"
        "999 000 0019,cpp,2026-01-05,Assessment Team 1,01632 960 123\n"
    )
    manager.get_by_label("CSV file").set_input_files(
        {"name": "daily.csv", "mimeType": "text/csv", "buffer": bad.encode()}
    )
    manager.get_by_role("button", name="Reconcile").click()

    expect(manager.locator("#problems")).to_contain_text("Line 3")
    expect(manager.locator("main")).to_contain_text("Nothing was changed")
    expect(manager.locator("main")).not_to_contain_text("9990000019")
    assert serious_accessibility_problems(manager) == []

    manager.goto("/sharing/access-report/authority/")
    expect(manager.locator("#report")).to_contain_text("Moorland Minor Injuries Unit")
    assert serious_accessibility_problems(manager) == []


def test_given_an_answer_on_a_phone_when_the_nurse_refreshes_then_nothing_is_looked_up_again(
    signed_in_page: PageOpener, serious_accessibility_problems: AccessibilityCheck
) -> None:
    nurse = signed_in_page("health_visitor")
    nurse.set_viewport_size({"width": 375, "height": 740})
    nurse.goto("/sharing/lookup/")
    expect(nurse.get_by_label("NHS number")).to_have_attribute("inputmode", "numeric")
    nurse.get_by_label("NHS number").fill(ON_A_PLAN)
    nurse.get_by_label("The child is attending now").check()
    nurse.get_by_role("button", name="Look up").click()

    assert nurse.url.endswith("/sharing/lookup/answer/")
    expect(nurse.locator("#answered-for")).to_contain_text(ON_A_PLAN)
    answer = nurse.locator("#answer")
    # Screenshot check: the plan answer has the red double border and fits the phone.
    assert answer.evaluate("el => getComputedStyle(el).borderLeftColor") == "rgb(212, 53, 28)"
    box = answer.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 375
    assert len(answer.screenshot()) > 1000
    assert serious_accessibility_problems(nurse) == []

    nurse.goto("/sharing/lookups/")
    before = nurse.locator("tbody tr").count()
    nurse.goto("/sharing/lookup/answer/")
    nurse.reload()
    expect(nurse.locator("#answer")).to_contain_text("current plan")
    nurse.goto("/sharing/lookups/")
    expect(nurse.locator("tbody tr")).to_have_count(before)
