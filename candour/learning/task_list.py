"""The analyst's report as a task list (ADR 0029): each task, its page, and how far it
has got for this analyst. Reads only; every status comes from what was saved.

A task that needs the redactions checked first "cannot start yet"; a closed report's
tasks keep their statuses but link nowhere, since nothing can change any more.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from candour.accounts.models import User
from candour.learning.models import Alert, CodedValue, Coding, Lesson, SuggestionDecision
from candour.reporting.models import Report
from candour.reporting.vocabulary import Sender


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANNOT_START = "cannot_start", _("Cannot start yet")


@dataclass(frozen=True)
class Task:
    key: str
    title: StrOrPromise
    status: TaskStatus
    # None when the task cannot be started, or the report is closed.
    url: str | None
    hint: StrOrPromise = ""

    @property
    def done(self) -> bool:
        return self.status == TaskStatus.COMPLETED


def _url(name: str, report: Report, *, open_: bool) -> str | None:
    return reverse(name, args=[report.reference]) if open_ else None


def _coding_statuses(report: Report, analyst: User) -> tuple[TaskStatus, TaskStatus]:
    """The outcome and the human-factors coding, for this analyst's own coding."""
    own = Coding.objects.filter(report=report, analyst=analyst).first()
    outcome = TaskStatus.COMPLETED if own and own.outcome else TaskStatus.NOT_STARTED
    if own and CodedValue.objects.filter(coding=own).exists():
        return outcome, TaskStatus.COMPLETED
    # Suggestions accepted and waiting in the form: begun, not yet saved.
    accepted = SuggestionDecision.objects.filter(report=report, analyst=analyst, accepted=True)
    return outcome, TaskStatus.IN_PROGRESS if accepted.exists() else TaskStatus.NOT_STARTED


def _questions_status(report: Report) -> TaskStatus:
    last = report.messages.order_by("-pk").values_list("sender", flat=True).first()
    if last is None:
        return TaskStatus.NOT_STARTED
    # The reporter answered last: done unless the team asks again.
    return TaskStatus.COMPLETED if last == Sender.REPORTER else TaskStatus.IN_PROGRESS


def _lesson_or_alert_status(report: Report) -> TaskStatus:
    lessons = Lesson.objects.filter(reports=report)
    if (
        lessons.filter(published_at__isnull=False).exists()
        or Alert.objects.filter(report=report).exists()
    ):
        return TaskStatus.COMPLETED
    return TaskStatus.IN_PROGRESS if lessons.exists() else TaskStatus.NOT_STARTED


def report_tasks(report: Report, analyst: User) -> list[Task]:
    """The report's tasks in the order they are usually done, for this analyst."""
    is_open = not report.is_closed
    reviewed = report.redactions_reviewed_at is not None
    after_review = is_open and reviewed

    def waits(status: TaskStatus) -> TaskStatus:
        return status if reviewed else TaskStatus.CANNOT_START

    outcome, factors = _coding_statuses(report, analyst)
    return [
        Task(
            "redactions",
            _("Check the redactions"),
            TaskStatus.COMPLETED if reviewed else TaskStatus.NOT_STARTED,
            _url("reporting:review-redactions", report, open_=is_open),
            _("Nobody outside the learning team reads the report until this is done."),
        ),
        Task(
            "outcome",
            _("Code the outcome and harm"),
            waits(outcome),
            _url("learning:code-outcome", report, open_=after_review),
        ),
        Task(
            "coding",
            _("Code the human factors"),
            waits(factors),
            _url("learning:code-report", report, open_=after_review),
        ),
        Task(
            "questions",
            _("Ask the reporter questions (optional)"),
            _questions_status(report),
            _url("reporting:ask", report, open_=is_open),
        ),
        Task(
            "lesson-or-alert",
            _("Write a lesson or raise an alert (optional)"),
            # Not after the redactions: an urgent alert must never wait for them.
            _lesson_or_alert_status(report),
            _url("learning:lesson-or-alert", report, open_=is_open),
        ),
        Task(
            "close",
            _("Close the report"),
            TaskStatus.COMPLETED if report.is_closed else waits(TaskStatus.NOT_STARTED),
            _url("reporting:close", report, open_=after_review),
            _("Destroys the reporter's own words, contact details and messages."),
        ),
    ]
