"""Digests: what triggers them, what they say, to whom, and never an unreviewed word."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from candour.accounts.models import Membership
from candour.accounts.roles import Role
from candour.accounts.services import revoke_role
from candour.ideas import services as ideas
from candour.ideas.vocabulary import IdeaStatus
from candour.learning import services as learning
from candour.learning.lessons.services import publish_lesson, save_lesson
from candour.learning.models import Axis, Code
from candour.learning.themes.services import attach_report, create_theme
from candour.notifications.models import OutboundEmail
from candour.reporting import services as reporting
from candour.reporting.tests.factories import reviewed_report, submit
from candour.reporting.vocabulary import Setting
from candour.subscriptions.services import follow, send_digests, set_frequency, unfollow
from candour.subscriptions.vocabulary import Frequency, Kind
from conftest import World

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SENTINEL = "Zanzibarquokka"
BASE = "https://candour.example"


def at(hours: float) -> datetime:
    return START + timedelta(hours=hours)


def run(hours: float, django_capture_on_commit_callbacks) -> list[mail.EmailMessage]:
    """Run the hourly job at START + hours and return the emails it sent."""
    before = len(mail.outbox)
    with (
        time_machine.travel(at(hours), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_digests(base_url=BASE, now=at(hours))
    return mail.outbox[before:]


def follows(user, kind: str, target: str, *, frequency: str = Frequency.IMMEDIATE) -> None:
    with time_machine.travel(START, tick=False):
        follow(actor=user, kind=kind, target=target)
        set_frequency(actor=user, frequency=frequency)


def factor() -> Code:
    return Code.objects.filter(axis=Axis.FACTOR, organisation__isnull=True).order_by("key")[0]


def test_an_immediate_digest_tells_of_a_reviewed_report_in_a_followed_setting(
    world: World, django_capture_on_commit_callbacks
) -> None:
    follows(world.staff, Kind.SETTING, Setting.HOME_VISIT)
    with time_machine.travel(at(1), tick=False):
        report = reviewed_report(world, "The baby was asleep upstairs and was not seen.")
        other = reviewed_report(world, "A court form went late.", setting=Setting.COURT)
    sent = run(2, django_capture_on_commit_callbacks)
    assert [email.to for email in sent] == [[world.staff.email]]
    email = sent[0]
    assert "1 new item you follow" in email.subject
    assert report.reference in email.body
    assert "The baby was asleep upstairs" in email.body
    assert other.reference not in email.body
    assert "Because you follow: A home visit" in email.body
    assert f"{BASE}/reports/{report.reference}/" in email.body
    # Told once: the next run has nothing new.
    assert run(3, django_capture_on_commit_callbacks) == []


def test_the_email_carries_one_click_unsubscribe_headers(
    world: World, django_capture_on_commit_callbacks
) -> None:
    follows(world.staff, Kind.SETTING, Setting.HOME_VISIT)
    with time_machine.travel(at(1), tick=False):
        reviewed_report(world, "Seen late.")
    [email] = run(2, django_capture_on_commit_callbacks)
    header = email.extra_headers["List-Unsubscribe"]
    assert header.startswith(f"<{BASE}/unsubscribe/")
    assert header.endswith("/one-click/>")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email.extra_headers["Message-ID"]
    # The landing page (not the one-click address) is the link in the words.
    assert f"{BASE}/unsubscribe/" in email.body
    assert "/one-click/" not in email.body
    # Once sent, the row keeps neither the words nor the link.
    row = OutboundEmail.objects.get()
    assert row.sent_at is not None
    assert row.headers == {}


def test_a_weekly_digest_waits_a_week_and_gathers_everything(
    world: World, django_capture_on_commit_callbacks
) -> None:
    follows(world.staff, Kind.SETTING, Setting.HOME_VISIT, frequency=Frequency.WEEKLY)
    with time_machine.travel(at(1), tick=False):
        first = reviewed_report(world, "First visit missed.")
    assert run(2, django_capture_on_commit_callbacks) == []
    with time_machine.travel(at(30), tick=False):
        second = reviewed_report(world, "Second visit missed.")
    assert run(24 * 6, django_capture_on_commit_callbacks) == []
    [email] = run(24 * 7, django_capture_on_commit_callbacks)
    assert "weekly digest: 2 new items" in email.subject
    assert first.reference in email.body
    assert second.reference in email.body
    assert run(24 * 8, django_capture_on_commit_callbacks) == []


def test_no_unreviewed_word_is_ever_emailed_and_nothing_is_sent_at_submission(
    world: World, django_capture_on_commit_callbacks
) -> None:
    code = factor()
    follows(world.staff, Kind.SETTING, Setting.HOME_VISIT)
    follows(world.manager, Kind.FACTOR, code.key)
    with time_machine.travel(START, tick=False):
        theme = create_theme(actor=world.analyst, organisation=world.riverside, name="Visits")
    follows(world.analyst, Kind.THEME, str(theme.pk))
    narrative = reporting.Narrative(what_happened=f"The {SENTINEL} was not seen on the visit.")
    with time_machine.travel(at(1), tick=False), django_capture_on_commit_callbacks(execute=True):
        report = submit(world, narrative=narrative).report
    # In a followed setting, but not reviewed (so it can be neither coded nor themed):
    # no email says anything, at submission or after.
    assert not [e for e in mail.outbox if SENTINEL in e.body or SENTINEL in e.subject]
    for hours in (2, 3, 24 * 7 + 1):
        sent = run(hours, django_capture_on_commit_callbacks)
        assert not [e for e in sent if SENTINEL in e.body], hours
        assert not [e for e in sent if report.reference in e.body], hours
    assert not OutboundEmail.objects.filter(sent_at__isnull=True).exists()
    # Reviewed, it may be read on /reports/, and so it may be told.
    with time_machine.travel(at(24 * 8), tick=False):
        reporting.review_redactions(actor=world.analyst, report=report, keep={}, add_phrases={})
        report.refresh_from_db()
        learning.save_coding(
            analyst=world.analyst, report=report, choices=[learning.CodeChoice(code=code)]
        )
        attach_report(actor=world.analyst, theme=theme, report=report)
    sent = run(24 * 8 + 1, django_capture_on_commit_callbacks)
    assert sorted(e.to[0] for e in sent) == sorted(
        [world.staff.email, world.manager.email, world.analyst.email]
    )
    assert all(SENTINEL in e.body and report.reference in e.body for e in sent)


def test_people_are_told_only_what_their_pages_show_them(
    world: World, django_capture_on_commit_callbacks
) -> None:
    follows(world.manager, Kind.SETTING, Setting.HOME_VISIT)
    follows(world.other_admin, Kind.SETTING, Setting.HOME_VISIT)  # Moorland
    with time_machine.travel(at(1), tick=False):
        report = reviewed_report(world, "The baby was not seen.")
    sent = run(2, django_capture_on_commit_callbacks)
    assert [e.to for e in sent] == [[world.manager.email]]
    # Assessment has one member of staff: a manager never learns a small team's name.
    assert report.reference in sent[0].body
    assert "Not shown (small team)" in sent[0].body
    assert "Assessment" not in sent[0].body


def test_a_published_lesson_from_a_followed_setting_is_told(
    world: World, django_capture_on_commit_callbacks
) -> None:
    with time_machine.travel(at(-48), tick=False):
        report = reviewed_report(world, "The baby was not seen.")
    follows(world.staff, Kind.SETTING, Setting.HOME_VISIT)
    with time_machine.travel(at(1), tick=False):
        lesson = save_lesson(
            actor=world.analyst,
            organisation=world.riverside,
            title="See the child awake",
            story="A visit ended without seeing the baby.",
            commentary="Ask to see the child.",
            action_taken="",
            reports=[report],
        )
    assert run(2, django_capture_on_commit_callbacks) == []  # a draft is not news
    with time_machine.travel(at(3), tick=False):
        publish_lesson(actor=world.analyst, lesson=lesson)
    [email] = run(4, django_capture_on_commit_callbacks)
    assert "New lesson: See the child awake" in email.body
    assert f"{BASE}/lessons/{lesson.pk}/" in email.body


def test_new_and_moved_ideas_of_a_followed_team_are_told(
    world: World, django_capture_on_commit_callbacks
) -> None:
    follows(world.manager, Kind.TEAM, str(world.assessment.pk))
    follows(world.other_manager, Kind.TEAM, str(world.child_in_need.pk))
    with time_machine.travel(at(1), tick=False):
        idea = ideas.submit_idea(
            author=world.staff,
            draft=ideas.IdeaDraft(
                team=world.assessment,
                problem_kind="waste",
                problem="We type details three times.",
                idea="Carry details forward from the referral.",
                expected_benefit="Time back.",
            ),
            now=at(1),
        )
    [email] = run(2, django_capture_on_commit_callbacks)
    assert email.to == [world.manager.email]
    assert "New idea: Carry details forward from the referral." in email.body
    with time_machine.travel(at(3), tick=False):
        ideas.move_idea(
            actor=world.manager, idea=idea, to_status=IdeaStatus.UNDER_REVIEW, now=at(3)
        )
    [email] = run(4, django_capture_on_commit_callbacks)
    assert "Idea moved to “Under review”" in email.body


def test_a_followed_themes_change_of_trend_is_told_once(
    world: World, django_capture_on_commit_callbacks
) -> None:
    with time_machine.travel(START, tick=False):
        theme = create_theme(actor=world.analyst, organisation=world.riverside, name="Visits")
    follows(world.analyst, Kind.THEME, str(theme.pk))
    assert run(1, django_capture_on_commit_callbacks) == []  # first look: steady, not news
    with time_machine.travel(at(2), tick=False):
        reports = [reviewed_report(world, f"Visit {n} missed.") for n in range(3)]
    # Attached before the run but reviewed at hour 2: each report is told, and the trend.
    with time_machine.travel(at(2), tick=False):
        for report in reports:
            attach_report(actor=world.analyst, theme=theme, report=report)
    [email] = run(3, django_capture_on_commit_callbacks)
    assert "Theme “Visits” is now rising" in email.body
    assert all(report.reference in email.body for report in reports)
    assert run(4, django_capture_on_commit_callbacks) == []


def test_the_command_queues_digests(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    follows(world.staff, Kind.SETTING, Setting.HOME_VISIT)
    with time_machine.travel(at(1), tick=False):
        reviewed_report(world, "The baby was not seen.")
    with time_machine.travel(at(2), tick=False):
        call_command("send_digests", "--base-url", BASE)
    assert "Queued 1 digest email(s) for 1 person(s)" in capsys.readouterr().out
    assert OutboundEmail.objects.count() == 1


def test_a_follow_outlives_no_change_of_role(
    world: World, django_capture_on_commit_callbacks
) -> None:
    """Followed while an analyst; the role gone, the theme and its reports are not told."""
    with time_machine.travel(START, tick=False):
        theme = create_theme(actor=world.analyst, organisation=world.riverside, name="Visits")
    follows(world.analyst, Kind.THEME, str(theme.pk))
    with time_machine.travel(at(1), tick=False):
        report = reviewed_report(world, "The baby was not seen.")
        attach_report(actor=world.analyst, theme=theme, report=report)
        membership = Membership.objects.get(user=world.analyst, role=Role.ANALYST)
        revoke_role(actor=world.admin, membership=membership)
    assert run(2, django_capture_on_commit_callbacks) == []


def test_following_again_after_unsubscribing_starts_afresh(
    world: World, django_capture_on_commit_callbacks
) -> None:
    follows(world.staff, Kind.SETTING, Setting.HOME_VISIT)
    with time_machine.travel(at(1), tick=False):
        unfollow(actor=world.staff, kind=Kind.SETTING, target=Setting.HOME_VISIT)
        old = reviewed_report(world, "An old visit missed.")
    run(2, django_capture_on_commit_callbacks)
    with time_machine.travel(at(48), tick=False):
        follow(actor=world.staff, kind=Kind.SETTING, target=Setting.HOME_VISIT)
    with time_machine.travel(at(48.5), tick=False):
        new = reviewed_report(world, "A new visit missed.")
    [email] = run(49, django_capture_on_commit_callbacks)
    assert new.reference in email.body
    assert old.reference not in email.body
