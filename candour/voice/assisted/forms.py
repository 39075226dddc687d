"""The form for typing in feedback given on paper, by phone or in person: the online
journey's own questions (candour.voice.journey), in a family's words, on one page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from candour.core.channels import ASSISTED_CHANNELS
from candour.core.forms import GovukForm
from candour.core.languages import COMMUNITY_LANGUAGES, SITE_LANGUAGES
from candour.core.models import Organisation
from candour.voice import services
from candour.voice.access import links_in_use
from candour.voice.journey import BETTER, GOOD, IDEA, RATING, WORKED_WITH
from candour.voice.models import FeedbackLink
from candour.voice.vocabulary import RATING_WORDS, AgeBand, Rating, WorkedWith

# The questions in the grown-up words of the family forms; the paper forms print each age
# band's own words for the same questions.
ASKED_AS = AgeBand.PARENT


def _text(question: Any) -> forms.CharField:
    return forms.CharField(
        label=question.question(ASKED_AS),
        help_text=_(
            "Type what they wrote or said, in their words. Leave empty if they did not answer."
        ),
        required=False,
        max_length=services.LONGEST_ANSWER,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "true"}),
        error_messages={
            "max_length": _("Keep it to %(limit_value)s characters or fewer"),
        },
    )


def _rating_choices() -> list[tuple[str, str]]:
    """The ratings with the words the children's paper forms use for each (a child's
    "Not good" is "Poor"), so a child's paper form is typed in at the same place."""
    choices = []
    for value, label in Rating.choices:
        words = []
        for band in (AgeBand.YOUNG, AgeBand.TEEN):
            said = str(RATING_WORDS[band][value])
            if said != str(label) and said not in words:
                words.append(said)
        text = str(label)
        if words:
            text = gettext("%(rating)s (on children's forms: %(words)s)") % {
                "rating": label,
                "words": gettext(" or ").join(words),
            }
        choices.append((value, text))
    return choices


class FeedbackEntryForm(GovukForm):
    channel = forms.ChoiceField(
        label=_("How was the feedback given to you?"),
        choices=[(channel.value, channel.label) for channel in ASSISTED_CHANNELS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the feedback was given to you")},
    )
    link = forms.ModelChoiceField(
        label=_("Which team or feedback link is it about?"),
        help_text=_("A paper form says its team at the top."),
        queryset=FeedbackLink.objects.none(),
        empty_label=_("Choose a feedback link"),
        error_messages={
            "required": _("Choose the feedback link it is about"),
            "invalid_choice": _("Choose the feedback link it is about"),
        },
    )
    language = forms.ChoiceField(
        label=_("Which language was it given in?"),
        help_text=_(
            "Writing the safeguarding check cannot read goes to the duty team for a person "
            "to read first."
        ),
        choices=[
            (code, name)
            for code, name in settings.LANGUAGES
            if code in SITE_LANGUAGES + COMMUNITY_LANGUAGES
        ],
        initial="en-gb",
    )
    age_band = forms.ChoiceField(
        label=_("Who gave it?"),
        choices=AgeBand.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who gave the feedback")},
    )
    rating = forms.ChoiceField(
        label=RATING.question(ASKED_AS),
        choices=_rating_choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how they said it was")},
    )
    what_was_good = _text(GOOD)
    what_would_be_better = _text(BETTER)
    idea = _text(IDEA)
    worked_with = forms.ChoiceField(
        label=WORKED_WITH.question(ASKED_AS),
        choices=[("", _("Not given")), *list(WorkedWith.choices)],
        required=False,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["link"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = links_in_use(organisation.pk)

    def answers(self) -> services.Answers:
        data = self.cleaned_data
        return services.Answers(
            age_band=data["age_band"],
            rating=data["rating"],
            what_was_good=data["what_was_good"].replace("\x00", ""),
            what_would_be_better=data["what_would_be_better"].replace("\x00", ""),
            idea=data["idea"].replace("\x00", ""),
            worked_with=data["worked_with"],
        )
