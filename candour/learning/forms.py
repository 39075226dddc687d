from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from candour.core.forms import GovukForm
from candour.reporting.models import Report


class LessonForm(GovukForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("What the lesson is about, in a few words"),
        error_messages={"required": _("Enter a title")},
    )
    story = forms.CharField(
        label=_("What happened"),
        help_text=_(
            "The de-identified story, told so that a team can recognise it in its own work."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Tell the story")},
    )
    commentary = forms.CharField(
        label=_("What we learned"),
        help_text=_("Why it happened: the conditions, not the person."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what was learned")},
    )
    action_taken = forms.CharField(
        label=_("What changed (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reports = forms.MultipleChoiceField(
        label=_("Reports this lesson draws on"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, reports: list[Report], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reports"]
        if isinstance(field, forms.MultipleChoiceField):
            field.choices = [(str(r.pk), f"{r.reference}: {r.what_happened[:80]}") for r in reports]


class BulletinForm(GovukForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example, Practice lessons: November"),
        error_messages={"required": _("Enter a title")},
    )
    period_start = forms.DateField(
        label=_("From"),
        help_text=_("For example, 2026-11-01"),
        widget=forms.TextInput(attrs={"govuk_width": "10"}),
        error_messages={
            "required": _("Enter the first day"),
            "invalid": _("Enter a date like 2026-11-01"),
        },
    )
    period_end = forms.DateField(
        label=_("To"),
        help_text=_("For example, 2026-11-30"),
        widget=forms.TextInput(attrs={"govuk_width": "10"}),
        error_messages={
            "required": _("Enter the last day"),
            "invalid": _("Enter a date like 2026-11-30"),
        },
    )
    introduction = forms.CharField(
        label=_("Introduction (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
