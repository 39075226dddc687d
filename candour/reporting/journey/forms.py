"""One form for each question page of the report (ADR 0029).

Each takes the organisation the report is about and today's date, so that a page can
list that organisation's teams and the recent months; most need neither.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from candour.core.forms import GovukForm
from candour.core.models import Organisation
from candour.reporting.access import reporting_organisations
from candour.reporting.forms import NARRATIVE_MAX
from candour.reporting.vocabulary import Factor, Outcome, PartOfDay, Route, Setting


def recent_months(today: date, count: int = 24) -> list[tuple[str, str]]:
    months = []
    year, month = today.year, today.month
    for _step in range(count):
        first = date(year, month, 1)
        months.append((first.isoformat(), date_format(first, "F Y")))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return months


def _narrative(label: StrOrPromise, hint: StrOrPromise, *, required: bool) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "true"}),
        error_messages={
            "required": _("Tell us what happened"),
            "max_length": _("Keep it to %(limit_value)s characters or fewer"),
        },
    )


class StepForm(GovukForm):
    """A question page's form, told what the earlier pages answered."""

    def __init__(
        self,
        *args: Any,
        organisation: Organisation | None = None,
        today: date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.about = organisation
        self.today = today or date.today()  # noqa: DTZ011 - views always pass the local date

    @classmethod
    def to_keep(cls, values: dict[str, Any]) -> dict[str, Any]:
        """What of the posted values the draft keeps (all of them, unless a page says)."""
        return values


class OrganisationStep(StepForm):
    organisation = forms.ModelChoiceField(
        label=_("Which organisation is this about?"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        error_messages={
            "required": _("Choose the organisation this is about"),
            "invalid_choice": _("Choose the organisation this is about"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = reporting_organisations()


class WhatHappenedStep(StepForm):
    what_happened = _narrative(
        _("What happened?"),
        _("Describe the events, not the people. Do not write names, addresses or case numbers."),
        required=True,
    )


class OutcomeStep(StepForm):
    outcome = forms.ChoiceField(
        label=_("What was the outcome?"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the outcome was")},
    )


class WhenAndWhereStep(StepForm):
    occurred_month = forms.ChoiceField(
        label=_("When did it happen?"),
        help_text=_("Only the month is kept, so that the report cannot be traced to a day."),
        error_messages={"required": _("Choose the month it happened")},
    )
    part_of_day = forms.ChoiceField(
        label=_("What part of the day was it?"),
        choices=PartOfDay.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the part of the day, or not sure")},
    )
    setting = forms.ChoiceField(
        label=_("Where did it happen?"),
        choices=Setting.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where it happened")},
    )
    team = forms.ChoiceField(
        label=_("Which team's work was it? (optional)"),
        help_text=_(
            "Managers see a team's name only when at least 5 people could have sent the report."
        ),
        required=False,
        error_messages={"invalid_choice": _("Choose a team in the organisation you chose")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team_field = self.fields["team"]
        if isinstance(team_field, forms.ChoiceField):
            # Only the chosen organisation's teams: a page comes after the organisation is
            # known, so no list holds every team of every council (ADR 0029).
            teams = self.about.teams.order_by("name") if self.about else []
            team_field.choices = [("", _("Not sure, or prefer not to say"))] + [
                (str(team.pk), team.name) for team in teams
            ]
        month_field = self.fields["occurred_month"]
        if isinstance(month_field, forms.ChoiceField):
            month_field.choices = [("", _("Choose a month")), *recent_months(self.today)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        team_id = cleaned.get("team")
        cleaned["team_obj"] = (
            self.about.teams.filter(pk=team_id).first() if team_id and self.about else None
        )
        return cleaned


class WhatHelpedStep(StepForm):
    what_caught_it = _narrative(
        _("What caught it or stopped it getting worse? (optional)"),
        _("For example, a colleague noticed, a checklist, a call from school."),
        required=False,
    )
    factors = forms.MultipleChoiceField(
        label=_("What made it more likely? (optional)"),
        help_text=_("Choose any that apply."),
        choices=Factor.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    what_made_it_likely = _narrative(
        _("Anything else that made it more likely? (optional)"), "", required=False
    )
    what_would_prevent = _narrative(
        _("What would stop it happening again? (optional)"), "", required=False
    )


class StayingInTouchStep(StepForm):
    route = forms.ChoiceField(
        label=_("How do you want to send this?"),
        choices=[
            (
                Route.ANONYMOUS.value,
                _("Anonymously: nothing that identifies you is kept, so we cannot contact you"),
            ),
            (
                Route.CONFIDENTIAL.value,
                _(
                    "In confidence: only the learning team sees your contact details, "
                    "and they are destroyed when the report is closed"
                ),
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose anonymous or in confidence")},
    )
    contact = forms.CharField(
        label=_("How can the learning team contact you? (only if in confidence)"),
        help_text=_("An email address or phone number."),
        required=False,
        max_length=300,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("route") == Route.CONFIDENTIAL and not cleaned.get("contact", "").strip():
            self.add_error("contact", _("Give a way to contact you, or choose anonymous"))
        if cleaned.get("route") == Route.ANONYMOUS:
            # Typed, then anonymous chosen after all: the address is never kept or sent.
            cleaned["contact"] = ""
        return cleaned

    @classmethod
    def to_keep(cls, values: dict[str, Any]) -> dict[str, Any]:
        # Typed, then anonymous chosen: the address is not kept, even sealed.
        if values.get("route") == Route.ANONYMOUS:
            return {**values, "contact": ""}
        return values
