"""The analyst's report as a task list (ADR 0029): each task's status, and each task page
saving and coming back to the list."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from candour.accounts.roles import Role
from candour.audit.models import AuditEvent
from candour.core.services import set_safety_lead
from candour.learning import services
from candour.learning.coding import services as coding_services
from candour.learning.lessons import services as lessons_service
from candour.learning.models import Code
from candour.learning.task_list import TaskStatus, report_tasks
from candour.reporting import services as reporting
from candour.reporting.models import Report
from candour.reporting.tests.factories import reviewed_report, submit
from candour.reporting.vocabulary import Status
from conftest import World, make_person, signed_in_client

pytestmark = pytest.mark.django_db

TASKS = ["redactions", "outcome", "coding", "questions", "lesson-or-alert", "close"]


def _tasks_url(report: Report) -> str:
    return reverse("reporting:learning-detail", args=[report.reference])


def _statuses(client: Client, report: Report) -> dict[str, tuple[str, str | None]]:
    """Each task on the page: its status as shown, and where its name links (if it does)."""
    body = client.get(_tasks_url(report)).content.decode()
    found = {}
    for key in TASKS:
        item = body.split(f'id="task-{key}"', 1)[1].split("</li>", 1)[0]
        link = re.search(r'<a class="govuk-link govuk-task-list__link" href="([^"]+)"', item)
        status = item.split(f'id="task-{key}-status">', 1)[1].split("</div>", 1)[0]
        found[key] = (re.sub(r"<[^>]+>", "", status).strip(), link.group(1) if link else None)
    return found


def test_a_new_report_starts_with_its_redactions_and_the_rest_waits(world: World) -> None:
    report = submit(world).report
    client = signed_in_client(world.analyst)
    body = client.get(_tasks_url(report)).content.decode()
    assert "You have completed 0 of 6 tasks." in body
    assert "<form" not in body.split("<main", 1)[1]  # every change is on a task page
    assert "Kasia" not in body  # the raw words only on the redactions page
    statuses = _statuses(client, report)
    assert statuses["redactions"] == (
        "Not started",
        reverse("reporting:review-redactions", args=[report.reference]),
    )
    for key in ("outcome", "coding", "close"):
        assert statuses[key] == ("Cannot start yet", None), key
    assert statuses["questions"][0] == "Not started"
    assert statuses["lesson-or-alert"][0] == "Not started"  # an alert never waits


def test_checking_the_redactions_saves_and_returns_to_the_list(world: World) -> None:
    report = submit(world).report
    client = signed_in_client(world.analyst)
    url = reverse("reporting:review-redactions", args=[report.reference])
    page = client.get(url).content.decode()
    assert re.search(r'<mark class="candour-redaction" title="[a-z]+">Kasia Nowak</mark>', page)
    assert f'href="{_tasks_url(report)}" class="govuk-back-link"' in page
    saved = client.post(url, {"keep_what_happened": ["0", "1", "2"]}, follow=True)
    assert saved.redirect_chain == [(_tasks_url(report), 302)]
    body = saved.content.decode()
    assert "Redactions saved" in body
    assert "Kasia" not in body
    assert "You have completed 1 of 6 tasks." in body
    statuses = _statuses(client, report)
    assert statuses["redactions"][0] == "Completed"
    assert statuses["outcome"] == (
        "Not started",
        reverse("learning:code-outcome", args=[report.reference]),
    )
    assert statuses["coding"][1] == reverse("learning:code-report", args=[report.reference])


def test_the_outcome_and_the_human_factors_are_two_tasks_of_one_coding(world: World) -> None:
    report = reviewed_report(world)
    client = signed_in_client(world.analyst)
    outcome = client.post(
        reverse("learning:code-outcome", args=[report.reference]), {"outcome": "harm"}
    )
    assert outcome["Location"] == _tasks_url(report)
    statuses = _statuses(client, report)
    assert statuses["outcome"][0] == "Completed"
    assert statuses["coding"][0] == "Not started"
    coding_url = reverse("learning:code-report", args=[report.reference])
    # No codes at all is refused: it would read as "nothing applies" to the suggester.
    nothing = client.post(coding_url, {}, follow=True)
    assert "Choose at least one code" in nothing.content.decode()
    saved = client.post(coding_url, {"code": ["factor.organisation.workload"]})
    assert saved["Location"] == _tasks_url(report)
    coding = report.codings.get()
    assert coding.outcome == "harm"
    assert [v.code.key for v in coding.values.all()] == ["factor.organisation.workload"]
    assert _statuses(client, report)["coding"][0] == "Completed"


def test_an_accepted_suggestion_not_yet_saved_is_coding_in_progress(world: World) -> None:
    report = reviewed_report(world)
    coding_services.decide_suggestion(
        analyst=world.analyst,
        report=report,
        code=Code.objects.get(key="factor.team.handover"),
        accepted=True,
        score=0.9,
    )
    statuses = {task.key: task.status for task in report_tasks(report, world.analyst)}
    assert statuses["coding"] == TaskStatus.IN_PROGRESS
    assert statuses["outcome"] == TaskStatus.NOT_STARTED


def test_an_outcome_alone_shows_a_second_analyst_nothing_of_the_first_coding(
    world: World,
) -> None:
    second = make_person("second@riverside.example", world.riverside, Role.ANALYST)
    report = reviewed_report(world)
    services.save_coding(
        analyst=world.analyst,
        report=report,
        choices=[services.CodeChoice(Code.objects.get(key="factor.organisation.workload"))],
    )
    client = signed_in_client(second)
    client.post(reverse("learning:code-outcome", args=[report.reference]), {"outcome": "harm"})
    page = client.get(reverse("learning:code-report", args=[report.reference])).content.decode()
    assert "Another analyst has coded this report" in page
    assert "Where the two codings differ" not in page
    assert _statuses(client, report)["coding"][0] == "Not started"


def test_the_first_coding_with_codes_is_the_primary_one(world: World) -> None:
    second = make_person("second@riverside.example", world.riverside, Role.ANALYST)
    report = reviewed_report(world)
    first = services.code_outcome(analyst=world.analyst, report=report, outcome="harm")
    assert first.is_primary
    services.save_coding(
        analyst=second,
        report=report,
        choices=[services.CodeChoice(Code.objects.get(key="factor.team.handover"))],
    )
    first.refresh_from_db()
    assert not first.is_primary
    assert report.codings.get(analyst=second).is_primary


def test_questions_are_in_progress_until_the_reporter_answers(world: World) -> None:
    report = submit(world).report
    client = signed_in_client(world.analyst)
    url = reverse("reporting:ask", args=[report.reference])
    refused = client.post(url, {"question": ""})
    body = refused.content.decode()
    assert refused.status_code == 400
    assert re.search(r"<title>\s*Error: ", body)
    assert '<a href="#id_question">Write the question before sending it</a>' in body
    asked = client.post(url, {"question": "Was the baby seen later?"})
    assert asked["Location"] == _tasks_url(report)
    report.refresh_from_db()
    assert report.status == Status.AWAITING_REPORTER
    assert _statuses(client, report)["questions"][0] == "In progress"
    assert "Was the baby seen later?" in client.get(url).content.decode()
    reporting.reply_as_reporter(report=report, text="Yes, the next morning.")
    assert _statuses(client, report)["questions"][0] == "Completed"


def test_a_lesson_from_the_report_comes_back_to_the_list_and_counts_once_published(
    world: World,
) -> None:
    report = reviewed_report(world)
    client = signed_in_client(world.analyst)
    page = client.get(reverse("learning:lesson-or-alert", args=[report.reference]))
    write = re.search(r'id="write-lesson" href="([^"]+)"', page.content.decode())
    assert write
    form = client.get(write.group(1).replace("&amp;", "&")).content.decode()
    assert re.search(rf'<input[^>]*value="{report.pk}"[^>]*checked', form)
    saved = client.post(
        write.group(1).replace("&amp;", "&"),
        {
            "title": "Seeing the baby",
            "story": "A baby was not seen on a visit.",
            "commentary": "Visits booked back to back leave no time.",
            "reports": [str(report.pk)],
        },
    )
    assert saved["Location"] == _tasks_url(report)
    assert _statuses(client, report)["lesson-or-alert"][0] == "In progress"
    lesson = report.lessons.get()
    lessons_service.publish_lesson(actor=world.analyst, lesson=lesson)
    assert _statuses(client, report)["lesson-or-alert"][0] == "Completed"
    listed = client.get(reverse("learning:lesson-or-alert", args=[report.reference]))
    assert "Seeing the baby" in listed.content.decode()


def test_an_alert_raised_from_the_task_page_comes_back_to_the_list(
    world: World, django_capture_on_commit_callbacks
) -> None:
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.manager)
    report = submit(world).report
    client = signed_in_client(world.analyst)
    page = client.get(reverse("learning:lesson-or-alert", args=[report.reference]))
    assert "Check the redactions first" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        raised = client.post(
            reverse("learning:raise-alert", args=[report.reference]),
            {"hazard": "The duty phone divert fails at night.", "could_identify_reporter": "no"},
        )
    assert raised["Location"] == _tasks_url(report)
    assert _statuses(client, report)["lesson-or-alert"][0] == "Completed"


def test_assignment_and_status_are_one_page_with_one_save(world: World) -> None:
    report = submit(world).report
    client = signed_in_client(world.analyst)
    url = reverse("reporting:update", args=[report.reference])
    assert f'href="{url}"' in client.get(_tasks_url(report)).content.decode()
    saved = client.post(url, {"analyst": str(world.analyst.pk), "status": "in_review"})
    assert saved["Location"] == _tasks_url(report)
    report.refresh_from_db()
    assert report.assigned_to == world.analyst
    assert report.status == Status.IN_REVIEW
    # Saved again unchanged: nothing more in the audit trail.
    before = AuditEvent.objects.count()
    client.post(url, {"analyst": str(world.analyst.pk), "status": "in_review"})
    assert AuditEvent.objects.count() == before
    refused = client.post(url, {"analyst": "", "status": ""})
    assert refused.status_code == 400
    assert "Choose the report&#x27;s status" in refused.content.decode()


def test_closing_asks_once_more_then_every_task_is_done_or_closed(world: World) -> None:
    report = reviewed_report(world)
    client = signed_in_client(world.analyst)
    url = reverse("reporting:close", args=[report.reference])
    assert "What the reporter will read" in client.get(url).content.decode()
    refused = client.post(url, {"reason": "learning_captured", "outcome_for_reporter": ""})
    assert refused.status_code == 400
    assert "Tell the reporter what happened because of their report" in refused.content.decode()
    answer = {"reason": "learning_captured", "outcome_for_reporter": "A second visit."}
    asked = client.post(url, answer).content.decode()
    assert "Are you sure you want to close this report?" in asked
    report.refresh_from_db()
    assert not report.is_closed
    closed = client.post(url, {**answer, "confirmed": "yes"})
    assert closed["Location"] == _tasks_url(report)
    report.refresh_from_db()
    assert report.is_closed
    statuses = _statuses(client, report)
    assert statuses["close"] == ("Completed", None)
    assert all(link is None for _status, link in statuses.values())
    assert client.get(reverse("reporting:review-redactions", args=[report.reference]))[
        "Location"
    ] == _tasks_url(report)


@pytest.mark.parametrize("persona", ["staff", "manager", "other_admin", "national_analyst"])
def test_only_the_organisations_analysts_reach_the_task_pages(world: World, persona: str) -> None:
    report = reviewed_report(world)
    client = signed_in_client(getattr(world, persona))
    for name in ("learning:code-outcome", "learning:lesson-or-alert"):
        url = reverse(name, args=[report.reference])
        assert client.get(url).status_code == 404, (persona, name)
    outcome = reverse("learning:code-outcome", args=[report.reference])
    assert client.post(outcome, {"outcome": "harm"}).status_code == 404
    assert not report.codings.exists()
