"""GOV.UK Design System rendering for Django forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext_lazy as _

from candour.core.languages import ORGANISATION_LANGUAGES

_INPUT_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
    "checkboxinput": "govuk-checkboxes__input",
}


class GovukFormRenderer(DjangoTemplates):
    field_template_name = "core/forms/field.html"


# What people type for a date: "30 November 2026", "30 Nov 2026", "30/11/2026",
# "30 11 2026" and the ISO 2026-11-30 all mean the same day (GOV.UK: accept what people
# naturally write). Month names are English, as the service is.
DATE_INPUT_FORMATS = (
    "%d %B %Y",
    "%d %b %Y",
    "%d/%m/%Y",
    "%d %m %Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y-%m-%d",
    "%B %d %Y",
    "%d %B, %Y",
)
DATE_DISPLAY_FORMAT = "%d %B %Y"


class GovukForm(forms.Form):
    """Adds the design system's classes and accessible descriptions to every widget."""

    # No browser bubbles: the service's own error summary and inline errors say what is
    # wrong, all at once (every form is also rendered with novalidate).
    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.input_formats = list(DATE_INPUT_FORMATS)
                if isinstance(field.widget, forms.TextInput):
                    attrs = dict(field.widget.attrs)
                    field.widget = forms.DateInput(attrs=attrs, format=DATE_DISPLAY_FORMAT)
        self._widths = {
            name: field.widget.attrs.pop("govuk_width", None) for name, field in self.fields.items()
        }
        self._style_widgets(errors=set())

    def full_clean(self) -> None:
        super().full_clean()
        # Styling needs the errors, so it is redone after validation rather than in
        # __init__ (reading self.errors there would validate before subclasses finish).
        self._style_widgets(errors=set(self.errors))

    def _style_widgets(self, *, errors: set[str]) -> None:
        for name, field in self.fields.items():
            bound = self[name]
            css = _INPUT_CLASSES.get(bound.widget_type, "govuk-input")
            if name in errors and css in {"govuk-input", "govuk-textarea", "govuk-select"}:
                css += f" {css}--error"
            if self._widths.get(name):
                css += f" govuk-input--width-{self._widths[name]}"
            field.widget.attrs["class"] = css
            described_by = []
            if field.help_text:
                described_by.append(f"{bound.auto_id}-hint")
            if name in errors:
                described_by.append(f"{bound.auto_id}-error")
            grouped = bound.widget_type in {"radioselect", "checkboxselectmultiple"}
            if described_by and not grouped:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)
            else:
                field.widget.attrs.pop("aria-describedby", None)


class TeamForm(GovukForm):
    name = forms.CharField(
        label=_("Team name"),
        max_length=200,
        help_text=_("For example, Assessment and Intervention Team 2"),
        error_messages={
            "required": _("Enter a team name"),
            "max_length": _("Team name must be 200 characters or fewer"),
        },
    )


class CaseReferencePatternsForm(GovukForm):
    patterns = forms.CharField(
        label=_("Your case and reference number formats"),
        help_text=_(
            "One regular expression per line, for example LCS-\\d{6} or MOS\\d{7}. Give every "
            "repeat an upper limit of 32 or less (\\d{4,10}, not \\d+). Candour already "
            "removes common shapes; add your own systems' formats here."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
    )


class SafetyLeadForm(GovukForm):
    lead = forms.ChoiceField(
        label=_("Safety lead"),
        help_text=_(
            "Receives urgent hazard alerts from the learning team, and records what was done."
        ),
        required=False,
    )

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["lead"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [("", _("Nobody"))] + [(str(pk), name) for pk, name in people]


class DefaultLanguageForm(GovukForm):
    language = forms.ChoiceField(
        label=_("Which language should your public pages start in?"),
        help_text=_(
            "The report form, your feedback links and your survey open in this language. "
            "Anyone can change language with the link at the top of each page."
        ),
        choices=ORGANISATION_LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose English or Welsh"),
            "invalid_choice": _("Choose English or Welsh"),
        },
    )


def form_errors(form: forms.Form) -> str:
    """A refused form's messages in one line, for a banner on the page it came from."""
    return " ".join(str(error) for errors in form.errors.values() for error in errors)
