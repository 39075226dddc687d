"""The words of children's and families' feedback: who is answering, the rating scale."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class AgeBand(models.TextChoices):
    YOUNG = "4_7", _("I am 4 to 7")
    MIDDLE = "8_12", _("I am 8 to 12")
    TEEN = "13_plus", _("I am 13 or older")
    PARENT = "parent", _("I am a parent or carer")


CHILD_BANDS = frozenset({AgeBand.YOUNG, AgeBand.MIDDLE, AgeBand.TEEN})


class Rating(models.TextChoices):
    """The NHS Friends and Family Test scale, so that results compare with the NHS's."""

    VERY_GOOD = "very_good", _("Very good")
    GOOD = "good", _("Good")
    NEITHER = "neither", _("Neither good nor poor")
    POOR = "poor", _("Poor")
    VERY_POOR = "very_poor", _("Very poor")
    DONT_KNOW = "dont_know", _("Don't know")


POSITIVE = frozenset({Rating.VERY_GOOD, Rating.GOOD})
NEGATIVE = frozenset({Rating.POOR, Rating.VERY_POOR})

# The same scale in words for each age band (reading age about 9 and under).
RATING_WORDS: dict[str, dict[str, StrOrPromise]] = {
    AgeBand.YOUNG: {
        Rating.VERY_GOOD: _("Really good"),
        Rating.GOOD: _("Good"),
        Rating.NEITHER: _("OK"),
        Rating.POOR: _("Not good"),
        Rating.VERY_POOR: _("Really bad"),
        Rating.DONT_KNOW: _("I don't know"),
    },
    AgeBand.MIDDLE: {
        Rating.VERY_GOOD: _("Really good"),
        Rating.GOOD: _("Good"),
        Rating.NEITHER: _("OK"),
        Rating.POOR: _("Not good"),
        Rating.VERY_POOR: _("Really bad"),
        Rating.DONT_KNOW: _("I don't know"),
    },
    AgeBand.TEEN: {
        Rating.VERY_GOOD: _("Very good"),
        Rating.GOOD: _("Good"),
        Rating.NEITHER: _("Neither good nor bad"),
        Rating.POOR: _("Bad"),
        Rating.VERY_POOR: _("Very bad"),
        Rating.DONT_KNOW: _("I don't know"),
    },
    AgeBand.PARENT: {value: label for value, label in Rating.choices},
}


class WorkedWith(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("My social worker")
    FAMILY_SUPPORT = "family_support", _("A family support worker")
    PERSONAL_ADVISER = "personal_adviser", _("My personal adviser")
    REVIEWING_OFFICER = "reviewing_officer", _("My reviewing officer (IRO)")
    CARER = "carer", _("My foster carer or the people where I live")
    OTHER = "other", _("Someone else")
    NOT_SAY = "not_say", _("I'd rather not say")


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("Waiting to be checked")
    PUBLISHED = "published", _("Checked and shown to staff")
    HIDDEN = "hidden", _("Hidden")


class AlertState(models.TextChoices):
    SENT = "sent", _("Sent to the duty contact")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
