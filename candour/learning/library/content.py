"""What the open library would show of a lesson: the exact text, filters and figures.

The preview, the confirmation and the stored open copy are all this one object, so what
the analyst confirms is what the public reads (ADR 0033). Reads only.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from candour.core.models import Organisation
from candour.learning.lessons.bulletin_content import (
    coded_outcomes,
    confirmed_theme_counts,
    suppress,
    suppress_parts,
)
from candour.learning.lessons.services import check_deidentified
from candour.learning.models import Lesson
from candour.lib.deid import detect
from candour.lib.deid.spans import GENERALISED
from candour.reporting.models import Report
from candour.reporting.presenters import MIN_TEAM_SIZE_TO_NAME, team_sizes
from candour.reporting.services import policy_for
from candour.reporting.vocabulary import Outcome

TEXT_FIELDS = ("title", "story", "commentary", "action_taken")
# A report reference (CR- and six characters): never shown outside the organisation.
REFERENCE = re.compile(r"\bCR-[A-Z0-9]{6}\b", re.IGNORECASE)


@dataclass(frozen=True)
class OpenFigures:
    """Reports behind the lesson, small numbers already hidden (None: fewer than 5)."""

    reports: int | None
    # (outcome code, reports or None, hidden only so that another cannot be worked out)
    outcomes: list[tuple[str, int | None, bool]]


@dataclass(frozen=True)
class OpenCopy:
    title: str
    story: str
    commentary: str
    action_taken: str
    month: date
    settings: list[str]
    factors: list[str]
    outcomes: list[str]
    themes: list[str]
    figures: OpenFigures
    problems: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def digest(self) -> str:
        """A fingerprint of everything public, so a confirmation matches its preview."""
        public = asdict(self)
        public.pop("problems")
        canonical = json.dumps(public, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


def month_of(moment: datetime | date) -> date:
    return date(moment.year, moment.month, 1)


def open_copy(lesson: Lesson, *, today: date) -> OpenCopy:
    """The lesson as the open library would show it if opened now, with any refusals."""
    reports = Report.objects.filter(lessons=lesson)
    rows = list(reports.values_list("setting", "factors", "team_id"))
    outcomes = coded_outcomes(reports)
    themes = confirmed_theme_counts(lesson.organisation_id, reports)
    total = len(rows)
    known = [code for code in Outcome.values if outcomes.get(code)]
    parts = suppress_parts([(code, outcomes[code]) for code in known])
    copy = OpenCopy(
        title=lesson.title,
        story=lesson.story,
        commentary=lesson.commentary,
        action_taken=lesson.action_taken,
        month=month_of(today),
        settings=sorted({setting for setting, _factors, _team in rows}),
        factors=sorted({factor for _s, factors, _t in rows for factor in factors or []}),
        outcomes=known,
        themes=sorted(themes),
        figures=OpenFigures(
            reports=suppress("", total).count,
            outcomes=[(row.label, row.count, row.complementary) for row in parts],
        ),
    )
    return replace(copy, problems=_problems(lesson, copy))


def _problems(lesson: Lesson, copy: OpenCopy) -> dict[str, str]:
    if lesson.published_at is None:
        return {"lesson": _("Publish the lesson in your organisation first")}
    texts = {name: getattr(copy, name) for name in TEXT_FIELDS}
    texts["themes"] = "\n".join(copy.themes)
    return public_text_problems(lesson.organisation, texts)


def public_text_problems(organisation: Organisation, texts: dict[str, str]) -> dict[str, str]:
    """Why these texts cannot be made public as they stand, by the name of each."""
    problems: dict[str, str] = {}
    try:
        check_deidentified(organisation, **texts)
    except ValidationError as error:
        problems.update({name: " ".join(found) for name, found in error.message_dict.items()})
    policy = policy_for(organisation)
    small_teams = _small_team_names(organisation)
    for name, text in texts.items():
        if name in problems:
            continue
        if REFERENCE.search(text):
            problems[name] = _("Take out the report reference: the public must not see it")
        elif any(span.kind in GENERALISED for span in detect(text, policy)):
            problems[name] = _("Take out the date or time: the open library shows the month only")
        elif named := [team for team in small_teams if _names(text, team)]:
            problems[name] = _(
                "Take out the name of a small team (%(team)s): fewer than %(smallest)s "
                "staff could be told apart"
            ) % {"team": named[0], "smallest": MIN_TEAM_SIZE_TO_NAME}
    return problems


def _small_team_names(organisation: Organisation) -> list[str]:
    teams = list(organisation.teams.values_list("pk", "name"))
    sizes = team_sizes({pk for pk, _name in teams})
    return [name for pk, name in teams if sizes.get(pk, 0) < MIN_TEAM_SIZE_TO_NAME]


def _names(text: str, team: str) -> bool:
    # As written: a team named "Assessment" is a proper noun; "an assessment" is not it.
    return re.search(rf"\b{re.escape(team)}\b", text) is not None
