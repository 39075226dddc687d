from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from candour.core.forms import GovukForm
from candour.core.models import Team


class WaveForm(GovukForm):
    title = forms.CharField(
        label=_("Title"),
        help_text=_("For example: Safety culture survey, spring 2027"),
        max_length=120,
        error_messages={"required": _("Give the wave a short title")},
    )
    teams = forms.TypedMultipleChoiceField(
        label=_("Which teams are asked?"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one team")},
    )
    closes_on = forms.DateField(
        label=_("Closing date"),
        help_text=_("The last day for answers. For example, 31 March 2027 or 31/3/2027"),
        widget=forms.TextInput(attrs={"govuk_width": "20"}),
        error_messages={
            "required": _("Enter the closing date"),
            "invalid": _("Enter a real closing date, like 31 March 2027"),
        },
    )
    extra_questions = forms.CharField(
        label=_("Your own questions (optional)"),
        help_text=_(
            "Up to 5 statements, one a line, answered from strongly disagree to strongly agree."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, teams: list[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["teams"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [(team.pk, team.name) for team in teams]
