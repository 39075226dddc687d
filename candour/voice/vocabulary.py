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


# The same people in plain words for 8 to 12 year olds: no job titles or initials they
# may never have been told (an IRO is "the person who runs my review meetings").
WORKED_WITH_WORDS: dict[str, dict[str, StrOrPromise]] = {
    AgeBand.MIDDLE: {
        WorkedWith.SOCIAL_WORKER: _("My social worker"),
        WorkedWith.FAMILY_SUPPORT: _("Someone who helps my family"),
        WorkedWith.PERSONAL_ADVISER: _("Someone who helps me get ready to live on my own"),
        WorkedWith.REVIEWING_OFFICER: _("The person who runs my review meetings"),
        WorkedWith.CARER: _("The people I live with"),
        WorkedWith.OTHER: _("Someone else"),
        WorkedWith.NOT_SAY: _("I don't want to say"),
    },
}


def worked_with_words(band: str) -> dict[str, StrOrPromise]:
    """Who they saw, in the words of this age band."""
    return WORKED_WITH_WORDS.get(band, dict(WorkedWith.choices))


# 4 to 7 year olds choose instead of writing (a grown-up may read the choices out). What
# is stored is the chosen words, so readers and the safeguarding screen see plain text.
YOUNG_CHOICES: dict[str, tuple[tuple[str, StrOrPromise], ...]] = {
    "what_was_good": (
        ("listened", _("They listened to me")),
        ("kind", _("They were kind")),
        ("safe", _("I felt safe")),
        ("fun", _("We did fun things")),
        ("nothing", _("Nothing was good")),
    ),
    "what_would_be_better": (
        ("listen_more", _("Listen to me more")),
        ("explain", _("Tell me what is happening")),
        ("same_person", _("Let me see the same person")),
        ("scared", _("Something made me scared or sad")),
        ("nothing", _("Nothing, it was good")),
    ),
    "idea": (
        ("ask_me", _("Ask me what I think")),
        ("family", _("Help me see my family")),
        ("play", _("More time to play")),
        ("no_idea", _("I don't have an idea")),
    ),
}


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("Waiting to be checked")
    PUBLISHED = "published", _("Checked and shown to staff")
    HIDDEN = "hidden", _("Hidden")


class AlertState(models.TextChoices):
    SENT = "sent", _("Sent to the duty contact")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
