"""The words of subscriptions: what a person may follow, and how often they hear."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    THEME = "theme", _("Theme")
    FACTOR = "factor", _("Contributing factor")
    SETTING = "setting", _("Setting")
    TEAM = "team", _("Team's ideas")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As it happens (checked every hour)")
    WEEKLY = "weekly", _("Once a week")
