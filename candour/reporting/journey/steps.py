"""The question pages in order, and what the draft's answers make of them (ADR 0029).

A page is complete when it was answered and its answers still pass its form: changing
the organisation makes a team of the old one incomplete, and the journey goes back there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from candour.reporting.journey import forms
from candour.reporting.journey.draft import ReportDraft


@dataclass(frozen=True)
class Step:
    slug: str
    title: StrOrPromise
    form: type[forms.StepForm]
    template: str

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.form.base_fields)


ORGANISATION = Step(
    "organisation",
    _("Which organisation is this about?"),
    forms.OrganisationStep,
    "reporting/journey/organisation.html",
)
STEPS: tuple[Step, ...] = (
    ORGANISATION,
    Step(
        "what-happened",
        _("What happened?"),
        forms.WhatHappenedStep,
        "reporting/journey/what_happened.html",
    ),
    Step(
        "outcome",
        _("What was the outcome?"),
        forms.OutcomeStep,
        "reporting/journey/outcome.html",
    ),
    Step(
        "when-and-where",
        _("When and where did it happen?"),
        forms.WhenAndWhereStep,
        "reporting/journey/when_and_where.html",
    ),
    Step(
        "what-helped",
        _("What helped, and what made it more likely?"),
        forms.WhatHelpedStep,
        "reporting/journey/what_helped.html",
    ),
    Step(
        "staying-in-touch",
        _("How do you want to send this?"),
        forms.StayingInTouchStep,
        "reporting/journey/staying_in_touch.html",
    ),
)
BY_SLUG = {step.slug: step for step in STEPS}
# The page each answer is changed on, for the check page's Change links.
STEP_OF_FIELD = {name: step for step in STEPS for name in step.fields}


def sequence(draft: ReportDraft) -> tuple[Step, ...]:
    """The pages this reporter is asked, in order: the organisation is not asked when it
    came with the link or the reporter's account."""
    return tuple(s for s in STEPS if not (s is ORGANISATION and draft.organisation_preset))


def form_for(
    step: Step,
    draft: ReportDraft,
    data: dict[str, Any] | None = None,
    *,
    today: date | None = None,
) -> forms.StepForm:
    """The page's form: bound to ``data`` (a post, or the draft's answers), else unbound
    showing the draft's answers."""
    organisation = draft.organisation()
    today = today or timezone.localdate()
    if data is not None:
        return step.form(data, organisation=organisation, today=today)
    initial = {name: draft.answers[name] for name in step.fields if name in draft.answers}
    return step.form(initial=initial, organisation=organisation, today=today)


def completed_form(step: Step, draft: ReportDraft) -> forms.StepForm | None:
    """The page's form bound to the draft's answers, if it was answered and they pass."""
    if step.slug not in draft.answered:
        return None
    form = form_for(step, draft, {name: draft.answers.get(name, "") for name in step.fields})
    return form if form.is_valid() else None


def first_incomplete(draft: ReportDraft, *, before: Step | None = None) -> Step | None:
    """The first page not yet answered well enough (only those before ``before``)."""
    for step in STEPS:
        if step is before:
            return None
        if completed_form(step, draft) is None:
            return step
    return None


def next_after(step: Step, draft: ReportDraft) -> Step | None:
    pages = sequence(draft)
    index = pages.index(step) if step in pages else -1
    return pages[index + 1] if index + 1 < len(pages) else None


def previous_before(step: Step, draft: ReportDraft) -> Step | None:
    pages = sequence(draft)
    index = pages.index(step) if step in pages else 0
    return pages[index - 1] if index > 0 else None


def collected(draft: ReportDraft) -> dict[str, Any] | None:
    """Every page's cleaned answers together, or None while any page is incomplete."""
    answers: dict[str, Any] = {}
    for step in STEPS:
        form = completed_form(step, draft)
        if form is None:
            return None
        answers.update(form.cleaned_data)
    return answers
