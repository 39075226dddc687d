"""What the open library would show of a bulletin: its lessons' text and suppressed figures.

Built from the bulletin as published (its copied lesson texts and stored counts, through
the same suppression as its own page), so the public figures are the bulletin's own.
Months only: a bulletin's period is shown by the months it covers (ADR 0033).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from candour.learning.lessons.bulletin_content import bulletin_content
from candour.learning.library.content import month_of, public_text_problems
from candour.learning.models import Bulletin, OpenBulletin


@dataclass(frozen=True)
class OpenBulletinCopy:
    title: str
    introduction: str
    first_month: date
    last_month: date
    month: date
    lessons: list[dict[str, str]]
    # reports: int | None; outcomes and factors: [label, count | None, complementary];
    # themes: [name, this period | None, the period before | None]
    figures: dict[str, Any]
    problems: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def digest(self) -> str:
        """A fingerprint of everything public, so a confirmation matches its preview."""
        public = asdict(self)
        public.pop("problems")
        canonical = json.dumps(public, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


def open_bulletin_copy(bulletin: Bulletin, *, today: date) -> OpenBulletinCopy:
    """The bulletin as the open library would show it if opened now, with any refusals."""
    content = bulletin_content(bulletin)
    copy = OpenBulletinCopy(
        title=bulletin.title,
        introduction=bulletin.introduction,
        first_month=month_of(bulletin.period_start),
        last_month=month_of(bulletin.period_end),
        month=month_of(today),
        lessons=[asdict(lesson) for lesson in content.lessons],
        figures={
            "reports": content.total_reports.count,
            "outcomes": [[r.label, r.count, r.complementary] for r in content.outcomes.rows],
            "factors": [[r.label, r.count, r.complementary] for r in content.factors.rows],
            "themes": [
                [t.name, t.this_period.count, t.previous_period.count] for t in content.themes.rows
            ],
        },
    )
    return replace(copy, problems=_problems(bulletin, copy))


def _problems(bulletin: Bulletin, copy: OpenBulletinCopy) -> dict[str, str]:
    texts = {"title": copy.title, "introduction": copy.introduction}
    for number, lesson in enumerate(copy.lessons, start=1):
        for name, text in lesson.items():
            texts[f"lesson {number} {name}"] = text
    texts["themes"] = "\n".join(str(row[0]) for row in copy.figures["themes"])
    problems = public_text_problems(bulletin.organisation, texts)
    # Two open bulletins over overlapping periods would give a small count by subtraction
    # (a month's total minus its first fortnight's).
    overlapping = OpenBulletin.objects.public().filter(
        Q(bulletin__period_start__lte=bulletin.period_end),
        Q(bulletin__period_end__gte=bulletin.period_start),
        organisation_id=bulletin.organisation_id,
    )
    if overlapping.exclude(bulletin=bulletin).exists():
        problems["period"] = _(
            "Another open bulletin covers part of this period: its figures and these together "
            "could reveal small numbers. Withdraw it first, or open a bulletin for another period."
        )
    return problems
