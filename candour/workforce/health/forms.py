"""The early-warning thresholds form: one strain line and one worsening change per
indicator, and the window the trend is judged over (statistics.spiral.SpiralThresholds)."""

from __future__ import annotations

import dataclasses
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from candour.core.forms import GovukForm
from candour.lib.statistics.spiral import Limit, SpiralThresholds

INDICATOR_LABELS = {
    "caseload": _("Cases per case-holding worker"),
    "vacancy_rate": _("Vacancy rate (%)"),
    "agency_rate": _("Agency rate (%)"),
    "turnover_rate": _("Turnover rate (%)"),
    "absence_rate": _("Absence rate (%)"),
    "demand_per_worker": _("Referrals a month per case-holding worker"),
}


def _number(
    label: str, help_text: str, maximum: float, *, required: bool = True
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=required,
        min_value=0,
        max_value=maximum,
        decimal_places=2,
        max_digits=6,
        error_messages={
            "required": _("Enter a number"),
            "invalid": _("Enter a number, like 20 or 3.5"),
            "min_value": _("Enter a number of 0 or more"),
            "max_value": _("Enter a number no bigger than %(limit_value)s"),
        },
    )


def _optional(value: Any) -> float | None:
    return None if value is None else float(value)


class ThresholdsForm(GovukForm):
    window = forms.IntegerField(
        label=_("Months the trend is judged over"),
        min_value=3,
        max_value=24,
        error_messages={
            "required": _("Enter the number of months"),
            "min_value": _("Enter at least 3 months"),
            "max_value": _("Enter no more than 24 months"),
        },
    )
    min_values = forms.IntegerField(
        label=_("Months of figures needed to judge a trend"),
        min_value=2,
        max_value=24,
        error_messages={
            "required": _("Enter the number of months"),
            "min_value": _("Enter at least 2 months"),
            "max_value": _("Enter no more than 24 months"),
        },
    )
    spiral_worsening = forms.IntegerField(
        label=_("Indicators worsening together that mean spiralling"),
        min_value=2,
        max_value=6,
        error_messages={
            "required": _("Enter a number from 2 to 6"),
            "min_value": _("Enter a number from 2 to 6"),
            "max_value": _("Enter a number from 2 to 6"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        defaults = SpiralThresholds()
        for name, label in INDICATOR_LABELS.items():
            rising = (
                _("Rise that counts as worsening, as a share of its level (0.10 is 10%)")
                if getattr(defaults, name).relative
                else _("Rise that counts as worsening, in points")
            )
            self.fields[f"{name}_strain"] = _number(
                str(_("Strained above")),
                str(
                    _("%(indicator)s above this level; leave blank for no fixed line")
                    % {"indicator": label}
                ),
                1000,
                required=False,
            )
            self.fields[f"{name}_worsening"] = _number(
                str(_("Worsening when it rises by")), str(rising), 100
            )
            self.fields[f"{name}_above_usual"] = _number(
                str(_("Strained when above its usual level by")),
                str(
                    _(
                        "As a share of the organisation's own usual level (the median of the "
                        "12 months before the trend's months): 0.20 is 20%. Leave blank to "
                        "judge it on the fixed line only"
                    )
                ),
                10,
                required=False,
            )

    @staticmethod
    def initial_from(thresholds: SpiralThresholds) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "window": thresholds.window,
            "min_values": thresholds.min_values,
            "spiral_worsening": thresholds.spiral_worsening,
        }
        for name in INDICATOR_LABELS:
            limit: Limit = getattr(thresholds, name)
            initial[f"{name}_strain"] = "" if limit.strain is None else limit.strain
            initial[f"{name}_worsening"] = limit.worsening
            initial[f"{name}_above_usual"] = "" if limit.above_usual is None else limit.above_usual
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        window, needed = data.get("window"), data.get("min_values")
        if window is not None and needed is not None and needed > window:
            self.add_error("min_values", _("Enter no more months than the trend is judged over"))
        return data

    def thresholds(self) -> SpiralThresholds:
        data = self.cleaned_data
        defaults = SpiralThresholds()
        limits: dict[str, Any] = {
            name: Limit(
                strain=_optional(data.get(f"{name}_strain")),
                worsening=float(data[f"{name}_worsening"]),
                relative=getattr(defaults, name).relative,
                above_usual=_optional(data.get(f"{name}_above_usual")),
            )
            for name in INDICATOR_LABELS
        }
        return dataclasses.replace(
            defaults,
            window=data["window"],
            min_values=data["min_values"],
            spiral_worsening=data["spiral_worsening"],
            **limits,
        )


class DfeAreaForm(GovukForm):
    """Which DfE local authority the organisation is, chosen from the loaded figures."""

    area_code = forms.ChoiceField(
        label=_("DfE local authority"),
        help_text=_(
            "The local authority whose published figures are this organisation's. Its "
            "statistical neighbours, region and England are shown beside it."
        ),
        required=False,
        error_messages={"invalid_choice": _("Choose a local authority from the list")},
    )

    def __init__(self, *args: Any, areas: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["area_code"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [("", _("None (no comparisons)"))] + [
            (code, f"{name} ({code})") for code, name in areas.items()
        ]


class ChartEventForm(GovukForm):
    """Something that explains a change on the charts: an inspection, a reorganisation."""

    on_date = forms.DateField(
        label=_("Date"),
        help_text=_("For example, 14 March 2025 or 14/3/2025"),
        widget=forms.TextInput(attrs={"govuk_width": "20"}),
        error_messages={
            "required": _("Enter the date of the event"),
            "invalid": _("Enter a real date, like 14 March 2025"),
        },
    )
    label = forms.CharField(
        label=_("What happened"),
        help_text=_(
            "Shown on the demand charts, so no names: for example, Ofsted inspection or "
            "front door reorganised"
        ),
        max_length=200,
        error_messages={
            "required": _("Enter what happened"),
            "max_length": _("Enter no more than 200 characters"),
        },
    )
