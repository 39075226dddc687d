from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from candour.accounts.roles import Role
from candour.core.forms import GovukForm
from candour.core.models import Organisation, OrganisationKind, Team


class SignInForm(GovukForm):
    email = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
        error_messages={"required": _("Enter your email address")},
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password")},
    )


class SecurityCodeForm(GovukForm):
    token = forms.CharField(
        label=_("Security code"),
        help_text=_("The 6-digit code shown in your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "govuk_width": "5",
            }
        ),
        error_messages={"required": _("Enter the security code")},
    )

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError(_("The security code must be 6 digits"))
        return token


def _role_choices(organisation: Organisation) -> list[tuple[str, str]]:
    choices = [(role.value, str(role.label)) for role in Role]
    if organisation.kind != OrganisationKind.NATIONAL_HUB:
        choices = [c for c in choices if c[0] != Role.NATIONAL_ANALYST]
    else:
        choices = [c for c in choices if c[0] != Role.CALDICOTT_GUARDIAN]
    return choices


class RoleForm(GovukForm):
    role = forms.ChoiceField(
        label=_("Role"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a role")},
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        help_text=_(
            "Needed for staff members. For a manager, leave it empty for a service manager: "
            "the next manager up for every team, to whom overdue ideas go."
        ),
        empty_label=_("Choose a team"),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        team_field = self.fields["team"]
        if isinstance(role_field, forms.ChoiceField):
            role_field.choices = _role_choices(organisation)
        if isinstance(team_field, forms.ModelChoiceField):
            team_field.queryset = Team.objects.in_organisation(organisation)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        role = cleaned.get("role")
        if role == Role.STAFF and not cleaned.get("team"):
            self.add_error("team", _("Choose the team this role is for"))
        return cleaned


class PersonForm(RoleForm):
    full_name = forms.CharField(
        label=_("Full name"), max_length=200, error_messages={"required": _("Enter their name")}
    )
    email = forms.EmailField(
        label=_("Work email address"),
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
        error_messages={"required": _("Enter their work email address")},
    )
    field_order = ["full_name", "email", "role", "team"]
