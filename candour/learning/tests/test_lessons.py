from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from candour.learning.lessons import services as lessons
from candour.learning.lessons.bulletin_content import bulletin_content
from candour.learning.models import Lesson, Theme
from candour.learning.themes import services as themes
from candour.reporting import services as reporting
from candour.reporting.tests.factories import reviewed_report, submit
from candour.reporting.vocabulary import Outcome
from conftest import World, signed_in_client
from tests.clock import A_THURSDAY

# Held on a Thursday: reports count in the week of their Thursday (ADR 0020's dashboard
# rule), so on another weekday this week's reports would count nowhere yet.
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(A_THURSDAY, tick=False)]


STORY = "A visit went ahead without the child being seen, late on a busy afternoon."


def _lesson(world: World, **overrides: object) -> Lesson:
    arguments: dict[str, object] = {
        "actor": world.analyst,
        "organisation": world.riverside,
        "title": "See the child, awake",
        "story": STORY,
        "commentary": "Back-to-back visits and a template default made it easy.",
        "action_taken": "The default was removed.",
        "reports": [],
    }
    arguments.update(overrides)
    return lessons.save_lesson(**arguments)  # type: ignore[arg-type]


def test_a_lesson_that_still_identifies_someone_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        _lesson(world, story="Mum Kasia Nowak at 14 Elm Road, RV1 2AB, refused entry.")
    assert "story" in raised.value.message_dict
    assert "Kasia" in raised.value.message_dict["story"][0]
    assert not Lesson.objects.exists()


def test_drafts_are_for_analysts_and_published_lessons_for_the_organisation(
    world: World,
) -> None:
    lesson = _lesson(world)
    url = reverse("learning:lesson", args=[lesson.pk])
    assert signed_in_client(world.staff).get(url).status_code == 404
    assert signed_in_client(world.analyst).get(url).status_code == 200
    lessons.publish_lesson(actor=world.analyst, lesson=lesson)
    assert STORY in signed_in_client(world.staff).get(url).content.decode()
    assert signed_in_client(world.other_admin).get(url).status_code == 404
    assert (
        "See the child, awake"
        in signed_in_client(world.manager).get(reverse("learning:lessons")).content.decode()
    )


def test_writing_a_lesson_through_the_page_keeps_what_was_typed_on_error(world: World) -> None:
    client = signed_in_client(world.analyst)
    response = client.post(
        reverse("learning:lesson-new"),
        {"title": "A title", "story": "Dad Piotr Zielinski rang", "commentary": "Why"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "This looks identifying" in body
    assert "Dad Piotr Zielinski rang" in body
    ok = client.post(
        reverse("learning:lesson-new"),
        {"title": "A title", "story": STORY, "commentary": "Why it happened"},
    )
    assert ok.status_code == 302
    assert signed_in_client(world.staff).get(reverse("learning:lesson-new")).status_code == 404


def test_the_reporter_sees_the_lesson_their_report_fed(world: World) -> None:
    submitted = submit(world)
    lesson = _lesson(world, reports=[submitted.report])
    lessons.publish_lesson(actor=world.analyst, lesson=lesson)
    reporter = Client()
    reporter.post("/report/follow-up/", {"receipt": submitted.receipt})
    page = reporter.get(reverse("reporting:your-report")).content.decode()
    assert "Lessons your report fed" in page
    assert "See the child, awake" in page


def test_a_bulletin_gathers_the_periods_lessons_with_small_numbers_hidden(world: World) -> None:
    today = timezone.localdate()
    for _ in range(6):
        submit(world, today=today)
    submit(world, today=today, outcome=Outcome.HARM)
    lesson = _lesson(world)
    lessons.publish_lesson(actor=world.analyst, lesson=lesson)
    bulletin = lessons.publish_bulletin(
        actor=world.analyst,
        organisation=world.riverside,
        title="November lessons",
        period_start=today - timedelta(days=30),
        period_end=timezone.localdate(),
    )
    content = bulletin_content(bulletin)
    assert [item.title for item in content.lessons] == ["See the child, awake"]
    counts = {row.label: row.shown for row in content.outcomes.rows}
    # Six near misses and one harm, in seven: the six are hidden too, or 7 - 6 gives 1.
    assert counts["It was caught before it reached a child or family"] == "not shown"
    assert counts["A child or family was harmed"] == "not shown"
    assert content.total_reports.shown == "7"
    page = signed_in_client(world.staff).get(reverse("learning:bulletin", args=[bulletin.pk]))
    body = page.content.decode()
    assert "November lessons" in body
    assert "<svg" in body
    assert "not shown" in body
    pdf = signed_in_client(world.manager).get(reverse("learning:bulletin-pdf", args=[bulletin.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert len(pdf.content) > 1500
    assert (
        signed_in_client(world.other_admin)
        .get(reverse("learning:bulletin", args=[bulletin.pk]))
        .status_code
        == 404
    )
    # Later reports do not change a published bulletin.
    for _ in range(6):
        submit(world, today=timezone.localdate(), outcome=Outcome.HARM)
    again = {row.label: row.shown for row in bulletin_content(bulletin).outcomes.rows}
    assert again["A child or family was harmed"] == "not shown"
    assert bulletin_content(bulletin).total_reports.shown == "7"


def test_a_bulletin_needs_lessons_and_a_sensible_period(world: World) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="No lessons"):
        lessons.publish_bulletin(
            actor=world.analyst, organisation=world.riverside, title="Empty",
            period_start=today, period_end=today,
        )  # fmt: skip
    client = signed_in_client(world.analyst)
    body = client.post(
        reverse("learning:bulletin-new"),
        {"title": "T", "period_start": "2026-11-30", "period_end": "2026-11-01"},
    ).content.decode()
    assert "The end must be on or after the start" in body


def test_reviewed_reports_only_can_feed_a_lesson(world: World) -> None:
    report = submit(world).report
    client = signed_in_client(world.analyst)
    assert report.reference not in client.get(reverse("learning:lesson-new")).content.decode()
    reporting.review_redactions(actor=world.analyst, report=report, keep={}, add_phrases={})
    assert report.reference in client.get(reverse("learning:lesson-new")).content.decode()


def _pdf_text(pdf: bytes) -> str:
    """The text on the PDF's pages, as a reader would extract it."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_bulletin_shows_confirmed_theme_trends_frozen_at_publication(world: World) -> None:
    today = timezone.localdate()
    this_month, last_month = today - timedelta(days=3), today - timedelta(days=31)
    reports = []
    for day in [this_month] * 6 + [last_month] * 5:
        report = reviewed_report(world, today=day)
        reports.append(report)
    themes.create_theme(
        actor=world.analyst, organisation=world.riverside, name="Unseen sleeping babies",
        reports=reports,
    )  # fmt: skip
    lessons.publish_lesson(actor=world.analyst, lesson=_lesson(world))
    bulletin = lessons.publish_bulletin(
        actor=world.analyst, organisation=world.riverside, title="Lessons",
        period_start=today - timedelta(days=20), period_end=today,
    )  # fmt: skip
    trend = bulletin_content(bulletin).themes.rows[0]
    assert (trend.name, trend.this_period.shown, trend.previous_period.shown) == (
        "Unseen sleeping babies", "6", "5",
    )  # fmt: skip
    body = (
        signed_in_client(world.staff)
        .get(reverse("learning:bulletin", args=[bulletin.pk]))
        .content.decode()
    )
    table = body.split('id="theme-trends"')[1]
    assert "Unseen sleeping babies" in table
    assert re.search(r">6</td>\s*<td[^>]*>5</td>", table)
    assert body.count('<figure class="candour-chart') == 3
    pdf = signed_in_client(world.staff).get(reverse("learning:bulletin-pdf", args=[bulletin.pk]))
    text = _pdf_text(pdf.content)
    assert "Unseen sleeping babies" in text
    assert "Period before" in text
    # Frozen: later reports in the theme do not change the published bulletin.
    for _ in range(5):
        later = reviewed_report(world, today=this_month)
        themes.attach_report(actor=world.analyst, theme=Theme.objects.get(), report=later)
    assert bulletin_content(bulletin).themes.rows[0].this_period.shown == "6"


def test_editing_a_lesson_later_does_not_change_a_published_bulletin(world: World) -> None:
    lesson = _lesson(world)
    lessons.publish_lesson(actor=world.analyst, lesson=lesson)
    today = timezone.localdate()
    bulletin = lessons.publish_bulletin(
        actor=world.analyst, organisation=world.riverside, title="Lessons",
        period_start=today, period_end=today,
    )  # fmt: skip
    client = signed_in_client(world.analyst)
    response = client.post(
        reverse("learning:lesson-edit", args=[lesson.pk]),
        {"title": "Rewritten later", "story": STORY, "commentary": "Something else entirely"},
        follow=True,
    )
    assert "Bulletins already published keep the text" in response.content.decode()
    body = client.get(reverse("learning:bulletin", args=[bulletin.pk])).content.decode()
    assert "See the child, awake" in body
    assert "Rewritten later" not in body
    assert "Back-to-back visits" in body
