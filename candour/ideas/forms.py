from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from candour.core.forms import GovukForm
from candour.core.models import Organisation, Team
from candour.ideas.vocabulary import IdeaStatus, ProblemKind


class IdeaForm(GovukForm):
    team = forms.TypedChoiceField(
        label=_("Which team is it for?"),
        coerce=int,
        error_messages={"required": _("Choose the team")},
    )
    problem_kind = forms.ChoiceField(
        label=_("What kind of problem is it?"),
        choices=ProblemKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of problem it is")},
    )
    problem = forms.CharField(
        label=_("What is the problem?"),
        help_text=_("What gets in the way, wastes time or puts someone at risk."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Describe the problem")},
    )
    idea = forms.CharField(
        label=_("What is your idea?"),
        help_text=_("A small change you could try. The first line is its title on the board."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Describe your idea")},
    )
    expected_benefit = forms.CharField(
        label=_("What difference would it make?"),
        help_text=_("For example: time saved each week, mistakes avoided, what children notice."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say what difference it would make")},
    )
    name_hidden_from_colleagues = forms.BooleanField(
        label=_("Show it to colleagues without my name (managers will still see it)"),
        required=False,
    )
    # Where the idea came from, when raised from a theme, a lesson, feedback or a survey.
    source_theme = forms.IntegerField(required=False, widget=forms.HiddenInput)
    source_lesson = forms.IntegerField(required=False, widget=forms.HiddenInput)
    source_feedback = forms.IntegerField(required=False, widget=forms.HiddenInput)
    source_survey = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, teams: list[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        if isinstance(field, forms.ChoiceField):
            several = len({team.organisation_id for team in teams}) > 1
            field.choices = [("", _("Choose a team"))] + [
                (team.pk, f"{team.name} ({team.organisation.name})" if several else team.name)
                for team in teams
            ]


class MoveForm(GovukForm):
    to_status = forms.ChoiceField(
        label=_("What happens next?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happens next")},
    )
    plan = forms.CharField(
        label=_("Plan: what will be tried, by whom (for a trial)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    measure = forms.CharField(
        label=_("Check: how you will know if it worked (for a trial)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    review_on = forms.DateField(
        label=_("Review date (for a trial)"),
        help_text=_("For example, 15 January 2027 or 15/1/2027"),
        required=False,
        widget=forms.TextInput(attrs={"govuk_width": "20"}),
        error_messages={"invalid": _("Enter a real date, like 15 January 2027")},
    )
    what_changed = forms.CharField(
        label=_("What has changed (if adopted)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label=_("Why not (if not adopted)"),
        help_text=_("The author will read this: explain, and say what would help."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        label=_("Anything else for the author (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, next_statuses: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_status"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [
                (value, IdeaStatus(value).label)
                for value in next_statuses
                if value != IdeaStatus.SHARED
            ]


class CommentForm(GovukForm):
    note = forms.CharField(
        label=_("Comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write your comment")},
    )


class ThanksForm(GovukForm):
    note = forms.CharField(
        label=_("Thank the team"),
        help_text=_("Thanks go to the whole team, not to one person."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write your thanks")},
    )


class ImpactForm(GovukForm):
    what_changed = forms.CharField(
        label=_("What changed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what changed")},
    )
    minutes_saved_per_week = forms.IntegerField(
        label=_("Time saved, in minutes a week (optional)"),
        required=False,
        min_value=0,
        widget=forms.TextInput(attrs={"govuk_width": "5", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter a whole number of minutes")},
    )
    errors_avoided_per_year = forms.IntegerField(
        label=_("Mistakes or near misses avoided a year (optional)"),
        required=False,
        min_value=0,
        widget=forms.TextInput(attrs={"govuk_width": "5", "inputmode": "numeric"}),
        error_messages={"invalid": _("Enter a whole number")},
    )
    children_experience = forms.CharField(
        label=_("What children and families notice (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    cost = forms.CharField(
        label=_("What it cost (optional)"),
        help_text=_("For example: nothing; two hours of a developer's time; £40 a month"),
        required=False,
        max_length=200,
    )


class ShareForm(GovukForm):
    organisation = forms.TypedChoiceField(
        label=_("Share with which organisation?"),
        coerce=int,
        error_messages={"required": _("Choose an organisation")},
    )
    team = forms.CharField(
        label=_("Which team there (optional)"),
        help_text=_("Leave empty to share with the whole organisation's managers."),
        required=False,
        widget=forms.Select,
    )

    def __init__(
        self, *args: Any, organisations: list[Organisation], teams: list[Team], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [("", _("Choose an organisation"))] + [
                (o.pk, o.name) for o in organisations
            ]
        widget = self.fields["team"].widget
        if isinstance(widget, forms.Select):
            widget.choices = [("", _("The whole organisation"))] + [
                (str(t.pk), f"{t.name} ({t.organisation.name})") for t in teams
            ]


class StandardForm(GovukForm):
    working_days = forms.IntegerField(
        label=_("Working days for a manager's first response"),
        help_text=_("Five is the default. Ideas with no response by then go to the next manager."),
        min_value=1,
        max_value=20,
        widget=forms.TextInput(attrs={"govuk_width": "3", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter a number of working days"),
            "invalid": _("Enter a whole number"),
            "min_value": _("Choose between 1 and 20 working days"),
            "max_value": _("Choose between 1 and 20 working days"),
        },
    )
