"""The Caldicott Guardian's monthly access report (issue 21): a Guardian signs in with two
factors, is told on the home page of unusual lookups at a setting they oversee, reads who
looked up which child and downloads the CSV; at desktop and phone widths, with axe.
The demo's minor injuries unit has one nurse who looked up six flagged children this month
(candour/demo/sharing_cpis.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.system.support import AccessibilityCheck, ContextFactory, Personas

pytestmark = pytest.mark.browser

GUARDIAN = "caldicott@riversidehealth.example"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


@pytest.mark.parametrize("width", list(WIDTHS))
def test_given_unusual_lookups_when_the_guardian_signs_in_then_the_report_shows_them(
    width: str,
    new_context: ContextFactory,
    personas: Personas,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    personas.signed_in_context_for(new_context, GUARDIAN)  # signs in once, keeps the session
    signed_in = new_context(viewport=WIDTHS[width], storage_state=personas.storage[GUARDIAN])
    page = signed_in.new_page()
    page.goto("/home/")
    waiting = page.get_by_role("link", name="Unusual lookups at Moorland Minor Injuries Unit")
    expect(waiting).to_be_visible()
    assert serious_accessibility_problems(page) == []

    waiting.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Access report for")
    expect(page.locator("#unusual")).to_contain_text("Morgan Hale")
    expect(page.locator("#unusual")).to_contain_text("different flagged children")
    expect(page.locator("#report")).to_contain_text("Refused")
    expect(page.locator("main")).not_to_contain_text("999 000")
    assert serious_accessibility_problems(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    assert download.value.suggested_filename.startswith("access-report-setting-")


def test_given_a_guardian_when_they_open_the_lookup_page_then_it_is_not_theirs(
    new_context: ContextFactory, personas: Personas
) -> None:
    page = personas.signed_in_context_for(new_context, GUARDIAN).new_page()
    response = page.goto("/sharing/lookup/")
    assert response is not None
    assert response.status == 404
    page.goto("/sharing/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Access report for")
