"""A human factor's own page (issue 23): what the code means, how often the person's
organisations' reports carry it, the lessons that came from them, and a button to follow it.

Counts are of reports the learning team coded with the factor (the primary coding; codes
merged into it count as it), by the month they arrived, over the last 12 full months and
the 12 before: never live, and under 5 never shown (METRICS.md, small numbers), so the
page cannot be used to time or pick out a report. Confirmed themes whose reports carry the
factor are listed for the learning team only, as theme pages are theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.http import Http404

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.charts import CountRow
from candour.core.models import Organisation
from candour.learning.lessons.bulletin_content import SMALLEST_SHOWN, week_period_bounds
from candour.learning.models import Axis, Code, CodedValue, Lesson, Theme, ThemeStatus

LESSONS_SHOWN = 10


@dataclass(frozen=True)
class OrganisationCounts:
    organisation: str
    last_year: CountRow
    year_before: CountRow


@dataclass(frozen=True)
class FactorPage:
    code: Code
    first: date  # the first day of the last 12 full months
    last: date  # the last day of the last full month
    counts: list[OrganisationCounts]
    lessons: list[Lesson]
    themes: list[Theme]


def get_factor_for_member(user: User, key: str) -> Code:
    """A factor code the person may see: national, or local to one of their organisations;
    404 for anything else (another organisation's local code, another axis)."""
    organisations = user.organisation_ids()
    if not organisations:
        raise Http404
    code = (
        Code.objects.filter(key=key, axis=Axis.FACTOR)
        .filter(Q(organisation__isnull=True) | Q(organisation_id__in=organisations))
        .select_related("merged_into")
        .first()
    )
    if code is None:
        raise Http404
    return code


def _month_start(day: date, shift: int) -> date:
    index = day.year * 12 + day.month - 1 + shift
    return date(index // 12, index % 12 + 1, 1)


def _shown(label: str, count: int) -> CountRow:
    return CountRow(label, count if count >= SMALLEST_SHOWN else None)


def _coded(codes: list[int], organisation_id: int, first: date, last: date) -> int:
    monday_first, monday_last = week_period_bounds(first, last)
    return (
        CodedValue.objects.filter(
            code_id__in=codes,
            coding__is_primary=True,
            coding__report__organisation_id=organisation_id,
            coding__report__received_week__gte=monday_first,
            coding__report__received_week__lte=monday_last,
        )
        .values("coding__report")
        .distinct()
        .count()
    )


def factor_page(user: User, code: Code, today: date) -> FactorPage:
    last = today.replace(day=1) - timedelta(days=1)
    first = _month_start(last, -11)
    before_last = first - timedelta(days=1)
    before_first = _month_start(first, -12)
    codes = [code.pk, *code.merged_from.values_list("pk", flat=True)]
    counts = [
        OrganisationCounts(
            organisation.name,
            _shown(organisation.name, _coded(codes, organisation.pk, first, last)),
            _shown(organisation.name, _coded(codes, organisation.pk, before_first, before_last)),
        )
        for organisation in Organisation.objects.filter(pk__in=user.organisation_ids()).order_by(
            "name"
        )
    ]
    with_factor = CodedValue.objects.filter(code_id__in=codes, coding__is_primary=True).values(
        "coding__report"
    )
    lessons = list(
        Lesson.objects.visible_to(user)
        .published()
        .filter(reports__in=with_factor)
        .distinct()
        .order_by("-published_at", "-pk")[:LESSONS_SHOWN]
    )
    themes = list(
        Theme.objects.for_learning_team(user)
        .filter(status=ThemeStatus.CONFIRMED, reports__in=with_factor)
        .distinct()
        .order_by("name")
    )
    return FactorPage(code, first, last, counts, lessons, themes)


def may_see_themes(user: User) -> bool:
    return bool(user.organisation_ids_with_role(Role.ANALYST))
