"""The feedback journey: one question a page, worded for each age band.

Answers live in the session until the check page sends them, so a child can go back and
change anything, and nothing is stored if they stop half way.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from candour.voice.vocabulary import (
    RATING_WORDS,
    YOUNG_CHOICES,
    AgeBand,
    Rating,
    worked_with_words,
)


@dataclass(frozen=True)
class Question:
    key: str
    # Per age band: the question, and a hint under it.
    words: dict[str, tuple[StrOrPromise, StrOrPromise]]
    optional: bool = True

    def question(self, band: str) -> StrOrPromise:
        return self.words.get(band, self.words[AgeBand.MIDDLE])[0]

    def hint(self, band: str) -> StrOrPromise:
        return self.words.get(band, self.words[AgeBand.MIDDLE])[1]


LEAVE_EMPTY = _("You can leave this empty. You do not need to write your name.")
# The youngest choose rather than write (vocabulary.YOUNG_CHOICES).
PICK_OR_SKIP = _("Pick one if you want to, or press Next to skip.")
PICK_A_FACE = _("Pick a face.")

RATING = Question(
    "rating",
    {
        AgeBand.YOUNG: (_("How was it?"), PICK_A_FACE),
        AgeBand.MIDDLE: (_("How was it?"), _("Think about the last time you saw us.")),
        AgeBand.TEEN: (_("How was it?"), _("Think about the last few times you saw us.")),
        AgeBand.PARENT: (
            _("Overall, how was your experience of our service?"),
            _("Think about the last few weeks."),
        ),
    },
    optional=False,
)
GOOD = Question(
    "what_was_good",
    {
        AgeBand.YOUNG: (_("What was good?"), PICK_OR_SKIP),
        AgeBand.MIDDLE: (_("What was good?"), LEAVE_EMPTY),
        AgeBand.TEEN: (_("What went well?"), LEAVE_EMPTY),
        AgeBand.PARENT: (_("What was good about it?"), LEAVE_EMPTY),
    },
)
BETTER = Question(
    "what_would_be_better",
    {
        AgeBand.YOUNG: (_("What would make it better?"), PICK_OR_SKIP),
        AgeBand.MIDDLE: (_("What would make it better?"), LEAVE_EMPTY),
        AgeBand.TEEN: (_("What would make it better?"), LEAVE_EMPTY),
        AgeBand.PARENT: (_("What could we do better?"), LEAVE_EMPTY),
    },
)
IDEA = Question(
    "idea",
    {
        # Few words for the youngest: a grown-up may read it out.
        AgeBand.YOUNG: (_("Is there something you would like us to do?"), PICK_OR_SKIP),
        AgeBand.MIDDLE: (
            _("Have you got an idea to make things better for children?"),
            LEAVE_EMPTY,
        ),
        AgeBand.TEEN: (
            _("Have you got an idea to make things better for young people?"),
            LEAVE_EMPTY,
        ),
        AgeBand.PARENT: (
            _("Have you got an idea to make things better for families?"),
            LEAVE_EMPTY,
        ),
    },
)
WORKED_WITH = Question(
    "worked_with",
    {
        AgeBand.MIDDLE: (_("Who did you see?"), _("Pick one. You do not need to say their name.")),
        AgeBand.TEEN: (_("Who did you see?"), _("Pick one. You do not need to say their name.")),
        AgeBand.PARENT: (
            _("Who did you work with?"),
            _("Pick one. You do not need to say their name."),
        ),
    },
)

STEPS: dict[str, tuple[Question, ...]] = {
    AgeBand.YOUNG: (RATING, GOOD, BETTER, IDEA),
    AgeBand.MIDDLE: (RATING, GOOD, BETTER, IDEA, WORKED_WITH),
    AgeBand.TEEN: (RATING, GOOD, BETTER, IDEA, WORKED_WITH),
    AgeBand.PARENT: (RATING, GOOD, BETTER, IDEA, WORKED_WITH),
}


def steps_for(band: str) -> tuple[Question, ...]:
    return STEPS.get(band, STEPS[AgeBand.MIDDLE])


def step_named(band: str, key: str) -> tuple[int, Question] | None:
    for index, question in enumerate(steps_for(band)):
        if question.key == key:
            return index, question
    return None


def answer_choices(band: str, key: str) -> list[tuple[str, StrOrPromise]]:
    """The answers a question offers this band to choose from (none for a free answer):
    the rating and who they saw in the band's words, and the youngest's pictures' words.
    The web pages and the paper forms both ask through this (ADR 0035)."""
    if key == "rating":
        words = RATING_WORDS[band]
        return [(value, words[value]) for value in Rating.values]
    if key == "worked_with":
        return list(worked_with_words(band).items())
    if band == AgeBand.YOUNG and key in YOUNG_CHOICES:
        return list(YOUNG_CHOICES[key])
    return []
