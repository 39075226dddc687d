from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from candour.core.forms import GovukForm
from candour.lib import nhs_number
from candour.sharing import contact
from candour.sharing.models import SharingSetting
from candour.sharing.vocabulary import LookupReason, PlanType


def _nhs(value: str) -> str:
    try:
        return nhs_number.check(value)
    except nhs_number.InvalidNhsNumberError as error:
        raise forms.ValidationError(str(error)) from None


class FlagForm(GovukForm):
    nhs_number = forms.CharField(label=_("NHS number"), max_length=20)
    plan_type = forms.ChoiceField(label=_("Plan type"), choices=PlanType.choices)
    start_date = forms.DateField(label=_("Start date"), help_text=_("For example, 2026-01-31"))
    end_date = forms.DateField(label=_("End date (optional)"), required=False)
    team_name = forms.CharField(label=_("Social care team"), max_length=200)
    team_phone = forms.CharField(label=_("Team phone"), max_length=40)
    team_email = forms.EmailField(label=_("Team secure email (optional)"), required=False)
    out_of_hours_phone = forms.CharField(
        label=_("Out-of-hours (duty) phone (optional)"),
        help_text=_("Shown beside the team's number, for calls out of office hours"),
        max_length=40,
        required=False,
    )
    expected_due_date = forms.DateField(
        label=_("Expected due date (unborn plans only)"),
        help_text=_("Record an unborn child's plan against the expectant mother's NHS number"),
        required=False,
    )

    def clean_out_of_hours_phone(self) -> str:
        value = self.cleaned_data["out_of_hours_phone"]
        if not value.strip():
            return ""
        try:
            return contact.check_phone(value)
        except contact.InvalidPhoneError as error:
            raise forms.ValidationError(str(error)) from None

    def clean_nhs_number(self) -> str:
        return _nhs(self.cleaned_data["nhs_number"])

    def clean_team_phone(self) -> str:
        try:
            return contact.check_phone(self.cleaned_data["team_phone"])
        except contact.InvalidPhoneError as error:
            raise forms.ValidationError(str(error)) from None


class EndForm(GovukForm):
    end_date = forms.DateField(label=_("Last day of the plan"), required=False)


class BirthForm(GovukForm):
    baby_nhs_number = forms.CharField(label=_("The baby's NHS number"), max_length=20)
    born_on = forms.DateField(label=_("Date of birth"), help_text=_("For example, 2026-01-31"))

    def clean_baby_nhs_number(self) -> str:
        return _nhs(self.cleaned_data["baby_nhs_number"])


class ImportForm(GovukForm):
    file = forms.FileField(label=_("CSV file"))


class LookupForm(GovukForm):
    """The NHS number is checked by the lookup service, not here, so that a refused
    number is audited like any other refusal."""

    setting = forms.TypedChoiceField(label=_("Your setting"), coerce=int, required=False)
    nhs_number = forms.CharField(
        label=_("The child's NHS number"),
        max_length=20,
        help_text=_("10 digits, for example 943 476 5919"),
        error_messages={"required": _("Enter the child's NHS number")},
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "spellcheck": "false",
                "class": "govuk-input govuk-input--width-10",
            }
        ),
    )
    reason = forms.ChoiceField(
        label=_("Why are you looking the child up?"),
        choices=LookupReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why you are looking the child up")},
    )
    reason_other = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def __init__(self, *args: Any, settings: list[SharingSetting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A choice only for people in more than one setting; otherwise it is implied.
        if len(settings) > 1:
            field = self.fields["setting"]
            assert isinstance(field, forms.TypedChoiceField)  # noqa: S101 - declared above
            field.choices = [(s.pk, s.organisation.name) for s in settings]
            field.required = True
        else:
            del self.fields["setting"]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if (
            data.get("reason") == LookupReason.OTHER
            and not str(data.get("reason_other") or "").strip()
        ):
            self.add_error("reason_other", _("Say why you are looking the child up"))
        return data
