"""The one-page form for typing in a report given on paper, by phone or in person: every
question page's own form together (ADR 0029, ADR 0035), so its questions, choices and
checks are the online journey's, plus how the report was given."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from candour.core.channels import ASSISTED_CHANNELS
from candour.reporting.journey import forms as step_forms
from candour.reporting.journey.steps import ORGANISATION, STEPS, Step

# Every page but the organisation's, which the entry page's address says.
ENTRY_STEPS: tuple[Step, ...] = tuple(step for step in STEPS if step is not ORGANISATION)


class ChannelStep(step_forms.StepForm):
    channel = forms.ChoiceField(
        label=_("How was the report given to you?"),
        choices=[(channel.value, channel.label) for channel in ASSISTED_CHANNELS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the report was given to you")},
    )


# The question pages' forms as one: their fields, choices and checks (each page's clean
# runs in turn through the cooperative super() chain), asked in the journey's order.
_BASES = (ChannelStep, *reversed([step.form for step in ENTRY_STEPS]))


class ReportEntryForm(*_BASES):  # type: ignore[misc]
    field_order = ["channel", *[name for step in ENTRY_STEPS for name in step.fields]]

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """Each question page's title and its fields, in the journey's order."""
        return [(step.title, [self[name] for name in step.fields]) for step in ENTRY_STEPS]
