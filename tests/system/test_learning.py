"""Learning from reports: coding with the taxonomy, lessons, bulletins and blind double coding.

The story test follows issue 4 item 10, from coding a report to seeing it in a published
bulletin. The other tests use the demo's coded reports, lesson and bulletin, and a second
Riverside analyst made for this module, so that they do not depend on the story's order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.system.support import (
    AccessibilityCheck,
    ContextFactory,
    PageOpener,
    Personas,
    ReportAnswers,
    ShellRunner,
    answer_report_pages,
)

pytestmark = pytest.mark.browser

ORGANISATION = "Riverside Borough Council"
REFERENCE_SHAPE = re.compile(r"CR-[0-9A-Z]{6}")
KAPPA_SHAPE = re.compile(r"^(-?\d\.\d\d|Not defined)$")

# Not identifying, and in no demo report: it must come through to the bulletin's lesson.
CONTROL = "green referral tray"
WHAT_HAPPENED = (
    "At a home visit a parent gave a second contact number. I wrote it on a sticky note, "
    f"left it in the {CONTROL} and it was filed with the wrong family."
)
LESSON_TITLE = "A second number with nowhere to go"
IDENTIFYING_STORY = (
    f"Mum Zofia Kowalczyk gave a second number at a home visit. It went in the {CONTROL} "
    "on a sticky note and was filed with the wrong family."
)
STORY = (
    f"A parent gave a second number at a home visit. It went in the {CONTROL} on a sticky "
    "note and was filed with the wrong family."
)
COMMENTARY = "The visit form has no box for a second number, and the worker was carrying 30 cases."
ACTION_TAKEN = "The visit form now has a box for a second contact number."
BULLETIN_TITLE = f"Practice lessons: the {CONTROL}"
PDF_LINK = "Download as PDF for a team meeting"

# A second Riverside analyst, with a password, for blind double coding. The demo's second
# analyst has no password, and Robin Ellis must stay unenrolled for test_accessibility.
SECOND_ANALYST = "kit.lam@riverside.example"
# Demo reports that Alex Morgan coded alone, by a phrase of their text (learning.demo).
DOUBLE_CODED_IN_TEST = "filed two days late"
DOUBLE_CODED_IN_AXE_TEST = "same name and date of birth"
CODED_BY_TWO_IN_DEMO = "did not ask to see him"
SET_UP = f"""
import json
from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.accounts.services import create_user, grant_role
from candour.demo.core import DEMO_PASSWORD
from candour.core.models import Organisation
from candour.learning.models import Bulletin, Lesson
from candour.reporting.models import Report
org = Organisation.objects.get(name="{ORGANISATION}")
if not User.objects.filter(email="{SECOND_ANALYST}").exists():
    user = create_user(actor=None, organisation=org, email="{SECOND_ANALYST}",
                       full_name="Kit Lam", password=DEMO_PASSWORD)
    grant_role(actor=None, user=user, organisation=org, role=Role.ANALYST)
phrases = {[DOUBLE_CODED_IN_TEST, DOUBLE_CODED_IN_AXE_TEST, CODED_BY_TWO_IN_DEMO]!r}
print(json.dumps({{
    "references": {{
        p: Report.objects.get(organisation=org, what_happened__contains=p).reference
        for p in phrases
    }},
    "bulletin": Bulletin.objects.filter(organisation=org).order_by("pk").first().pk,
    "lesson": Lesson.objects.filter(organisation=org).order_by("pk").first().pk,
}}))
"""


@dataclass(frozen=True)
class Demo:
    references: dict[str, str]  # by phrase
    bulletin: int  # the demo's bulletin for this month
    lesson: int  # the demo's published lesson


@pytest.fixture(scope="module")
def demo(candour_shell: ShellRunner) -> Demo:
    """Make the second analyst; find the demo's coded reports, lesson and bulletin."""
    found = json.loads(candour_shell(SET_UP).strip().splitlines()[-1])
    return Demo(found["references"], found["bulletin"], found["lesson"])


@pytest.fixture
def second_analyst(new_context: ContextFactory, personas: Personas, demo: Demo) -> Page:
    return personas.signed_in_context_for(new_context, SECOND_ANALYST).new_page()


def _send_report(page: Page) -> tuple[str, str]:
    """As a reporter, not signed in: send a report; its receipt code and reference."""
    page.goto("/report/new/")
    answer_report_pages(
        page,
        ReportAnswers(
            what_happened=WHAT_HAPPENED,
            organisation=ORGANISATION,
            part_of_day="Morning",
            factors=("Too much work or too little time",),
        ),
    )
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report sent")
    receipt = page.locator("#receipt-code").inner_text().strip()
    reference = REFERENCE_SHAPE.search(page.locator("main").inner_text())
    assert reference is not None, "the receipt page does not give the report's reference"
    return receipt, reference.group()


def _code(
    page: Page, codes: list[str], *, failed: Sequence[str] = (), held: Sequence[str] = ()
) -> None:
    """On the coding page: tick the codes, say which defences failed or held, and save;
    then from the report's task list (where saving returns) back to the coding page."""
    for label in codes:
        page.get_by_label(label, exact=True).check()
    for defence, state in [*((d, "Failed") for d in failed), *((d, "Held") for d in held)]:
        page.get_by_role("group", name=defence, exact=True).get_by_label(state).check()
    page.get_by_role("button", name="Save coding").click()
    expect(page.get_by_role("alert")).to_contain_text("Coding saved")
    expect(page.locator("#task-coding-status")).to_have_text("Completed")
    page.get_by_role("link", name="Code the human factors").click()


def _fill_lesson(page: Page, story: str, reference: str) -> None:
    page.get_by_label("Title").fill(LESSON_TITLE)
    page.get_by_label("What happened").fill(story)
    page.get_by_label("What we learned").fill(COMMENTARY)
    page.get_by_label("What changed (optional)").fill(ACTION_TAKEN)
    page.get_by_label(re.compile(rf"^{reference}: ")).check()


def _row(page: Page, table: str, header: str) -> list[str]:
    """The cells of the table's row whose row header is exactly `header`."""
    row = page.locator(f"{table} tbody tr").filter(
        has=page.get_by_role("rowheader", name=header, exact=True)
    )
    expect(row).to_have_count(1)
    return [cell.strip() for cell in row.locator("td").all_inner_texts()]


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def _expect_not_found(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == 404, f"{path} answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


def test_given_a_report_when_coded_and_written_up_then_its_lesson_is_in_a_bulletin_for_all(
    new_context: ContextFactory, signed_in_page: PageOpener
) -> None:
    # A reporter, not signed in, sends a report about a home visit.
    receipt, reference = _send_report(new_context().new_page())

    # The analyst reviews its redactions and codes it with the taxonomy.
    analyst = signed_in_page("analyst")
    analyst.goto(f"/learning/reports/{reference}/")
    expect(analyst.get_by_role("link", name="Code the human factors")).to_have_count(0)
    expect(analyst.locator("#task-coding-status")).to_have_text("Cannot start yet")
    analyst.get_by_role("link", name="Check the redactions").click()
    analyst.get_by_role("button", name="Save redactions").click()
    expect(analyst.get_by_role("alert")).to_contain_text("Redactions saved")
    # The outcome and the human factors: two tasks, each saved and back to the list.
    analyst.get_by_role("link", name="Code the outcome and harm").click()
    expect(analyst.get_by_role("heading", level=1)).to_have_text(
        "What was the outcome, as the report shows it?"
    )
    outcome = analyst.get_by_label("It was caught before it reached a child or family", exact=True)
    expect(outcome).to_be_checked()  # the reporter's answer, until the analyst says otherwise
    analyst.get_by_role("button", name="Save and return to the tasks").click()
    expect(analyst.get_by_role("alert")).to_contain_text("Outcome saved")
    expect(analyst.locator("#task-outcome-status")).to_have_text("Completed")
    expect(analyst.locator("#task-coding-status")).to_have_text("Not started")
    analyst.get_by_role("link", name="Code the human factors").click()
    expect(analyst.get_by_role("heading", level=1)).to_have_text("Code the human factors")
    expect(analyst.locator("main")).to_contain_text(WHAT_HAPPENED)
    expect(analyst.locator("main")).not_to_contain_text("Another analyst has coded this report")
    _code(
        analyst,
        ["The wrong person, family or record", "Caseload and workload"],
        failed=["Recording system prompts and alerts"],
    )
    expect(analyst.get_by_label("The wrong person, family or record")).to_be_checked()
    expect(analyst.get_by_label("Caseload and workload")).to_be_checked()
    expect(analyst.get_by_label("A slip or memory lapse")).not_to_be_checked()
    prompts = analyst.get_by_role("group", name="Recording system prompts and alerts")
    expect(prompts.get_by_label("Failed")).to_be_checked()
    expect(analyst.locator("main")).not_to_contain_text("Where the two codings differ")

    # The analyst writes a lesson drawing on the report: an identifying detail is refused.
    analyst.goto("/lessons/new/")
    _fill_lesson(analyst, IDENTIFYING_STORY, reference)
    analyst.get_by_role("button", name="Save draft").click()
    expect(analyst).to_have_title(re.compile(r"^Error: "))
    expect(analyst.locator(".govuk-error-summary")).to_contain_text("This looks identifying")
    expect(analyst.locator("#id_story-error")).to_contain_text("Zofia")
    expect(analyst.get_by_label("What happened")).to_have_value(IDENTIFYING_STORY)
    expect(analyst.get_by_label(re.compile(rf"^{reference}: "))).to_be_checked()
    analyst.get_by_label("What happened").fill(STORY)
    analyst.get_by_role("button", name="Save draft").click()
    expect(analyst.get_by_role("alert")).to_contain_text("Lesson saved as a draft")
    expect(analyst.get_by_role("heading", level=1)).to_have_text(LESSON_TITLE)
    expect(analyst.locator(".govuk-caption-l")).to_contain_text("Draft")
    expect(analyst.locator("main")).to_contain_text("Drawn from 1 report.")
    analyst.get_by_role("button", name="Publish").click()
    expect(analyst.get_by_role("alert")).to_contain_text("Lesson published")
    expect(analyst.locator(".govuk-caption-l")).not_to_contain_text("Draft")
    expect(analyst.get_by_role("button", name="Publish")).to_have_count(0)

    # The analyst publishes a bulletin for a period that covers today.
    analyst.goto("/lessons/bulletins/new/")
    analyst.get_by_label("Title").fill(BULLETIN_TITLE)
    today = datetime.now(ZoneInfo(settings.TIME_ZONE)).date()  # as the server sees it
    analyst.get_by_label("From").fill((today - timedelta(days=7)).isoformat())
    analyst.get_by_label("To", exact=True).fill(today.isoformat())
    analyst.get_by_role("button", name="Publish bulletin").click()
    expect(analyst.get_by_role("alert")).to_contain_text("Bulletin published")
    expect(analyst.get_by_role("heading", level=1)).to_have_text(BULLETIN_TITLE)
    main = analyst.locator("main")
    expect(main.get_by_role("heading", level=2, name=LESSON_TITLE)).to_be_visible()
    expect(main).to_contain_text(STORY)
    expect(main).to_contain_text(ACTION_TAKEN)
    # Outcomes, factors and the demo's confirmed themes, each chart with its table,
    # closed until asked for.
    charts = main.locator("figure.candour-chart")
    expect(charts).to_have_count(3)
    expect(charts.locator("details[open]")).to_have_count(0)
    for summary in charts.locator("summary").all():
        summary.click()
    expect(main.locator("table caption")).to_have_text(
        [
            "Reports by outcome: the data",
            "Most common contributing factors: the data",
            "Recurring error traps (confirmed themes): reports this period and the period"
            " before: the data",
        ]
    )
    expect(main.locator("#theme-trends tbody tr")).not_to_have_count(0)
    assert _row(analyst, "main", "Caseload and workload") == ["fewer than 5"]
    bulletin_path = _path(analyst.url)

    # The PDF for team meetings is a PDF.
    href = main.get_by_role("link", name=PDF_LINK).get_attribute("href")
    assert href is not None
    pdf = analyst.request.get(href)
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # A social worker finds the bulletin among the lessons; the manager reads it too.
    staff = signed_in_page("staff")
    staff.goto("/lessons/")
    staff.locator("#bulletins").get_by_role("link", name=BULLETIN_TITLE).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(BULLETIN_TITLE)
    expect(staff.locator("main").get_by_role("heading", name=LESSON_TITLE)).to_be_visible()
    expect(staff.locator("main")).to_contain_text(STORY)
    manager = signed_in_page("manager")
    manager.goto(bulletin_path)
    expect(manager.get_by_role("heading", level=1)).to_have_text(BULLETIN_TITLE)
    expect(manager.locator("main").get_by_role("heading", name=LESSON_TITLE)).to_be_visible()

    # The reporter comes back with the receipt and sees the lesson their report fed.
    reporter = new_context().new_page()
    reporter.goto("/report/follow-up/")
    reporter.get_by_label("Your receipt code").fill(receipt)
    reporter.get_by_role("button", name="Continue").click()
    expect(reporter.get_by_role("heading", level=2, name="Lessons your report fed")).to_be_visible()
    fed = reporter.locator(".govuk-inset-text").filter(has_text=LESSON_TITLE)
    expect(fed.get_by_role("heading", name=LESSON_TITLE)).to_be_visible()
    expect(fed).to_contain_text(ACTION_TAKEN)


def test_given_a_coded_report_when_a_second_analyst_codes_it_blind_then_differences_show(
    second_analyst: Page, signed_in_page: PageOpener, demo: Demo
) -> None:
    reference = demo.references[DOUBLE_CODED_IN_TEST]
    second_analyst.goto(f"/learning/reports/{reference}/coding/")
    main = second_analyst.locator("main")
    expect(main.locator(".govuk-inset-text")).to_contain_text(
        "Another analyst has coded this report"
    )
    expect(main.locator("input[name=code]:checked")).to_have_count(0)
    expect(main.locator("input[type=radio][value=held]:checked")).to_have_count(0)
    expect(main.locator("input[type=radio][value=failed]:checked")).to_have_count(0)
    expect(main).not_to_contain_text("Where the two codings differ")

    _code(
        second_analyst,
        [
            "A statutory or court timescale was missed",
            "Caseload and workload",
            "Handover and continuity",
        ],
        failed=["Supervision and management oversight"],
    )

    expect(main.get_by_role("heading", name="Where the two codings differ")).to_be_visible()
    expect(main).not_to_contain_text("Another analyst has coded this report")
    # The first coding (the demo's, by Alex Morgan) against the second, the one just saved.
    assert _row(second_analyst, "#differences", "Caseload and workload") == ["Not coded", "Coded"]
    staffing = "Staffing: vacancies, turnover, agency cover"
    assert _row(second_analyst, "#differences", staffing) == ["Coded", "Not coded"]
    assert _row(second_analyst, "#differences", "Independent challenge") == ["Held", "Not coded"]
    for agreed in ["A statutory or court timescale was missed", "Handover and continuity"]:
        expect(main.locator("#differences")).not_to_contain_text(agreed)
    expect(main.get_by_label("Caseload and workload")).to_be_checked()

    # Agreement across every report coded twice: the demo's, this one and perhaps another.
    analyst = signed_in_page("analyst")
    analyst.goto("/learning/agreement/")
    expect(analyst.get_by_role("heading", level=1)).to_have_text("Agreement between analysts")
    rows = analyst.locator("#agreement tbody tr")
    expect(rows.first.get_by_role("rowheader")).to_be_visible()
    for row in rows.all():
        reports, kappa = row.locator("td").all_inner_texts()[1:]
        assert int(reports) >= 2, row.inner_text()
        assert KAPPA_SHAPE.match(kappa.strip()), row.inner_text()
    # Both analysts always agreed on this one, and once it was there: perfect agreement.
    assert _row(analyst, "#agreement", "A child was not seen, or not seen alone")[2] == "1.00"
    _, _, workload = _row(analyst, "#agreement", "Caseload and workload")
    assert workload != "1.00", "the two analysts differed on workload in this test"


def test_given_staff_and_a_manager_when_they_open_the_coding_pages_then_they_are_not_found(
    signed_in_page: PageOpener, demo: Demo
) -> None:
    reference = demo.references[CODED_BY_TWO_IN_DEMO]
    for persona in ["staff", "manager"]:
        page = signed_in_page(persona)
        _expect_not_found(page, "/learning/agreement/")
        _expect_not_found(page, f"/learning/reports/{reference}/coding/")
        _expect_not_found(page, "/lessons/new/")
        _expect_not_found(page, "/lessons/bulletins/new/")
        _expect_not_found(page, "/learning/taxonomy/local-codes/")
        _expect_not_found(page, f"/learning/reports/{reference}/just-culture/")
    # The dashboard is for the learning team and managers, not every member of staff.
    _expect_not_found(signed_in_page("staff"), "/learning/dashboard/")
    manager = signed_in_page("manager")
    manager.goto("/learning/dashboard/")
    expect(manager.get_by_role("heading", level=1)).to_have_text("Learning dashboard")


def test_given_another_organisations_admin_when_they_open_riversides_bulletin_then_not_found(
    signed_in_page: PageOpener, demo: Demo
) -> None:
    admin = signed_in_page("other_admin")

    _expect_not_found(admin, f"/lessons/bulletins/{demo.bulletin}/")
    assert admin.request.get(f"/lessons/bulletins/{demo.bulletin}/pdf/").status == 404
    _expect_not_found(admin, f"/lessons/{demo.lesson}/")
    admin.goto("/lessons/")
    expect(admin.locator("#bulletins")).to_have_text("No bulletins yet.")


def test_given_each_learning_page_when_axe_checks_it_then_there_are_no_serious_problems(
    second_analyst: Page,
    signed_in_page: PageOpener,
    serious_accessibility_problems: AccessibilityCheck,
    demo: Demo,
) -> None:
    problems: list[str] = []

    def check(page: Page, state: str) -> None:
        problems.extend(f"[{state}] {p}" for p in serious_accessibility_problems(page))

    reference = demo.references[DOUBLE_CODED_IN_AXE_TEST]
    second_analyst.goto(f"/learning/reports/{reference}/coding/")
    expect(second_analyst.locator("main")).to_contain_text("Another analyst has coded this report")
    check(second_analyst, "coding, blank")
    _code(second_analyst, ["The wrong person, family or record", "A slip or memory lapse"])
    expect(second_analyst.locator("#differences")).to_be_visible()
    check(second_analyst, "coding, with the comparison")
    second_analyst.goto("/learning/agreement/")
    expect(second_analyst.locator("#agreement")).to_be_visible()
    check(second_analyst, "agreement")

    analyst = signed_in_page("analyst")
    analyst.goto("/lessons/")
    expect(analyst.get_by_role("link", name="Write a lesson")).to_be_visible()
    check(analyst, "lessons, analyst")
    analyst.get_by_role("link", name="Write a lesson").click()
    check(analyst, "lesson form")
    analyst.get_by_role("button", name="Save draft").click()
    expect(analyst.locator(".govuk-error-summary")).to_contain_text("Enter a title")
    check(analyst, "lesson form with errors")
    analyst.get_by_label("Title").fill("Court deadlines nobody could see")
    analyst.get_by_label("What happened").fill("A statement was filed late after a handover.")
    analyst.get_by_label("What we learned").fill("Deadlines lived in one worker's diary.")
    analyst.get_by_role("button", name="Save draft").click()
    expect(analyst.locator(".govuk-caption-l")).to_contain_text("Draft")
    check(analyst, "lesson, draft")
    analyst.goto(f"/lessons/{demo.lesson}/")
    expect(analyst.get_by_role("button", name="Publish")).to_have_count(0)
    check(analyst, "lesson, published")
    analyst.goto("/lessons/bulletins/new/")
    check(analyst, "bulletin form")
    analyst.get_by_label("From").fill("the first of the month")
    analyst.get_by_role("button", name="Publish bulletin").click()
    expect(analyst.locator(".govuk-error-summary")).to_contain_text("Enter a title")
    expect(analyst.locator(".govuk-error-summary")).to_contain_text("Enter a real date, like")
    check(analyst, "bulletin form with errors")
    analyst.goto(f"/lessons/bulletins/{demo.bulletin}/")
    assert analyst.locator("figure.candour-chart").count() >= 2
    analyst.get_by_text("Show the data: Recurring error traps").click()
    expect(analyst.locator("#theme-trends")).to_be_visible()
    check(analyst, "bulletin")
    analyst.goto("/learning/dashboard/")
    check(analyst, "dashboard")

    # Local codes: the demo's is listed; adding one with no name is an error.
    analyst.goto("/learning/taxonomy/local-codes/")
    expect(analyst.locator("#local-codes")).to_contain_text("Out-of-hours duty handover")
    check(analyst, "local codes")
    analyst.get_by_role("button", name="Add the code").click()
    expect(analyst.locator(".govuk-error-summary")).to_contain_text("Enter a name for the code")
    check(analyst, "local codes with errors")

    # The just-culture aid opens only once a report is referred to it, with a reason.
    analyst.goto(f"/learning/reports/{reference}/just-culture/")
    refer = analyst.get_by_role("button", name="Refer this report")
    if refer.count():
        check(analyst, "just-culture referral")
        analyst.get_by_label("Why does this report need the just-culture decision aid?").fill(
            "Asked about by the service manager"
        )
        refer.click()
    expect(analyst.locator("#referral")).to_be_visible()
    check(analyst, "just-culture aid")

    staff = signed_in_page("staff")
    staff.goto("/lessons/")
    expect(staff.locator("#bulletins").get_by_role("link")).not_to_have_count(0)
    expect(staff.get_by_role("link", name="Write a lesson")).to_have_count(0)
    check(staff, "lessons, staff")

    assert problems == [], "\n".join(problems)
