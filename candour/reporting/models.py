from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from candour.core.channels import Channel
from candour.reporting.querysets import ReportQuerySet
from candour.reporting.vocabulary import (
    ClosureReason,
    Outcome,
    PartOfDay,
    Route,
    Sender,
    Setting,
    Status,
)


class Report(models.Model):
    """A mistake, near miss or free lesson, as the learning team holds it.

    The reporter's own words live only in ``raw_sealed`` (encrypted under ``data_key``)
    and only while the report is open; the de-identified fields are what everyone else
    reads, and they are kept for learning after closure.
    """

    reference = models.CharField(max_length=16, unique=True)
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="reports"
    )
    team = models.ForeignKey(
        "core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    route = models.CharField(max_length=16, choices=Route.choices)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.NEW)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    setting = models.CharField(max_length=32, choices=Setting.choices)
    occurred_month = models.DateField(help_text="First day of the month it happened")
    part_of_day = models.CharField(max_length=16, choices=PartOfDay.choices)
    factors = models.JSONField(default=list)
    # How it reached Candour: online, or entered from paper, a call or a meeting (ADR 0035).
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.ONLINE)
    # The week the report arrived (its Monday): a finer time would help identify the reporter.
    received_week = models.DateField()

    what_happened = models.TextField()
    what_caught_it = models.TextField(blank=True)
    what_made_it_likely = models.TextField(blank=True)
    what_would_prevent = models.TextField(blank=True)
    # Redactions per narrative field, as [start, end, kind, replacement] over the raw text.
    redactions = models.JSONField(default=dict)
    redactions_reviewed_at = models.DateTimeField(null=True, blank=True)

    data_key = models.OneToOneField("keys.DataKey", on_delete=models.PROTECT, related_name="+")
    raw_sealed = models.BinaryField(null=True)
    receipt_digest = models.CharField(max_length=64, unique=True)

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_reports",
    )
    due_on = models.DateField()
    closure_reason = models.CharField(max_length=32, choices=ClosureReason.choices, blank=True)
    outcome_for_reporter = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[ReportQuerySet] = ReportQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-received_week", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "status", "due_on"], name="report_queue"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    @property
    def raw_available(self) -> bool:
        return self.raw_sealed is not None and not self.data_key.is_destroyed


class ReporterContact(models.Model):
    """A confidential reporter's contact details, sealed, apart from the report."""

    report = models.OneToOneField(Report, on_delete=models.PROTECT, related_name="contact")
    sealed = models.BinaryField(null=True)
    destroyed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"contact for {self.report_id}"


class ReportMessage(models.Model):
    """A question from the learning team or an answer from the reporter, sealed."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="messages")
    sender = models.CharField(max_length=16, choices=Sender.choices)
    sealed = models.BinaryField(null=True)
    # Day only: a reporter's exact reply time is a fingerprint.
    sent_on = models.DateField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"message {self.pk} on {self.report_id}"


class ReportSubmission(models.Model):
    """One press of Send report, so that a second press (a double click, a retried
    request) cannot make a second report. Only a hash of the page's one-off token."""

    token_digest = models.CharField(max_length=64, unique=True)
    report = models.OneToOneField(
        Report, null=True, on_delete=models.PROTECT, related_name="submission"
    )

    def __str__(self) -> str:
        return f"submission of {self.report_id}"
