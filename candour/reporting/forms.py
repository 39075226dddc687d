from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from candour.core.forms import GovukForm
from candour.core.models import Organisation, Team
from candour.reporting.access import reporting_organisations
from candour.reporting.vocabulary import (
    ClosureReason,
    Factor,
    Outcome,
    PartOfDay,
    Route,
    Setting,
    Status,
)

NARRATIVE_MAX = 5000


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


class ReportForm(GovukForm):
    organisation = forms.ModelChoiceField(
        label=_("Which organisation is this about?"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Choose the organisation this is about")},
    )
    team = forms.ChoiceField(
        label=_("Which team's work was it? (optional)"),
        help_text=_(
            "Managers see a team's name only when at least 5 people could have sent the report."
        ),
        required=False,
        # The list holds the chosen organisation's teams only, once it is known.
        error_messages={"invalid_choice": _("Choose a team in the organisation you chose")},
    )
    what_happened = _narrative(
        _("What happened?"),
        _("Describe the events, not the people. Do not write names, addresses or case numbers."),
        required=True,
    )
    outcome = forms.ChoiceField(
        label=_("What was the outcome?"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the outcome was")},
    )
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

    def __init__(
        self,
        *args: Any,
        today: date | None = None,
        teams_of: Organisation | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        organisations = reporting_organisations()
        org_field = self.fields["organisation"]
        if isinstance(org_field, forms.ModelChoiceField):
            org_field.queryset = organisations
        team_field = self.fields["team"]
        if isinstance(team_field, forms.ChoiceField):
            # Only the chosen organisation's teams when it is known: a national hub has
            # over a thousand teams, too many for one list (and 90 kB a page).
            listed = organisations.filter(pk=teams_of.pk) if teams_of else organisations
            team_field.choices = [("", _("Not sure, or prefer not to say"))] + [
                (org.name, [(str(t.pk), t.name) for t in org.teams.all()])
                for org in listed.prefetch_related("teams")
            ]
        month_field = self.fields["occurred_month"]
        if isinstance(month_field, forms.ChoiceField):
            month_field.choices = [
                ("", _("Choose a month")),
                *recent_months(today or timezone.localdate()),
            ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        organisation = cleaned.get("organisation")
        team_id = cleaned.get("team")
        cleaned["team_obj"] = None
        if organisation and team_id:
            team = Team.objects.filter(pk=team_id, organisation=organisation).first()
            if team is None:
                self.add_error("team", _("Choose a team in the organisation you chose"))
            cleaned["team_obj"] = team
        if cleaned.get("route") == Route.CONFIDENTIAL and not cleaned.get("contact", "").strip():
            self.add_error("contact", _("Give a way to contact you, or choose anonymous"))
        if cleaned.get("route") == Route.ANONYMOUS:
            cleaned["contact"] = ""
        return cleaned


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


class StatusForm(GovukForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[c for c in Status.choices if c[0] != Status.CLOSED],
        widget=forms.RadioSelect,
    )


class AssignForm(GovukForm):
    analyst = forms.ChoiceField(label=_("Assigned to"), required=False)

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
