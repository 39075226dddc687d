"""Child protection information sharing (issue 9, ADR 0017): flags a local authority keeps,
the unscheduled-care settings that may look them up, their keys, lookups and attendances."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candour.core.models import Organisation
from candour.sharing.querysets import (
    AttendanceQuerySet,
    ChildFlagQuerySet,
    LookupQuerySet,
    SettingKeyQuerySet,
    SharingSettingQuerySet,
    SupersededNumberQuerySet,
)
from candour.sharing.vocabulary import LookupReason, PlanType, Refusal


class ChildFlag(models.Model):
    """A child on a child protection plan or looked after, as the local authority records it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="sharing_flags"
    )
    # Kept exactly as validated, so the local authority can check it; never logged, never
    # in audit data, emails or notifications. Lookups go through `nhs_digest`.
    nhs_number = models.CharField(_("NHS number"), max_length=10)
    nhs_digest = models.CharField(max_length=64, db_index=True)
    plan_type = models.CharField(_("plan type"), max_length=40, choices=PlanType.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    team_name = models.CharField(_("social care team"), max_length=200)
    team_phone = models.CharField(_("team phone"), max_length=40)
    team_email = models.EmailField(_("team secure email"), blank=True)
    # The duty (out-of-hours) number CP-IS shows beside the team's, for three in the morning.
    out_of_hours_phone = models.CharField(_("out-of-hours (duty) phone"), max_length=40, blank=True)
    # Unborn child protection plans are recorded against the expectant mother's NHS number.
    expected_due_date = models.DateField(_("expected due date"), null=True, blank=True)
    # The authority's case system says the Spine marks this number inactive (retired or
    # invalidated, with no replacement known yet): lookups still answer, with a warning
    # to check the child's current number (ADR 0025).
    nhs_number_inactive = models.BooleanField(_("NHS number inactive"), default=False)
    # After the birth the plan moves to the baby's NHS number: the unborn flag ends and
    # points to the baby's flag (ADR 0025).
    moved_to = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="moved_from"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[ChildFlagQuerySet] = ChildFlagQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("child protection flag")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """How emails, notifications and people refer to the flag instead of its NHS number."""
        return f"CPIS-{self.pk:06d}"

    def is_current(self, today: dt.date) -> bool:
        return self.start_date <= today and (self.end_date is None or self.end_date >= today)


class SupersededNumber(models.Model):
    """An NHS number the child's flag was recorded under before it was superseded (the
    Spine merged two records): a lookup by the old number still finds the flag."""

    flag = models.ForeignKey(ChildFlag, on_delete=models.PROTECT, related_name="superseded")
    nhs_number = models.CharField(max_length=10)
    nhs_digest = models.CharField(max_length=64, db_index=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    objects: ClassVar[SupersededNumberQuerySet] = SupersededNumberQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["flag", "nhs_number"], name="sharing_superseded_once")
        ]

    def __str__(self) -> str:
        return f"Superseded number of {self.flag_id}"


class OdsCode(models.Model):
    """An organisation's NHS Organisation Data Service code, for FHIR references (ADR 0025)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="sharing_ods_code"
    )
    code = models.CharField(_("ODS code"), max_length=12, unique=True)

    class Meta:
        verbose_name = _("ODS code")

    def __str__(self) -> str:
        return self.code


class SharingSetting(models.Model):
    """An unscheduled-care setting registered to look flags up (an emergency department,
    a minor injuries unit, an out-of-hours GP)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="sharing_setting"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    registered_at = models.DateTimeField(default=timezone.now)
    active = models.BooleanField(default=True)

    objects: ClassVar[SharingSettingQuerySet] = SharingSettingQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("sharing setting")

    def __str__(self) -> str:
        return f"Sharing setting {self.organisation_id}"


class SettingKey(models.Model):
    """A setting's API key for its systems. Only a keyed hash is kept; shown once."""

    setting = models.ForeignKey(SharingSetting, on_delete=models.PROTECT, related_name="keys")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    digest = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[SettingKeyQuerySet] = SettingKeyQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Setting key {self.prefix}"


class Lookup(models.Model):
    """One question a setting asked, hit, miss or refused. No NHS number is kept."""

    setting = models.ForeignKey(SharingSetting, on_delete=models.PROTECT, related_name="lookups")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    key = models.ForeignKey(SettingKey, on_delete=models.PROTECT, null=True, related_name="+")
    # The clinician who asked through a key, as the setting's system names them: the key
    # alone says only which system asked (a person signed in is `asked_by`).
    requested_by = models.CharField(_("requested by"), max_length=100, blank=True)
    reason = models.CharField(max_length=40, choices=LookupReason.choices, blank=True)
    reason_other = models.CharField(max_length=200, blank=True)
    found = models.BooleanField()
    # Why the lookup was refused (then nothing was looked for, and `found` is false).
    refusal = models.CharField(max_length=40, choices=Refusal.choices, blank=True)
    asked_at = models.DateTimeField(default=timezone.now)

    objects: ClassVar[LookupQuerySet] = LookupQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-asked_at", "-pk"]

    def __str__(self) -> str:
        return f"Lookup {self.pk}"


class Attendance(models.Model):
    """A flagged child was looked up by a setting: the local authority's team is told."""

    flag = models.ForeignKey(ChildFlag, on_delete=models.PROTECT, related_name="attendances")
    setting = models.ForeignKey(
        SharingSetting, on_delete=models.PROTECT, related_name="attendances"
    )
    # One lookup may find several current flags (two local authorities): one each.
    lookup = models.ForeignKey(Lookup, on_delete=models.PROTECT, related_name="attendances")
    attended_on = models.DateField()
    reason = models.CharField(max_length=40, choices=LookupReason.choices)

    objects: ClassVar[AttendanceQuerySet] = AttendanceQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["-attended_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["lookup", "flag"], name="sharing_attendance_once")
        ]

    def __str__(self) -> str:
        return f"Attendance {self.pk}"
