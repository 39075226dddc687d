from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from candour.core.forms import GovukForm
from candour.reporting.vocabulary import ClosureReason, Status

NARRATIVE_MAX = 5000


class ReceiptForm(GovukForm):
    receipt = forms.CharField(
        label=_("Your receipt code"),
        help_text=_("16 letters and numbers, for example 7KQ2-M9XD-4HRT-PW8B"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter your receipt code")},
    )


class ReplyForm(GovukForm):
    text = forms.CharField(
        label=_("Your answer or more information"),
        help_text=_("Do not write names. The learning team removes any that get through."),
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write your answer before sending it")},
    )


class QuestionForm(GovukForm):
    question = forms.CharField(
        label=_("Question for the reporter"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the question before sending it")},
    )


class TriageForm(GovukForm):
    analyst = forms.ChoiceField(label=_("Assigned to"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[c for c in Status.choices if c[0] != Status.CLOSED],
        widget=forms.RadioSelect,
        help_text=_("Closing has its own task: it destroys the reporter's own words."),
        error_messages={"required": _("Choose the report's status")},
    )

    def __init__(self, *args: Any, analysts: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["analyst"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [("", _("Nobody"))] + [(str(pk), name) for pk, name in analysts]


class CloseForm(GovukForm):
    reason = forms.ChoiceField(
        label=_("Why is it being closed?"),
        choices=[c for c in ClosureReason.choices if c[0] != ClosureReason.RETENTION],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why the report is being closed")},
    )
    outcome_for_reporter = forms.CharField(
        label=_("What the reporter will read"),
        help_text=_(
            "What was done or learned because of this report. No names: it is kept after "
            "the reporter's own words are destroyed."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tell the reporter what happened because of their report")},
    )
