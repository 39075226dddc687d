"""National analysts search reviewed reports across organisations and open one.

Two reviewed reports about the same kind of incident are made for this module, one in
Riverside and one in Moorland, and the similar-reports index is built with the command a
schedule would run, so the test does not depend on the demo's other reports.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from candour.learning.similar.store import RELOAD_CHECK_SECONDS
from tests.system.support import AccessibilityCheck, PageOpener, ShellRunner

pytestmark = pytest.mark.browser

RIVERSIDE = "Riverside Borough Council"
MOORLAND = "Moorland County Council"
# Not identifying, and about an incident no demo report describes: each story's marker
# finds it again if the module runs twice on one database.
RIVERSIDE_MARKER = "family's large dog bit the toddler"
RIVERSIDE_STORY = (
    f"During a home visit the {RIVERSIDE_MARKER} on the arm while I was talking to the "
    "parents in the kitchen; nobody had asked about dogs before the visit."
)
MOORLAND_NAME = "Selam Haile"
MOORLAND_MARKER = "new dog bit a visiting toddler"
MOORLAND_STORY = (
    f"The foster carer's {MOORLAND_MARKER} during contact at the carer's home. "
    f"Mum {MOORLAND_NAME} had told us the dog was not safe with small children."
)
QUERY = "a dog bit the toddler during a visit"
SET_UP = f"""
import json
from django.core.management import call_command
from django.utils import timezone
from candour.accounts.models import User
from candour.core.models import Organisation
from candour.reporting import services
from candour.reporting.models import Report
from candour.reporting.vocabulary import Outcome, PartOfDay, Route, Setting
analyst = User.objects.get(email="alex.morgan@riverside.example")
references = {{}}
for name, marker, story in [
    ("{RIVERSIDE}", {RIVERSIDE_MARKER!r}, {RIVERSIDE_STORY!r}),
    ("{MOORLAND}", {MOORLAND_MARKER!r}, {MOORLAND_STORY!r}),
]:
    org = Organisation.objects.get(name=name)
    report = Report.objects.filter(organisation=org, what_happened__contains=marker).first()
    if report is None:
        report = services.submit_report(
            organisation=org, team=None, route=Route.ANONYMOUS, outcome=Outcome.HARM,
            setting=Setting.HOME_VISIT, occurred_month=timezone.localdate(),
            part_of_day=PartOfDay.MORNING, factors=[],
            narrative=services.Narrative(what_happened=story), today=timezone.localdate(),
        ).report
        services.review_redactions(
            actor=analyst, report=report,
            keep={{n: list(range(len(s))) for n, s in report.redactions.items()}},
            add_phrases={{"what_happened": ["{MOORLAND_NAME}"]}},
        )
    references[name] = report.reference
call_command("build_similarity_index", "--no-progress")
print(json.dumps(references))
"""


@dataclass(frozen=True)
class Reports:
    riverside: str
    moorland: str


@pytest.fixture(scope="module")
def reports(candour_shell: ShellRunner) -> Reports:
    """A reviewed report in each of two organisations, and the index built over all.

    The server looks for a newer index at most every RELOAD_CHECK_SECONDS (ADR 0008): a
    page an earlier test opened may have loaded the old one just before this build, so
    the test waits out that window rather than race it."""
    found = json.loads(candour_shell(SET_UP).strip().splitlines()[-1])
    time.sleep(RELOAD_CHECK_SECONDS + 1)
    return Reports(found[RIVERSIDE], found[MOORLAND])


def _search(page: Page, organisation: str = "All organisations") -> None:
    page.get_by_label("Describe what happened").fill(QUERY)
    page.get_by_label("Organisation").select_option(label=organisation)
    page.get_by_role("button", name="Search").click()


def _result_titles(page: Page) -> list[str]:
    return page.locator("#results .govuk-summary-card__title").all_inner_texts()


def test_given_reports_in_two_organisations_when_a_national_analyst_searches_then_both_are_found(
    signed_in_page: PageOpener,
    reports: Reports,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    problems: list[str] = []
    national = signed_in_page("national_analyst")
    national.goto("/home/")
    national.locator("#navigation").get_by_role("link", name="Learning").click()
    national.get_by_role("navigation", name="Learning: pages").get_by_role(
        "link", name="Search across organisations"
    ).click()
    expect(national.get_by_role("heading", level=1)).to_have_text(
        "Search reports across organisations"
    )
    problems.extend(serious_accessibility_problems(national))

    # Across every organisation, the two reports about a dog bite come first.
    _search(national)
    expect(national.locator("#results-heading")).to_contain_text("across organisations")
    first_two = " ".join(_result_titles(national)[:2])
    assert reports.riverside in first_two, _result_titles(national)
    assert reports.moorland in first_two, _result_titles(national)
    results = national.locator("#results")
    expect(results).to_contain_text(RIVERSIDE)
    expect(results).to_contain_text(MOORLAND)
    expect(results).not_to_contain_text(MOORLAND_NAME)
    expect(national.get_by_label("Describe what happened")).to_have_value(QUERY)
    problems.extend(serious_accessibility_problems(national))

    # Narrowed to Moorland, Riverside's report is gone.
    _search(national, MOORLAND)
    expect(national.locator("#results-heading")).to_contain_text(f"in {MOORLAND}")
    expect(national.locator("#results")).to_contain_text(reports.moorland)
    expect(national.locator("#results")).not_to_contain_text(reports.riverside)
    expect(national.locator("#results")).not_to_contain_text(RIVERSIDE)

    # The report from another organisation opens with its similar reports across them.
    national.locator("#results").get_by_role(
        "link", name=re.compile(rf"^{reports.moorland}: ")
    ).click()
    expect(national.get_by_role("heading", level=1)).to_have_text("A child or family was harmed")
    expect(national.locator(".govuk-caption-l")).to_have_text(f"{reports.moorland} · {MOORLAND}")
    main = national.locator("main")
    expect(main).to_contain_text(MOORLAND_MARKER)
    expect(main).not_to_contain_text(MOORLAND_NAME)
    expect(main.locator("#coding")).to_have_text("Not coded yet.")
    expect(main.locator("#similar-reports li").first).to_contain_text(reports.riverside)
    problems.extend(serious_accessibility_problems(national))

    assert problems == [], "\n".join(problems)


def test_given_a_learning_team_analyst_when_they_open_the_national_search_then_it_is_not_found(
    signed_in_page: PageOpener, reports: Reports
) -> None:
    analyst = signed_in_page("analyst")
    for path in ["/national/", f"/national/reports/{reports.moorland}/"]:
        response = analyst.goto(path)
        assert response is not None
        assert response.status == 404, f"{path} answered {response.status}"
        expect(analyst.get_by_role("heading", level=1)).to_have_text("Page not found")
    analyst.goto("/lessons/")
    expect(analyst.get_by_role("navigation", name="Learning: pages")).not_to_contain_text(
        "Search across organisations"
    )
