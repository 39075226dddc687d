"""The children's and families' feedback forms on paper: each age band's own questions
and words from the online journey (candour.voice.journey), printed with boxes to tick and
space to write, in the language asked for (ADR 0035)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from candour.core.paper_forms import Answer, PaperQuestion, PaperSection
from candour.core.printing import tagged_pdf
from candour.voice.journey import LEAVE_EMPTY, PICK_A_FACE, PICK_OR_SKIP, answer_choices, steps_for
from candour.voice.models import FeedbackLink
from candour.voice.vocabulary import AgeBand


def paper_questions(band: str) -> list[PaperQuestion]:
    """The band's questions as the journey asks them: a choice a box to tick, a free
    answer a box to write in (bigger for the older bands, who write more)."""
    questions = []
    for asked in steps_for(band):
        choices = answer_choices(band, asked.key)
        hint = _paper_hint(asked.hint(band))
        if choices:
            shown = tuple(text for _value, text in choices)
            questions.append(PaperQuestion(asked.question(band), Answer.TICK_ONE, hint, shown))
        else:
            questions.append(PaperQuestion(asked.question(band), Answer.WRITE_BOX, hint, lines=5))
    return questions


def _paper_hint(hint: StrOrPromise) -> StrOrPromise:
    """A hint that speaks of the screen ("press Next", "pick a face") in paper's words."""
    if str(hint) == str(PICK_OR_SKIP):
        return LEAVE_EMPTY
    if str(hint) == str(PICK_A_FACE):
        return ""
    return hint


def feedback_form_pdf(link: FeedbackLink, band: str) -> bytes:
    """The band's feedback form for this link, as a tagged PDF in the active language."""
    organisation = link.organisation
    online = settings.CANDOUR_BASE_URL.rstrip("/") + reverse("voice:start", args=[link.token])
    return tagged_pdf(
        "voice/assisted/paper_form.html",
        {
            "title": _("Tell us how it was"),
            "organisation_name": (
                f"{link.team.name}, {organisation.name}" if link.team else organisation.name
            ),
            "band_label": AgeBand(band).label,
            "young": band == AgeBand.YOUNG,
            "parent": band == AgeBand.PARENT,
            "large": band == AgeBand.YOUNG,
            "sections": [PaperSection("", paper_questions(band))],
            "online": online,
            "office_note": _office_note(link),
        },
    )


def _office_note(link: FeedbackLink) -> str:
    # For the staff who type it in: in the organisation's language, not the family's.
    with translation.override(link.organisation.default_language):
        return _(
            "For staff: type this in on Candour's 'Paper and phone' page with the feedback "
            "link '%(link)s', then put the paper in confidential waste."
        ) % {"link": link.name}
