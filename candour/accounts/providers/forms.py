from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from candour.accounts.providers.client_secret import VARIABLE_PREFIX
from candour.core.forms import GovukForm


class OrganisationSignInForm(GovukForm):
    email = forms.EmailField(
        label=_("Work email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your work email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )


class IdentityProviderForm(GovukForm):
    name = forms.CharField(
        label=_("Name on the sign-in button"),
        help_text=_(
            "Staff see “Sign in with” followed by this name, for example "
            "“Riverside Council (Microsoft)”"
        ),
        max_length=100,
        error_messages={"required": _("Enter the name staff will see on the button")},
    )
    issuer = forms.CharField(
        label=_("Issuer URL"),
        help_text=_(
            "For Microsoft Entra ID: https://login.microsoftonline.com/ followed by your "
            "directory (tenant) ID and /v2.0"
        ),
        max_length=300,
        widget=forms.TextInput(attrs={"spellcheck": "false", "inputmode": "url"}),
        error_messages={"required": _("Enter the issuer URL")},
    )
    client_id = forms.CharField(
        label=_("Client ID"),
        help_text=_("Entra calls it the Application (client) ID"),
        max_length=200,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
        error_messages={"required": _("Enter the client ID")},
    )
    new_secret = forms.CharField(
        label=_("Client secret"),
        help_text=_(
            "Candour stores it encrypted and never shows it again. Leave it empty to keep the "
            "secret already saved."
        ),
        required=False,
        strip=True,
        max_length=500,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=False),
    )
    secret_variable = forms.CharField(
        label=_("Or: the environment variable holding the client secret"),
        help_text=_(
            "If your server's operator keeps the secret for you, enter the name of the "
            "variable they set (it starts %(prefix)s). Candour then stores no secret."
        )
        % {"prefix": VARIABLE_PREFIX},
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    domains = forms.CharField(
        label=_("Email domains"),
        help_text=_(
            "One a line, like riverside.gov.uk. Only people in your organisation whose email "
            "address is at one of these domains can sign in this way."
        ),
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        error_messages={"required": _("Enter at least one email domain, like riverside.gov.uk")},
    )
    acr_values = forms.CharField(
        label=_("Values that mean your provider asked for a second factor (optional)"),
        help_text=_(
            "Candour accepts your provider's second factor when its answer says one was "
            "used (the amr claim). Some providers say it another way: list their acr values "
            "here, one a line. For an Entra authentication context that requires "
            "multifactor authentication, enter its ID, such as c1. Otherwise administrators "
            "and analysts are asked for Candour's own security code."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "spellcheck": "false"}),
    )
    enabled = forms.ChoiceField(
        label=_("Offer this sign-in to staff?"),
        choices=[("yes", _("Yes")), ("no", _("No, not yet"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to offer this sign-in to staff")},
    )

    def settings_values(self) -> dict[str, Any]:
        """The cleaned values in the shape `ProviderSettings` takes."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "issuer": data["issuer"],
            "client_id": data["client_id"],
            "domains": data["domains"].splitlines(),
            "acr_values": data["acr_values"].splitlines(),
            "enabled": data["enabled"] == "yes",
            "new_secret": data["new_secret"],
            "secret_variable": data["secret_variable"],
        }
