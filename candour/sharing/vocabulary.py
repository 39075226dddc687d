"""The words of information sharing: plan types and the reasons a setting gives for a lookup."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanType(models.TextChoices):
    # The three statuses CP-IS shares (PRODUCT.md section 7).
    CHILD_PROTECTION = "child_protection_plan", _("Child protection plan")
    LOOKED_AFTER = "looked_after", _("Looked after child")
    UNBORN_CHILD_PROTECTION = "unborn_child_protection_plan", _("Unborn child protection plan")


class LookupReason(models.TextChoices):
    ATTENDING_NOW = "attending_now", _("The child is attending now")
    ADMITTED = "admitted", _("The child has been admitted")
    SAFEGUARDING_CONCERN = "safeguarding_concern", _("A safeguarding concern")
    OTHER = "other", _("Other")


class Refusal(models.TextChoices):
    """Why a lookup was refused: each refusal is audited with who asked (ADR 0017)."""

    INVALID_NHS_NUMBER = "invalid_nhs_number", _("Not a valid NHS number")
    INVALID_REQUEST = "invalid_request", _("The reason or the clinician was missing")
    NO_SETTING = "no_setting", _("The person works in no registered setting")
    NO_RIGHTS = "no_rights", _("Not allowed to look up for this setting")
    INACTIVE_SETTING = "inactive_setting", _("The setting is no longer registered")
    WRONG_KEY = "wrong_key", _("A wrong key")
    REVOKED_KEY = "revoked_key", _("A revoked key")
    RATE_LIMITED = "rate_limited", _("Too many lookups in a minute")
