"""Forms for an organisation's feedback set-up: the duty contact and feedback links."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from candour.core.forms import GovukForm

# Digits, spaces and the usual punctuation of a phone number; 10 to 15 digits in all.
_PHONE_CHARACTERS = re.compile(r"^[0-9 +()\-]+$")
WHOLE_SERVICE = ""


class TelephoneInput(forms.TextInput):
    input_type = "tel"


class DutyContactForm(GovukForm):
    email = forms.EmailField(
        label=_("Duty team email address"),
        help_text=_(
            "A shared inbox that someone reads all day, every day, such as the front door "
            "or multi-agency safeguarding hub (MASH). Not one person's own inbox."
        ),
        max_length=254,
        error_messages={
            "required": _("Enter the duty team's email address"),
            "invalid": _("Enter an email address in the right format, like duty@example.gov.uk"),
        },
    )
    phone = forms.CharField(
        label=_("Duty team phone number"),
        help_text=_("Shown on every alert, so that staff can call if the email is not picked up."),
        max_length=40,
        widget=TelephoneInput(attrs={"autocomplete": "tel", "govuk_width": "20"}),
        error_messages={"required": _("Enter the duty team's phone number")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})

    def clean_phone(self) -> str:
        phone = " ".join(str(self.cleaned_data["phone"]).split())
        digits = sum(character.isdigit() for character in phone)
        if not _PHONE_CHARACTERS.match(phone) or not 10 <= digits <= 15:
            raise forms.ValidationError(
                _("Enter a phone number, like 01632 960 001 or +44 1632 960 001")
            )
        return phone


class FeedbackLinkForm(GovukForm):
    name = forms.CharField(
        label=_("Name of the link"),
        help_text=_(
            "For your own use, so you can tell links apart, for example "
            "'Assessment team visits' or 'Leaflet for parents'. Children do not see it."
        ),
        max_length=200,
        error_messages={
            "required": _("Enter a name for the link"),
            "max_length": _("The name must be 200 characters or fewer"),
        },
    )
    team = forms.ChoiceField(
        label=_("Which team is the feedback about?"),
        help_text=_("Feedback through this link will be counted for this team."),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a team, or the whole service")},
    )

    def __init__(self, *args: Any, teams: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [(str(pk), name) for pk, name in teams] + [
                (WHOLE_SERVICE, _("The whole service, not one team"))
            ]
        # The empty value is a real answer here ("the whole service"), so a missing answer
        # is told apart in clean_team.
        field.required = False

    def clean_team(self) -> int | None:
        value = self.data.get(self.add_prefix("team"))
        if value is None:
            raise forms.ValidationError(_("Choose a team, or the whole service"))
        chosen = str(self.cleaned_data.get("team") or "")
        return int(chosen) if chosen else None
