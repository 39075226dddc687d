"""Forms for curating themes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from candour.core.forms import GovukForm
from candour.learning.models import Theme
from candour.reporting.models import Report


class ThemeForm(GovukForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("Name the trap, not the people: for example, Children not seen on late visits"),
        error_messages={"required": _("Enter a name for the theme")},
    )
    description = forms.CharField(
        label=_("What the reports have in common (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MergeForm(GovukForm):
    target = forms.TypedChoiceField(
        label=_("Merge this theme into"),
        coerce=int,
        help_text=_("Its reports move to the theme you choose, and this theme points there."),
        error_messages={"required": _("Choose a theme to merge into")},
    )

    def __init__(self, *args: Any, themes: list[Theme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["target"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [("", _("Choose a theme")), *((t.pk, t.name) for t in themes)]


class SplitForm(GovukForm):
    reports = forms.TypedMultipleChoiceField(
        label=_("Reports to move into a new theme"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose one or more reports to move")},
    )
    name = forms.CharField(
        label=_("Name of the new theme"),
        max_length=200,
        error_messages={"required": _("Enter a name for the new theme")},
    )

    def __init__(self, *args: Any, reports: list[Report], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reports"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [(r.pk, f"{r.reference}: {r.what_happened[:90]}") for r in reports]


class AttachForm(GovukForm):
    reference = forms.CharField(
        label=_("Report reference"),
        max_length=16,
        help_text=_("For example, CR-7KQ2M4"),
        error_messages={"required": _("Enter the reference of the report to add")},
        widget=forms.TextInput(attrs={"govuk_width": "10"}),
    )


class FeedbackThemesForm(GovukForm):
    feedback_themes = forms.TypedMultipleChoiceField(
        label=_("Feedback themes about the same thing"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "An action on this theme is then judged on children's and families' ratings of "
            "feedback about these themes, not on ratings across the organisation."
        ),
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["feedback_themes"]
        if isinstance(field, forms.ChoiceField):
            field.choices = choices
