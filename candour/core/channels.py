"""How a report or feedback reached Candour (ADR 0035)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    ONLINE = "online", _("Online, by the person themselves")
    PAPER = "paper", _("On a paper form")
    PHONE = "phone", _("By phone")
    IN_PERSON = "in_person", _("In person")


# The channels a person entering on someone's behalf chooses from.
ASSISTED_CHANNELS = (Channel.PAPER, Channel.PHONE, Channel.IN_PERSON)
