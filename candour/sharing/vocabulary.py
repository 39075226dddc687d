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
