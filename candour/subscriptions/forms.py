from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from candour.core.forms import GovukForm
from candour.subscriptions.vocabulary import Frequency, Kind


class FollowForm(GovukForm):
    """Follow or unfollow one thing; the choice is checked against what the person may see
    by the service, so a forged target is refused there."""

    kind = forms.ChoiceField(choices=Kind.choices)
    target = forms.CharField(max_length=80)
    next = forms.CharField(max_length=300, required=False)


class FrequencyForm(GovukForm):
    frequency = forms.ChoiceField(
        label=_("How often do you want to hear?"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
    )
