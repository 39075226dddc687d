"""The open lessons library: opening lessons and bulletins, what anyone sees, feed and data."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.learning.lessons import services as lessons
from candour.learning.library import services as library
from candour.learning.library.content import open_copy
from candour.learning.library.open_bulletins import open_bulletin_copy
from candour.learning.models import Bulletin, Lesson, OpenBulletin, OpenLesson
from candour.reporting.models import Report
from candour.reporting.tests.factories import reviewed_report
from candour.reporting.vocabulary import Outcome, Setting
from conftest import World, signed_in_client
from tests.clock import A_THURSDAY

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(A_THURSDAY, tick=False)]

ATOM = "{http://www.w3.org/2005/Atom}"
TITLE = "See the child, awake"
STORY = "A visit went ahead without the child being seen, late on a busy afternoon."


def _reports(world: World, count: int, **overrides: Any) -> list[Report]:
    return [reviewed_report(world, **overrides) for _ in range(count)]


def _published(world: World, reports: list[Report], **overrides: str) -> Lesson:
    texts = {
        "title": TITLE,
        "story": STORY,
        "commentary": "Back-to-back visits and a template default made it easy to miss.",
        "action_taken": "The default was removed and visits are spaced.",
    }
    texts.update(overrides)
    lesson = lessons.save_lesson(
        actor=world.analyst,
        organisation=world.riverside,
        reports=reports,
        title=texts["title"],
        story=texts["story"],
        commentary=texts["commentary"],
        action_taken=texts["action_taken"],
    )
    return lessons.publish_lesson(actor=world.analyst, lesson=lesson)


def _open(world: World, lesson: Lesson) -> OpenLesson:
    digest = open_copy(lesson, today=timezone.localdate()).digest
    return library.publish_openly(actor=world.analyst, lesson=lesson, previewed=digest)


def _get(path: str, **query: str) -> str:
    response = Client().get(path, query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# ------------------------------------------------------------------ service


def test_opening_copies_the_text_filters_and_suppressed_figures_and_is_audited(
    world: World,
) -> None:
    harm = _reports(world, 1, outcome=Outcome.HARM, setting=Setting.OFFICE)
    reports = _reports(world, 6) + harm
    lesson = _published(world, reports)
    opened = _open(world, lesson)
    assert opened.title == TITLE
    assert opened.month.isoformat() == "2026-11-01"
    facets = {(f.kind, f.value) for f in opened.facets.all()}
    assert {("setting", "home_visit"), ("setting", "office")} <= facets
    assert {("factor", "workload"), ("factor", "family_access")} <= facets
    assert {("outcome", "near_miss"), ("outcome", "harm")} <= facets
    # Seven reports: six near misses and one harm. The one is hidden, and the six too, or
    # 7 - 6 would give it away; both then say only "not shown", so neither is the small one.
    assert opened.figures == {
        "reports": 7,
        "outcomes": [["harm", None, True], ["near_miss", None, True]],
    }
    event = AuditEvent.objects.get(event_type=AuditEventType.LESSON_OPENED)
    assert event.actor_id == world.analyst.pk
    assert event.data == {"open_lesson": opened.pk}


def test_a_draft_a_stale_preview_and_a_second_opening_are_refused(world: World) -> None:
    draft = lessons.save_lesson(
        actor=world.analyst,
        organisation=world.riverside,
        title=TITLE,
        story=STORY,
        commentary="Why",
        action_taken="",
        reports=[],
    )
    with pytest.raises(ValidationError, match="Publish the lesson in your organisation first"):
        _open(world, draft)
    lesson = lessons.publish_lesson(actor=world.analyst, lesson=draft)
    stale = open_copy(lesson, today=timezone.localdate()).digest
    lessons.save_lesson(
        actor=world.analyst,
        organisation=world.riverside,
        title="A new title",
        story=STORY,
        commentary="Why",
        action_taken="",
        reports=[],
        lesson=lesson,
    )
    with pytest.raises(ValidationError, match="changed since your preview"):
        library.publish_openly(actor=world.analyst, lesson=lesson, previewed=stale)
    _open(world, lesson)
    with pytest.raises(ValidationError, match="already in the open library"):
        _open(world, lesson)
    assert OpenLesson.objects.count() == 1


@pytest.mark.parametrize(
    ("story", "refusal"),
    [
        ("Report CR-ABC123 showed the visit was missed.", "report reference"),
        ("On 3 November 2026 the visit was missed.", "the month only"),
        ("The Assessment team missed the visit.", "small team (Assessment)"),
    ],
)
def test_text_that_would_expose_a_reference_a_date_or_a_small_team_cannot_be_opened(
    world: World, story: str, refusal: str
) -> None:
    # Each is allowed in a lesson inside the organisation; only the open library refuses it.
    lesson = _published(world, [], story=story)
    copy = open_copy(lesson, today=timezone.localdate())
    assert refusal in copy.problems["story"]
    with pytest.raises(ValidationError):
        library.publish_openly(actor=world.analyst, lesson=lesson, previewed=copy.digest)


def test_withdrawal_takes_the_lesson_out_of_the_library_feed_and_data_at_once(
    world: World,
) -> None:
    opened = _open(world, _published(world, _reports(world, 5)))
    page = reverse("learning:library-lesson", args=[opened.pk])
    paths = [
        reverse("learning:library"),
        reverse("learning:library-feed"),
        reverse("learning:library-csv"),
        reverse("learning:library-json"),
    ]
    assert all(TITLE in _get(path) for path in paths)
    assert TITLE in _get(page)
    library.withdraw_openly(actor=world.analyst, opened=opened)
    assert all(TITLE not in _get(path) for path in paths)
    assert TITLE not in _get(reverse("learning:library"), q="child seen on a visit")
    assert Client().get(page).status_code == 404
    event = AuditEvent.objects.get(event_type=AuditEventType.LESSON_WITHDRAWN)
    assert event.actor_id == world.analyst.pk
    assert event.data == {"open_lesson": opened.pk}


# ------------------------------------------------------------------ the learning team's pages


def test_the_analyst_previews_exactly_what_will_be_public_then_confirms(world: World) -> None:
    lesson = _published(world, _reports(world, 3))
    client = signed_in_client(world.analyst)
    url = reverse("learning:lesson-open", args=[lesson.pk])
    preview = client.get(url).content.decode()
    assert "Check what the public will see" in preview
    assert STORY in preview
    assert "November 2026" in preview
    assert "fewer than 5" in preview
    assert "A home visit" in preview
    assert not OpenLesson.objects.exists()
    digest = open_copy(lesson, today=timezone.localdate()).digest
    assert client.post(url, {"digest": "not the preview"}).status_code == 400
    assert not OpenLesson.objects.exists()
    response = client.post(url, {"digest": digest})
    assert response.status_code == 302
    opened = OpenLesson.objects.get()
    internal = client.get(reverse("learning:lesson", args=[lesson.pk])).content.decode()
    assert "Withdraw from the open library" in internal
    client.post(reverse("learning:lesson-withdraw", args=[lesson.pk]))
    opened.refresh_from_db()
    assert opened.withdrawn_at is not None


def test_only_the_organisations_analysts_may_open_or_withdraw_a_lesson(world: World) -> None:
    lesson = _published(world, [])
    digest = open_copy(lesson, today=timezone.localdate()).digest
    url = reverse("learning:lesson-open", args=[lesson.pk])
    for person in (world.staff, world.manager, world.admin, world.other_admin):
        client = signed_in_client(person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"digest": digest}).status_code == 404
    assert not OpenLesson.objects.exists()
    _open(world, lesson)
    withdraw = reverse("learning:lesson-withdraw", args=[lesson.pk])
    for person in (world.staff, world.manager, world.other_admin):
        assert signed_in_client(person).post(withdraw).status_code == 404
    assert OpenLesson.objects.public().count() == 1


# ------------------------------------------------------------------ the public library


def test_anyone_searches_and_filters_the_library_without_signing_in(world: World) -> None:
    visit = _open(world, _published(world, _reports(world, 2)))
    office = _open(
        world,
        _published(
            world,
            _reports(world, 2, setting=Setting.OFFICE, factors=["handover"]),
            title="Handovers lose the plan",
            story="A case moved between teams and the safety plan did not move with it.",
            commentary="Transfers had no checklist for the plan.",
            action_taken="A transfer checklist names the plan.",
        ),
    )
    everything = _get(reverse("learning:library"))
    assert TITLE in everything
    assert "Handovers lose the plan" in everything
    by_setting = _get(reverse("learning:library"), setting="office")
    assert "Handovers lose the plan" in by_setting
    assert TITLE not in by_setting
    by_factor = _get(reverse("learning:library"), factor="handover")
    assert "Handovers lose the plan" in by_factor
    assert TITLE not in by_factor
    assert TITLE in _get(reverse("learning:library"), outcome="near_miss", setting="home_visit")
    found = _get(reverse("learning:library"), q="safety plan lost when a case was transferred")
    assert found.index("Handovers lose the plan") < found.find(TITLE) or TITLE not in found
    combined = _get(reverse("learning:library"), q="child not seen on a visit", setting="office")
    assert TITLE not in combined
    assert visit.pk != office.pk


def test_searching_is_limited_per_client(world: World) -> None:
    _open(world, _published(world, []))
    client = Client()
    for _ in range(30):
        assert client.get(reverse("learning:library"), {"q": "visit"}).status_code == 200
    refused = client.get(reverse("learning:library"), {"q": "visit"})
    assert refused.status_code == 429
    assert "Too many searches" in refused.content.decode()
    # Browsing by the filters is not a search, and still answers.
    assert client.get(reverse("learning:library"), {"setting": "office"}).status_code == 200


def test_an_open_page_and_feed_entry_show_no_reference_and_no_exact_date(world: World) -> None:
    reports = _reports(world, 6)
    lesson = _published(world, reports)
    opened = _open(world, lesson)
    page = _get(reverse("learning:library-lesson", args=[opened.pk]))
    feed = _get(reverse("learning:library-feed"))
    data = _get(reverse("learning:library-json")) + _get(reverse("learning:library-csv"))
    (entry,) = ET.fromstring(feed).iter(f"{ATOM}entry")  # noqa: S314 - our own feed
    entry_text = ET.tostring(entry, encoding="unicode")
    opened_on = opened.opened_at.date()
    exact_dates = {
        opened_on.isoformat(),
        f"{opened_on.day} November 2026",
        f"{opened_on:%d/%m/%Y}",
        "2026-11-26",  # the reports' received day
        f"{opened.opened_at:%H:%M}",
    }
    for shown in (page, entry_text, data):
        for report in reports:
            assert report.reference not in shown
        for exact in exact_dates:
            assert exact not in shown
    assert "November 2026" in page
    assert entry.findtext(f"{ATOM}updated") == "2026-11-01T00:00:00Z"


def test_small_numbers_are_hidden_on_the_page_and_in_the_data(world: World) -> None:
    opened = _open(world, _published(world, _reports(world, 3)))
    page = _get(reverse("learning:library-lesson", args=[opened.pk]))
    figures = page[page.index('id="lesson-figures"') :]
    assert "fewer than 5" in figures
    assert ">3<" not in figures
    (record,) = json.loads(_get(reverse("learning:library-json")))["lessons"]
    assert record["reports"] == "fewer than 5"
    assert record["reports_by_outcome"] == {"near_miss": "fewer than 5"}


def test_the_feed_is_valid_atom_with_the_required_elements(world: World) -> None:
    _open(world, _published(world, _reports(world, 5)))
    response = Client().get(reverse("learning:library-feed"))
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    # The standard library's parser, as feed readers use: our own feed, not untrusted XML.
    root = ET.fromstring(response.content)  # noqa: S314
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{required}")
    assert root.find(f"{ATOM}author/{ATOM}name") is not None
    links = {link.get("rel"): link.get("href") for link in root.iter(f"{ATOM}link")}
    assert str(links["self"]).endswith("/library/feed.atom")
    assert root.findtext(f"{ATOM}rights") == "Open Government Licence v3.0"
    (entry,) = root.findall(f"{ATOM}entry")
    for required in ("id", "title", "updated", "content"):
        assert entry.findtext(f"{ATOM}{required}")
    assert entry.findtext(f"{ATOM}title") == TITLE
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Riverside"
    assert entry.findtext(f"{ATOM}id", "").startswith("http://testserver/library/")
    assert STORY in entry.findtext(f"{ATOM}content", "")


def test_the_data_downloads_name_the_open_government_licence(world: World) -> None:
    _open(world, _published(world, _reports(world, 5)))
    payload = json.loads(_get(reverse("learning:library-json")))
    assert payload["licence"]["name"] == "Open Government Licence v3.0"
    assert payload["licence"]["url"].startswith("https://www.nationalarchives.gov.uk/")
    (record,) = payload["lessons"]
    assert record["title"] == TITLE
    assert record["month"] == "2026-11"
    assert record["reports"] == 5
    assert record["settings"] == ["home_visit"]
    rows = list(csv.DictReader(io.StringIO(_get(reverse("learning:library-csv")))))
    assert [row["title"] for row in rows] == [TITLE]
    assert rows[0]["licence"] == "Open Government Licence v3.0"
    assert rows[0]["reports"] == "5"
    assert rows[0]["contributing_factors"] == "family_access; workload"


def test_a_later_edit_does_not_change_the_open_copy(world: World) -> None:
    lesson = _published(world, [])
    opened = _open(world, lesson)
    lessons.save_lesson(
        actor=world.analyst,
        organisation=world.riverside,
        title="Rewritten",
        story="Rewritten story about the visit.",
        commentary="Rewritten",
        action_taken="",
        reports=[],
        lesson=lesson,
    )
    page = _get(reverse("learning:library-lesson", args=[opened.pk]))
    assert TITLE in page
    assert "Rewritten" not in page
    assert timezone.now() - opened.opened_at < timedelta(minutes=1)


def test_the_library_reads_the_same_number_of_queries_however_many_lessons_are_open(
    world: World,
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _get(reverse("learning:library"))
            _get(reverse("learning:library-feed"))
            _get(reverse("learning:library-json"))
        return len(captured.captured_queries)

    _open(world, _published(world, _reports(world, 2)))
    few = queries()
    for number in range(3):
        _open(world, _published(world, _reports(world, 1), title=f"Another lesson {number}"))
    assert queries() == few


# ------------------------------------------------------------------ bulletins


def _bulletin(world: World, days: int = 30) -> Bulletin:
    today = timezone.localdate()
    return lessons.publish_bulletin(
        actor=world.analyst,
        organisation=world.riverside,
        title="Practice lessons this autumn",
        period_start=today - timedelta(days=days),
        period_end=today,
        introduction="For team meetings: one story, and what people reported.",
    )


def test_a_bulletin_opens_after_its_preview_with_months_only_and_small_numbers_hidden(
    world: World,
) -> None:
    _reports(world, 3, today=timezone.localdate())
    _published(world, [])
    bulletin = _bulletin(world)
    client = signed_in_client(world.analyst)
    url = reverse("learning:bulletin-open", args=[bulletin.pk])
    preview = client.get(url).content.decode()
    assert "October 2026 to November 2026" in preview
    assert "Check what the public will see" in preview
    assert not OpenBulletin.objects.exists()
    digest = open_bulletin_copy(bulletin, today=timezone.localdate()).digest
    assert client.post(url, {"digest": digest}).status_code == 302
    opened = OpenBulletin.objects.get()
    assert opened.figures["reports"] is None
    page = _get(reverse("learning:library-bulletin", args=[opened.pk]))
    assert STORY in page
    assert "October 2026 to November 2026" in page
    assert "fewer than 5" in page
    assert "12 November 2026" not in page
    assert "13 October 2026" not in page
    library_page = _get(reverse("learning:library"))
    assert "Practice lessons this autumn" in library_page
    # Filters describe lessons, so a bulletin is not among filtered results.
    assert "Practice lessons this autumn" not in _get(reverse("learning:library"), setting="office")
    root = ET.fromstring(Client().get(reverse("learning:library-feed")).content)  # noqa: S314
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert "Practice lessons this autumn" in titles
    assert AuditEvent.objects.filter(event_type=AuditEventType.BULLETIN_OPENED).count() == 1
    for person in (world.staff, world.manager, world.other_admin):
        assert signed_in_client(person).get(url).status_code in {404}
    client.post(reverse("learning:bulletin-withdraw", args=[bulletin.pk]))
    assert Client().get(reverse("learning:library-bulletin", args=[opened.pk])).status_code == 404
    assert "Practice lessons this autumn" not in _get(reverse("learning:library-feed"))
    assert AuditEvent.objects.filter(event_type=AuditEventType.BULLETIN_WITHDRAWN).count() == 1


def test_a_bulletin_overlapping_an_open_one_cannot_be_opened(world: World) -> None:
    _published(world, [])
    month = _bulletin(world, days=30)
    fortnight = _bulletin(world, days=14)
    digest = open_bulletin_copy(month, today=timezone.localdate()).digest
    library.publish_bulletin_openly(actor=world.analyst, bulletin=month, previewed=digest)
    copy = open_bulletin_copy(fortnight, today=timezone.localdate())
    assert "Another open bulletin covers part of this period" in copy.problems["period"]
    with pytest.raises(ValidationError):
        library.publish_bulletin_openly(
            actor=world.analyst, bulletin=fortnight, previewed=copy.digest
        )


def test_the_open_data_holds_open_bulletins_with_small_numbers_hidden(world: World) -> None:
    _reports(world, 3, today=timezone.localdate())
    _reports(world, 6, today=timezone.localdate(), outcome=Outcome.NO_HARM)
    _published(world, [])
    bulletin = _bulletin(world)
    digest = open_bulletin_copy(bulletin, today=timezone.localdate()).digest
    opened = library.publish_bulletin_openly(
        actor=world.analyst, bulletin=bulletin, previewed=digest
    )
    url = "http://testserver" + reverse("learning:library-bulletin", args=[opened.pk])

    data = json.loads(_get(reverse("learning:library-json")))
    (record,) = data["bulletins"]
    assert record["id"] == url
    assert record["title"] == "Practice lessons this autumn"
    assert (record["first_month"], record["last_month"]) == ("2026-10", "2026-11")
    assert record["lessons"] == [TITLE]
    assert record["reports"] == 9
    assert set(record["reports_by_outcome"].values()) <= {"fewer than 5", "not shown", 6}
    assert record["licence"] == "Open Government Licence v3.0"
    assert data["licence"]["name"] == "Open Government Licence v3.0"

    rows = list(csv.DictReader(io.StringIO(_get(reverse("learning:library-bulletins-csv")))))
    (row,) = rows
    assert row["id"] == url
    assert row["lessons"] == TITLE
    assert row["reports"] == "9"
    assert row["licence"] == "Open Government Licence v3.0"
    assert "1" not in row["reports_by_outcome"].replace("fewer than 5", "")

    library.withdraw_bulletin_openly(actor=world.analyst, opened=opened)
    assert json.loads(_get(reverse("learning:library-json")))["bulletins"] == []
    assert list(csv.DictReader(io.StringIO(_get(reverse("learning:library-bulletins-csv"))))) == []
