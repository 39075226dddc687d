from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from candour.api.services import LONGEST_NAME
from candour.core.forms import GovukForm


class TokenForm(GovukForm):
    name = forms.CharField(
        label=_("What is the token for?"),
        help_text=_("A name you will recognise later, for example 'Team dashboard script'"),
        max_length=LONGEST_NAME,
        error_messages={
            "required": _("Enter a name for the token"),
            "max_length": _("The name must be %(limit_value)s characters or fewer"),
        },
    )
