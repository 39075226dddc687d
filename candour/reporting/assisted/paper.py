"""The report form on paper: the question pages' own forms printed, with space to write,
boxes to tick, and what happens next (ADR 0035)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.core.models import Organisation
from candour.core.paper_forms import PaperSection, paper_question
from candour.core.printing import tagged_pdf
from candour.reporting.journey.steps import ORGANISATION, STEPS


def paper_sections(organisation: Organisation | None) -> list[PaperSection]:
    """Each question page as a section; the organisation is asked only when the form is
    not printed for one."""
    today = timezone.localdate()
    sections = []
    for step in STEPS:
        if step is ORGANISATION and organisation is not None:
            continue
        form = step.form(organisation=organisation, today=today)
        questions = [paper_question(form[name]) for name in step.fields]
        # A page of one question is headed by it: the question alone, not said twice.
        alone = len(questions) == 1 and str(questions[0].label) == str(step.title)
        sections.append(PaperSection("" if alone else step.title, questions))
    return sections


def online_address(organisation: Organisation | None) -> str:
    address = settings.CANDOUR_BASE_URL.rstrip("/") + reverse("reporting:start")
    return f"{address}?organisation={organisation.slug}" if organisation else address


def report_form_pdf(organisation: Organisation | None) -> bytes:
    """The report form as a tagged PDF, in the active language."""
    return tagged_pdf(
        "reporting/assisted/paper_form.html",
        {
            "title": _("Tell the learning team about a mistake or near miss"),
            "organisation_name": organisation.name if organisation else "",
            "sections": paper_sections(organisation),
            "online": online_address(organisation),
            "office_note": _(
                "For the learning team: type this form in on Candour's 'Paper and phone' "
                "page, choosing 'On a paper form', then put the paper in confidential waste."
            ),
        },
    )
