from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from candour.core.forms import GovukForm
from candour.learning.models import Axis
from candour.reporting.models import Report
from candour.reporting.vocabulary import Outcome


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


class OutcomeForm(GovukForm):
    outcome = forms.ChoiceField(
        label=_("What was the outcome, as the report shows it?"),
        help_text=_(
            "Change the reporter's answer if the report shows otherwise; the dashboard and "
            "bulletins count yours."
        ),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome")},
    )


class LocalCodeForm(GovukForm):
    axis = forms.ChoiceField(
        label=_("Where it belongs in the taxonomy"),
        choices=Axis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where the code belongs")},
    )
    label = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("For example, Out-of-hours duty handover"),
        error_messages={"required": _("Enter a name for the code")},
    )
    description = forms.CharField(
        label=_("What it means (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BulletinForm(GovukForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example, Practice lessons: November"),
        error_messages={"required": _("Enter a title")},
    )
    period_start = forms.DateField(
        label=_("From"),
        help_text=_("For example, 1 November 2026 or 1/11/2026"),
        widget=forms.TextInput(attrs={"govuk_width": "20"}),
        error_messages={
            "required": _("Enter the first day"),
            "invalid": _("Enter a real date, like 1 November 2026"),
        },
    )
    period_end = forms.DateField(
        label=_("To"),
        help_text=_("For example, 30 November 2026 or 30/11/2026"),
        widget=forms.TextInput(attrs={"govuk_width": "20"}),
        error_messages={
            "required": _("Enter the last day"),
            "invalid": _("Enter a real date, like 30 November 2026"),
        },
    )
    introduction = forms.CharField(
        label=_("Introduction (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _test(label: StrOrPromise, hint: StrOrPromise, *, required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=required,
        error_messages={"required": _("Answer this test")},
    )


def _reason(label: StrOrPromise) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class JustCultureForm(GovukForm):
    deliberate_harm = _test(
        _("1. Deliberate harm: was harm to anyone intended?"),
        _("Almost never. If yes, the matter leaves the learning system."),
        required=True,
    )
    deliberate_harm_reason = _reason(_("Why"))
    incapacity = _test(
        _("2. Incapacity: did ill health or substance misuse play a part?"),
        _("If yes, the response is support, not blame."),
    )
    incapacity_reason = _reason(_("Why"))
    foresight = _test(
        _(
            "3. Foresight: was a procedure available, workable and in routine use, "
            "and knowingly departed from?"
        ),
        _("Consider whether the procedure was realistic in the conditions of the day."),
    )
    foresight_reason = _reason(_("Why"))
    substitution = _test(
        _(
            "4. Substitution: would a comparable colleague, in the same circumstances, "
            "probably have done the same?"
        ),
        _("If yes, it is a system problem."),
    )
    substitution_reason = _reason(_("Why"))
    mitigating_circumstances = _reason(_("Mitigating circumstances, training and supervision"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Every test answered needs its reason: the record must show the thinking.
        for test in ("deliberate_harm", "incapacity", "foresight", "substitution"):
            if cleaned.get(test) and not cleaned.get(f"{test}_reason", "").strip():
                self.add_error(f"{test}_reason", _("Give the reason for your answer"))
        return cleaned


class ReferralForm(GovukForm):
    reason = forms.CharField(
        label=_("Why does this report need the just-culture decision aid?"),
        help_text=_(
            "Rarely needed: only where someone's individual accountability is being "
            "asked about. Most events are system failures."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why this report needs the decision aid")},
    )


class AlertForm(GovukForm):
    hazard = forms.CharField(
        label=_("The hazard, and what needs doing"),
        help_text=_("De-identified: the safety lead reads this, by email and in Candour."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Describe the hazard")},
    )
    could_identify_reporter = forms.ChoiceField(
        label=_("Could acting on this alert point to who reported it?"),
        help_text=_("If yes, the reporter is asked first, through their receipt."),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Answer yes or no")},
    )


class AlertActionForm(GovukForm):
    action_taken = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what was done")},
    )
