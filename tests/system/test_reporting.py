"""Reporting a mistake or near miss, from the reporter's receipt to the manager's reading.

The story test follows one report through every hand, with made-up identifying details in
it, and then reads the server's database to show that none of them outlived the closure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import psycopg
import pytest
from playwright.sync_api import Page, expect
from psycopg import sql

from candour.accounts.roles import Role
from candour.demo.core import EXTRA_STAFF, PERSONAS
from candour.demo.surveys import EXTRA_PEOPLE as SURVEY_DEMO_PEOPLE
from candour.reporting.presenters import MIN_TEAM_SIZE_TO_NAME
from tests.system.support import (
    ANONYMOUSLY,
    IN_CONFIDENCE,
    AccessibilityCheck,
    ContextFactory,
    PageOpener,
    ReportAnswers,
    answer_report_pages,
)

pytestmark = pytest.mark.browser

ORGANISATION = "Riverside Borough Council"
TEAM = "Assessment Team 1"
NEAR_MISS = "It was caught before it reached a child or family"
RECEIPT_SHAPE = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$")
REFERENCE_SHAPE = re.compile(r"CR-[0-9A-Z]{6}")

# Made up for this test: none of it may survive in the database once the report is closed.
IDENTIFYING = ["Zofia", "Kowalczyk", "Larch Grove", "07700 900461"]
# Not identifying, and in no demo report: it must be found, or the search looked elsewhere.
CONTROL = "green referral tray"
STORY = {
    "what_happened": (
        "On a home visit to Zofia Kowalczyk at 27 Larch Grove, I wrote her mobile "
        f"07700 900461 on the form in the {CONTROL} and it was filed with the wrong family."
    ),
    "what_caught_it": "A colleague noticed the number did not match the file.",
    "what_made_it_likely": "The form has no box for a second contact number.",
    "what_would_prevent": "Add a contact number box to the visit form.",
}
QUESTION = "Thank you. Does the visit form have anywhere to record a second number?"
ANSWER = "No. Mrs Kowalczyk's number went on a sticky note because there is no box for it."
OUTCOME_FOR_REPORTER = "The visit form now has a box for a second contact number. Thank you."

FACTOR = "Too much work or too little time"


def _story(**changes: object) -> ReportAnswers:
    """The story's answers on the question pages (changes replace any of them)."""
    answers = ReportAnswers(
        what_happened=STORY["what_happened"],
        team=TEAM,
        what_caught_it=STORY["what_caught_it"],
        factors=(FACTOR,),
        what_made_it_likely=STORY["what_made_it_likely"],
        what_would_prevent=STORY["what_would_prevent"],
    )
    return replace(answers, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Sent:
    receipt: str
    reference: str


def _expected_team_for_managers() -> str:
    """What others see for the team, by the demo's count of staff in it (see presenters)."""
    staff = sum(
        1
        for p in PERSONAS
        if p.organisation == ORGANISATION and p.team == TEAM and p.role == Role.STAFF
    )
    staff += sum(1 for _name, team, org in EXTRA_STAFF if org == ORGANISATION and team == TEAM)
    staff += SURVEY_DEMO_PEOPLE.get(TEAM, 0)  # staff the survey demo adds (surveys/demo.py)
    return TEAM if staff >= MIN_TEAM_SIZE_TO_NAME else "Not shown (small team)"


def _send_checked_report(page: Page) -> Sent:
    """On the check page: check, send, and read the receipt page."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your report before sending it")
    answers = page.locator(".govuk-summary-list")
    expect(answers).to_contain_text(ORGANISATION)
    expect(answers).to_contain_text(TEAM)
    expect(answers).to_contain_text("Anonymously")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Report sent")
    receipt = page.locator("#receipt-code").inner_text().strip()
    assert RECEIPT_SHAPE.match(receipt), receipt
    reference = REFERENCE_SHAPE.search(page.locator("main").inner_text())
    assert reference is not None, "the receipt page does not give the report's reference"
    return Sent(receipt, reference.group())


def _open_with_receipt(page: Page, typed: str) -> None:
    page.goto("/report/follow-up/")
    page.get_by_label("Your receipt code").fill(typed)
    page.get_by_role("button", name="Continue").click()


def _identifying_bytes_found(database_env: dict[str, str]) -> tuple[list[str], bool]:
    """Each identifying string found in the stored database, and whether CONTROL was."""
    if "DATABASE_URL" in database_env:
        return _found_in_postgres(database_env["DATABASE_URL"])
    path = Path(database_env["CANDOUR_SQLITE_PATH"])
    assert path.exists(), f"no database file at {path}"
    found: list[str] = []
    control = False
    for file in (path, path.with_name(f"{path.name}-wal")):
        if not file.exists():
            continue
        data = file.read_bytes().lower()
        found += [f"{file.name}: {s!r}" for s in IDENTIFYING if s.lower().encode() in data]
        control = control or CONTROL.encode() in data
    return found, control


def _found_in_postgres(url: str) -> tuple[list[str], bool]:
    """Search every table's rows as text; bytea columns are searched as hex too."""
    found: list[str] = []
    control = False
    with psycopg.connect(url) as conn:
        tables = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables"
            " WHERE table_type = 'BASE TABLE'"
            " AND table_schema NOT IN ('pg_catalog', 'information_schema')"
        ).fetchall()
        for schema, table in tables:
            query = sql.SQL("SELECT t::text FROM {}.{} AS t").format(
                sql.Identifier(schema), sql.Identifier(table)
            )
            for (row,) in conn.execute(query):
                text = row.lower()
                for s in IDENTIFYING:
                    if s.lower() in text or s.encode().hex() in text:
                        found.append(f"{table}: {s!r}")
                control = control or CONTROL in text
    return sorted(set(found)), control


def test_given_a_report_when_triaged_answered_and_closed_then_only_the_lesson_is_left(
    new_context: ContextFactory,
    signed_in_page: PageOpener,
    database_env: dict[str, str],
) -> None:
    # The reporter, not signed in, sends a report with identifying details in it.
    reporter = new_context().new_page()
    reporter.goto("/report/")
    reporter.get_by_role("button", name="Start now").click()
    expect(reporter.get_by_role("heading", level=1)).to_have_text(
        "Which organisation is this about?"
    )
    month = answer_report_pages(reporter, _story())
    sent = _send_checked_report(reporter)

    # The analyst finds it in triage, sees the raw words with the name highlighted, saves
    # the redactions and asks a question.
    analyst = signed_in_page("analyst")
    analyst.goto("/home/")
    # The Reports section opens on triage for the learning team (issue 18's navigation).
    analyst.get_by_role("navigation", name="Menu").get_by_role("link", name="Reports").click()
    expect(analyst.get_by_role("heading", level=1)).to_have_text("Reports to triage")
    analyst.get_by_role("link", name=sent.reference, exact=True).click()
    # The report is a task list: only the redactions can be started.
    expect(analyst.locator("#tasks-done")).to_have_text("You have completed 0 of 6 tasks.")
    expect(analyst.locator("#task-outcome-status")).to_have_text("Cannot start yet")
    expect(analyst.locator("#task-close-status")).to_have_text("Cannot start yet")
    analyst.get_by_role("link", name="Check the redactions").click()
    raw = analyst.locator("#raw-what_happened")
    expect(raw).to_have_text(STORY["what_happened"])
    expect(raw.locator("mark.candour-redaction")).to_have_text(
        ["Zofia Kowalczyk", "27 Larch Grove", "07700 900461"]
    )
    analyst.get_by_role("button", name="Save redactions").click()
    expect(analyst.get_by_role("alert")).to_contain_text("Redactions saved")
    expect(analyst.locator("#task-redactions-status")).to_have_text("Completed")
    expect(analyst.locator("#task-outcome-status")).to_have_text("Not started")
    expect(analyst.locator("#deidentified")).to_contain_text(
        "On a home visit to [name] at [address], I wrote her mobile [phone] on the form"
    )
    analyst.get_by_role("link", name="Ask the reporter questions (optional)").click()
    analyst.get_by_label("Question for the reporter").fill(QUESTION)
    analyst.get_by_role("button", name="Send question").click()
    expect(analyst.get_by_role("alert")).to_contain_text("Question sent")
    expect(analyst.locator("#report-status")).to_have_text("Waiting for the reporter")
    expect(analyst.locator("#task-questions-status")).to_have_text("In progress")

    # The reporter comes back, typing the receipt loosely, reads the question and answers.
    reporter = new_context().new_page()
    _open_with_receipt(reporter, sent.receipt.lower().replace("-", " "))
    expect(reporter.get_by_role("heading", level=1)).to_have_text("Your report")
    expect(reporter.locator("#report-status")).to_have_text("Waiting for the reporter")
    expect(reporter.locator("main")).to_contain_text(QUESTION)
    expect(reporter.locator("main")).to_contain_text("[name]")
    expect(reporter.locator("main")).not_to_contain_text("Zofia")
    reporter.get_by_label("Your answer or more information").fill(ANSWER)
    reporter.get_by_role("button", name="Send to the learning team").click()
    expect(reporter.get_by_role("alert")).to_contain_text("Sent to the learning team")
    expect(reporter.locator("#report-status")).to_have_text("In review")

    # The analyst reads the answer and closes the report with a message for the reporter.
    analyst.reload()
    expect(analyst.locator("#task-questions-status")).to_have_text("Completed")
    analyst.get_by_role("link", name="Ask the reporter questions (optional)").click()
    expect(analyst.locator("main")).to_contain_text(ANSWER)
    analyst.get_by_role("link", name="Back to the report's tasks").click()
    analyst.get_by_role("link", name="Close the report").click()
    analyst.get_by_label("Learning captured", exact=True).check()
    analyst.get_by_label("What the reporter will read").fill(OUTCOME_FOR_REPORTER)
    analyst.get_by_role("button", name="Close report").click()
    # Closing destroys the reporter's words: the analyst confirms on a page of its own.
    analyst.get_by_role("button", name="Yes, close the report").click()
    expect(analyst.get_by_role("alert")).to_contain_text("Report closed")
    expect(analyst.locator("#report-status")).to_have_text("Closed")
    expect(analyst.locator("main")).to_contain_text("Learning captured")
    expect(analyst.locator("#task-close-status")).to_have_text("Completed")
    expect(analyst.locator(".govuk-task-list__link")).to_have_count(0)
    expect(analyst.locator(".candour-raw")).to_have_count(0)
    for words in IDENTIFYING:
        expect(analyst.locator("main")).not_to_contain_text(words)

    # The reporter comes back once more and reads what happened because of the report.
    reporter = new_context().new_page()
    _open_with_receipt(reporter, sent.receipt)
    expect(reporter.locator("#report-status")).to_have_text("Closed")
    expect(reporter.locator("#report-outcome")).to_have_text(OUTCOME_FOR_REPORTER)
    for words in IDENTIFYING:
        expect(reporter.locator("main")).not_to_contain_text(words)

    # The manager of the team reads the de-identified lesson, without the team if it is small.
    manager = signed_in_page("manager")
    manager.goto("/reports/")
    card = manager.locator(".govuk-summary-card").filter(has_text=sent.reference)
    expect(card).to_contain_text(f"Team: {_expected_team_for_managers()}")
    card.get_by_role("link", name=f"{sent.reference}: {NEAR_MISS}").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text(NEAR_MISS)
    main = manager.locator("main")
    expect(main).to_contain_text(
        "On a home visit to [name] at [address], I wrote her mobile [phone] on the form "
        f"in the {CONTROL} and it was filed with the wrong family."
    )
    expect(main).to_contain_text(STORY["what_caught_it"])
    expect(main).to_contain_text(f"{month}, afternoon")
    expect(main).to_contain_text("Too much work or too little time")
    row = manager.locator(".govuk-summary-list__row").filter(
        has=manager.locator("dt", has_text=re.compile(r"^Team$"))
    )
    expect(row.locator("dd")).to_have_text(_expected_team_for_managers())
    for words in IDENTIFYING:
        expect(main).not_to_contain_text(words)

    # Nothing identifying is left in what the server stored.
    found, control = _identifying_bytes_found(database_env)
    assert control, f"{CONTROL!r} is not in the database: the search read the wrong place"
    assert found == [], f"identifying details survived the closure: {found}"


def test_given_no_what_happened_when_continuing_then_the_error_shows_and_the_answers_stay(
    page: Page,
) -> None:
    page.goto("/report/new/")
    page.get_by_label("Which organisation is this about?").select_option(label=ORGANISATION)
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("button", name="Continue").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Tell us what happened")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator("#id_what_happened-error")).to_contain_text("Tell us what happened")
    summary.get_by_role("link", name="Tell us what happened").click()
    expect(page.get_by_label("What happened?", exact=True)).to_be_focused()

    # Answered, then back by the Back links: every page still holds its answers.
    page.get_by_role("link", name="Back", exact=True).click()
    organisation = page.get_by_label("Which organisation is this about?")
    expect(organisation.locator("option:checked")).to_have_text(ORGANISATION)
    page.get_by_role("button", name="Continue").click()
    month = answer_report_pages(page, _story(month_index=2))
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page.get_by_label(ANONYMOUSLY, exact=True)).to_be_checked()
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page.get_by_label(FACTOR, exact=True)).to_be_checked()
    expect(page.get_by_label("What would stop it happening again? (optional)")).to_have_value(
        STORY["what_would_prevent"]
    )
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page.get_by_label("When did it happen?").locator("option:checked")).to_have_text(month)
    team = page.get_by_label("Which team's work was it? (optional)")
    expect(team.locator("option:checked")).to_have_text(TEAM)
    page.get_by_role("link", name="Back", exact=True).click()
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page.get_by_label("What happened?", exact=True)).to_have_value(STORY["what_happened"])


def test_given_no_javascript_when_a_reporter_sends_a_report_then_they_get_a_receipt(
    new_context: ContextFactory,
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/report/new/")
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))
    answer_report_pages(
        page,
        ReportAnswers(what_happened="A visit was booked twice for the same afternoon.", team=TEAM),
    )

    sent = _send_checked_report(page)

    assert RECEIPT_SHAPE.match(sent.receipt)


def test_given_a_wrong_receipt_when_the_reporter_enters_it_then_no_report_is_found(
    page: Page,
) -> None:
    _open_with_receipt(page, "2222-3333-4444-5555")

    expect(page.get_by_role("heading", level=1)).to_have_text("Come back to your report")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "We could not find a report with that code"
    )
    expect(page.locator("#id_receipt-error")).to_contain_text(
        "We could not find a report with that code"
    )
    expect(page.get_by_label("Your receipt code")).to_have_value("2222-3333-4444-5555")


def test_given_each_reporting_page_when_axe_checks_it_then_there_are_no_serious_problems(
    new_context: ContextFactory,
    signed_in_page: PageOpener,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    problems: list[str] = []

    def check(page: Page, state: str) -> None:
        problems.extend(f"[{state}] {p}" for p in serious_accessibility_problems(page))

    reporter = new_context().new_page()
    reporter.goto("/report/")
    check(reporter, "start")
    reporter.get_by_role("button", name="Start now").click()
    continue_button = reporter.get_by_role("button", name="Continue")

    def each_way(state: str) -> None:
        """The page as it comes, then refused with nothing answered."""
        check(reporter, state)
        continue_button.click()
        expect(reporter.locator(".govuk-error-summary")).to_be_visible()
        check(reporter, f"{state}, with errors")

    each_way("which organisation")
    reporter.get_by_label("Which organisation is this about?").select_option(label=ORGANISATION)
    continue_button.click()
    each_way("what happened")
    reporter.get_by_label("What happened?", exact=True).fill("A referral was read a day late.")
    continue_button.click()
    each_way("outcome")
    reporter.get_by_label(NEAR_MISS, exact=True).check()
    continue_button.click()
    each_way("when and where")
    reporter.get_by_label("When did it happen?").select_option(index=1)
    reporter.get_by_label("Morning", exact=True).check()
    reporter.get_by_label("The office", exact=True).check()
    continue_button.click()
    check(reporter, "what helped")
    continue_button.click()
    each_way("staying in touch")
    reporter.get_by_label(IN_CONFIDENCE).check()
    reporter.get_by_label("How can the learning team contact you? (only if in confidence)").fill(
        "reporter@example.org"
    )
    continue_button.click()
    expect(reporter.get_by_role("button", name="Send report")).to_be_visible()
    check(reporter, "check your report")
    reporter.get_by_role("button", name="Send report").click()
    expect(reporter.locator("#receipt-code")).to_be_visible()
    check(reporter, "receipt")
    receipt = reporter.locator("#receipt-code").inner_text().strip()
    match = REFERENCE_SHAPE.search(reporter.locator("main").inner_text())
    assert match is not None
    reference = match.group()

    analyst = signed_in_page("analyst")
    analyst.goto("/learning/reports/")
    check(analyst, "triage")
    analyst.goto(f"/learning/reports/{reference}/")
    check(analyst, "analyst's report: task list")
    analyst.get_by_role("link", name="Check the redactions").click()
    check(analyst, "task: check the redactions")
    analyst.get_by_role("button", name="Save redactions").click()
    expect(analyst.get_by_role("alert")).to_contain_text("Redactions saved")
    check(analyst, "task list, one task done")
    for task, state in (
        ("Code the outcome and harm", "task: outcome"),
        ("Code the human factors", "task: human factors"),
        ("Ask the reporter questions (optional)", "task: questions"),
        ("Write a lesson or raise an alert (optional)", "task: lesson or alert"),
    ):
        analyst.get_by_role("link", name=task).click()
        check(analyst, state)
        analyst.get_by_role("link", name="Back to the report's tasks").click()
    analyst.get_by_role("link", name="Change status").click()
    check(analyst, "assignment and status")
    analyst.get_by_role("button", name="Save and return to the tasks").click()

    follow_up = new_context().new_page()
    follow_up.goto("/report/follow-up/")
    check(follow_up, "follow-up")
    follow_up.get_by_role("button", name="Continue").click()
    expect(follow_up.locator(".govuk-error-summary")).to_be_visible()
    check(follow_up, "follow-up with errors")
    _open_with_receipt(follow_up, receipt)
    expect(follow_up.locator("#report-status")).to_be_visible()
    check(follow_up, "reporter's report")

    manager = signed_in_page("manager")
    manager.goto("/reports/")
    check(manager, "reports")
    manager.goto(f"/reports/{reference}/")
    expect(manager.get_by_role("heading", level=1)).to_be_visible()
    check(manager, "manager's report")

    analyst.get_by_role("link", name="Close the report").click()
    analyst.get_by_role("button", name="Close report").click()
    expect(analyst.locator(".govuk-error-summary")).to_be_visible()
    check(analyst, "task: close, with errors")
    analyst.get_by_label("No further action needed", exact=True).check()
    analyst.get_by_label("What the reporter will read").fill("Shared with the duty team.")
    analyst.get_by_role("button", name="Close report").click()
    check(analyst, "close: are you sure")
    # Closing destroys the reporter's words: the analyst confirms on a page of its own.
    analyst.get_by_role("button", name="Yes, close the report").click()
    expect(analyst.locator("#report-status")).to_have_text("Closed")
    check(analyst, "analyst's report, closed")

    assert problems == [], "\n".join(problems)
