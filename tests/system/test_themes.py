"""Themes: the error traps Candour finds in the demo's eighteen months of reports.

The demo suggests themes with `find_themes` and confirms two under analysts' names
(candour.demo.learning.load_themes); these tests curate one of the remaining suggestions.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.system.support import AccessibilityCheck, PageOpener

pytestmark = pytest.mark.browser

CONFIRMED_IN_DEMO = "Children not seen, or not seen alone, on busy visits"
SUGGESTED_IN_DEMO = "Lost at a handover or transfer"
NEW_NAME = "Cases lost between teams"


def _open_themes(page: Page) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Learning").click()
    page.get_by_role("navigation", name="Learning: pages").get_by_role(
        "link", name="Themes"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Themes: recurring error traps")


def test_given_demo_reports_when_the_analyst_curates_a_suggested_theme_then_it_is_kept(
    signed_in_page: PageOpener, serious_accessibility_problems: AccessibilityCheck
) -> None:
    analyst = signed_in_page("analyst")
    _open_themes(analyst)
    expect(analyst.locator("#confirmed-themes")).to_contain_text(CONFIRMED_IN_DEMO)
    expect(analyst.locator("#suggested-themes")).to_contain_text(SUGGESTED_IN_DEMO)
    assert serious_accessibility_problems(analyst) == []

    analyst.locator("#suggested-themes").get_by_role("link", name=SUGGESTED_IN_DEMO).click()
    main = analyst.locator("main")
    expect(main.locator(".govuk-inset-text")).to_contain_text("Candour suggested this group")
    expect(main.locator("figure.candour-chart")).to_be_visible()
    expect(analyst.locator("#trend-direction")).to_contain_text("in the last six months")
    expect(analyst.locator("#theme-factors")).to_contain_text("Handover and continuity")
    expect(analyst.locator("#caught-vs-not")).to_contain_text("(held)")
    analyst.get_by_text("Show the data: Reports in this theme by the month they happened").click()
    expect(analyst.locator("#trend-table tbody tr")).to_have_count(18)
    assert serious_accessibility_problems(analyst) == []

    analyst.get_by_role("link", name="Rename or describe").click()
    analyst.get_by_label("Name").fill(NEW_NAME)
    analyst.get_by_label("What the reports have in common (optional)").fill(
        "Transfers waiting for a panel, and leavers' cases nobody picked up."
    )
    analyst.get_by_role("button", name="Save").click()
    expect(analyst.get_by_role("alert")).to_contain_text("Theme saved")
    expect(analyst.get_by_role("heading", level=1)).to_have_text(NEW_NAME)
    expect(main).to_contain_text("Confirmed by an analyst")

    rows = analyst.locator("#theme-reports tbody tr")
    count = rows.count()
    reference = rows.first.locator("th").inner_text().strip()
    assert re.fullmatch(r"CR-[0-9A-Z]{6}", reference)
    analyst.get_by_role("button", name=f"Take out {reference}").click()
    expect(analyst.get_by_role("alert")).to_contain_text(f"{reference} taken out of the theme")
    expect(rows).to_have_count(count - 1)

    analyst.get_by_label("Report reference").fill(reference.lower())
    analyst.get_by_role("button", name="Add the report").click()
    expect(analyst.get_by_role("alert")).to_contain_text(f"{reference} added to the theme")
    expect(rows).to_have_count(count)

    _open_themes(analyst)
    expect(analyst.locator("#confirmed-themes")).to_contain_text(NEW_NAME)
    expect(analyst.locator("#suggested-themes")).not_to_contain_text(SUGGESTED_IN_DEMO)


def test_given_confirmed_themes_when_a_manager_opens_the_dashboard_then_counts_show_not_reports(
    signed_in_page: PageOpener,
) -> None:
    manager = signed_in_page("manager")
    manager.goto("/learning/dashboard/")
    expect(manager.locator("main")).to_contain_text("Confirmed themes (recurring error traps)")
    expect(manager.locator("main")).to_contain_text(CONFIRMED_IN_DEMO)
    expect(manager.get_by_role("navigation").get_by_role("link", name="Themes")).to_have_count(0)
    manager.goto("/learning/themes/")
    expect(manager.get_by_role("heading", level=1)).not_to_have_text(
        "Themes: recurring error traps"
    )
