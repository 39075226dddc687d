"""Forms for the learning team's feedback page: check it, theme it, answer it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from candour.core.forms import GovukForm
from candour.core.models import Team
from candour.voice.models import FeedbackTheme
from candour.voice.moderation.services import LONGEST_REPLY


class PublishForm(GovukForm):
    remove_phrases = forms.CharField(
        label=_("Also take out these words (one per line)"),
        help_text=_(
            "Anything that could still identify a child, a family or a worker. Each word or "
            "phrase is taken out wherever it appears as whole words, in capitals or not, "
            "and becomes [REMOVED]."
        ),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def phrases(self) -> list[str]:
        text: str = self.cleaned_data.get("remove_phrases", "")
        return [line.strip() for line in text.splitlines() if line.strip()]


class HideForm(GovukForm):
    reason = forms.CharField(
        label=_("Why hide it"),
        help_text=_("For example: not about our service, or it cannot be de-identified."),
        max_length=200,
        error_messages={"required": _("Say why it is hidden")},
    )


class ThemesForm(GovukForm):
    themes = forms.TypedMultipleChoiceField(
        label=_("Themes"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, themes: list[FeedbackTheme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["themes"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [(theme.pk, theme.label) for theme in themes]


def _theme_name(label: StrOrPromise, help_text: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=200,
        error_messages={"required": _("Enter a name for the theme")},
    )


class AddThemeForm(GovukForm):
    label = _theme_name(
        _("Add a theme of your own"), _("A name staff will understand, like “Food where I live”.")
    )


class RenameThemeForm(GovukForm):
    label = _theme_name(_("New name"), _("Feedback and answers stay with the theme."))


class MergeThemeForm(GovukForm):
    into = forms.TypedChoiceField(
        label=_("Merge into"),
        help_text=_("Its feedback and answers move to the theme you choose; this one is retired."),
        coerce=int,
        error_messages={"required": _("Choose the theme to merge into")},
    )

    def __init__(self, *args: Any, themes: list[FeedbackTheme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["into"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [("", _("Choose a theme"))] + [(t.pk, t.label) for t in themes]


class ReplyForm(GovukForm):
    you_said = forms.CharField(
        label=_("You said"),
        help_text=_(
            "In your own words, without anything that could identify the child or family. "
            "Everyone in the organisation, and anyone with the team's feedback link, can "
            "read this."
        ),
        max_length=LONGEST_REPLY,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say what they told you")},
    )
    we_did = forms.CharField(
        label=_("We did"),
        help_text=_("What the service changed or is doing because of it."),
        max_length=LONGEST_REPLY,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what the service did")},
    )
    theme = forms.TypedChoiceField(
        label=_("Theme (optional)"),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args: Any, themes: list[FeedbackTheme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["theme"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [("", _("No theme"))] + [(theme.pk, theme.label) for theme in themes]


class ThemeReplyForm(GovukForm):
    """The service's answer to a theme: what many children and families said."""

    you_said = ReplyForm.base_fields["you_said"]
    we_did = ReplyForm.base_fields["we_did"]
    team = forms.TypedChoiceField(
        label=_("Which team's page it goes on"),
        help_text=_("Choose the whole service if the change was for everyone."),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args: Any, teams: list[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [("", _("The whole service"))] + [
                (team.pk, team.name) for team in teams
            ]
