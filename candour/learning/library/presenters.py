"""Open lessons and bulletins as the library, its feed and its data show them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from candour.core.charts import CountRow
from candour.learning.library.content import OpenCopy
from candour.learning.library.open_bulletins import OpenBulletinCopy
from candour.learning.models import FacetKind, OpenBulletin, OpenLesson, OpenLessonFacet
from candour.reporting.vocabulary import Factor, Outcome, Setting

LICENCE_NAME = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@dataclass(frozen=True)
class Facets:
    settings: list[str]
    factors: list[str]
    outcomes: list[str]
    themes: list[str]


@dataclass(frozen=True)
class OpenLessonShown:
    pk: int
    title: str
    story: str
    commentary: str
    action_taken: str
    organisation: str
    month: date
    month_label: str
    codes: Facets
    labels: Facets
    reports: CountRow
    # (outcome code, its reports): codes for the data, labels for the page
    outcome_figures: list[tuple[str, CountRow]]


def month_label(month: date) -> str:
    return date_format(month, "F Y")


def _labels(choices: type[Setting] | type[Factor] | type[Outcome], codes: list[str]) -> list[str]:
    known = dict(choices.choices)
    return [str(known.get(code, code)) for code in codes]


def labelled(codes: Facets) -> Facets:
    return Facets(
        settings=_labels(Setting, codes.settings),
        factors=_labels(Factor, codes.factors),
        outcomes=_labels(Outcome, codes.outcomes),
        themes=list(codes.themes),
    )


def _figures(
    reports: int | None, outcomes: Iterable[Sequence[Any]]
) -> tuple[CountRow, list[tuple[str, CountRow]]]:
    known = dict(Outcome.choices)
    return CountRow(_("Reports behind this lesson"), reports), [
        (str(code), CountRow(str(known.get(str(code), code)), count, bool(extra)))
        for code, count, extra in outcomes
    ]


def shown_lessons(opened: Iterable[OpenLesson]) -> list[OpenLessonShown]:
    """Open lessons for display, their facets read in one query."""
    lessons = list(opened)
    facets: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for facet in OpenLessonFacet.objects.filter(open_lesson__in=lessons).order_by("pk"):
        facets[facet.open_lesson_id][facet.kind].append(facet.value)
    shown = []
    for lesson in lessons:
        own = facets[lesson.pk]
        codes = Facets(
            settings=own[FacetKind.SETTING],
            factors=own[FacetKind.FACTOR],
            outcomes=own[FacetKind.OUTCOME],
            themes=own[FacetKind.THEME],
        )
        reports, outcome_figures = _figures(
            lesson.figures.get("reports"), lesson.figures.get("outcomes", [])
        )
        shown.append(
            OpenLessonShown(
                pk=lesson.pk,
                title=lesson.title,
                story=lesson.story,
                commentary=lesson.commentary,
                action_taken=lesson.action_taken,
                organisation=lesson.organisation.name,
                month=lesson.month,
                month_label=month_label(lesson.month),
                codes=codes,
                labels=labelled(codes),
                reports=reports,
                outcome_figures=outcome_figures,
            )
        )
    return shown


def previewed(copy: OpenCopy, organisation: str) -> OpenLessonShown:
    """The preview: the same display as the public page, from the copy not yet stored."""
    codes = Facets(copy.settings, copy.factors, copy.outcomes, copy.themes)
    reports, outcome_figures = _figures(copy.figures.reports, copy.figures.outcomes)
    return OpenLessonShown(
        pk=0,
        title=copy.title,
        story=copy.story,
        commentary=copy.commentary,
        action_taken=copy.action_taken,
        organisation=organisation,
        month=copy.month,
        month_label=month_label(copy.month),
        codes=codes,
        labels=labelled(codes),
        reports=reports,
        outcome_figures=outcome_figures,
    )


@dataclass(frozen=True)
class ThemeFigure:
    name: str
    this_period: CountRow
    previous_period: CountRow


@dataclass(frozen=True)
class OpenBulletinShown:
    pk: int
    title: str
    introduction: str
    organisation: str
    month: date
    period_label: str
    lessons: list[dict[str, str]]
    first_month: date
    last_month: date
    reports: CountRow
    outcomes: list[CountRow]
    factors: list[CountRow]
    themes: list[ThemeFigure]


def period_label(first: date, last: date) -> str:
    if first == last:
        return month_label(first)
    return _("%(first)s to %(last)s") % {"first": month_label(first), "last": month_label(last)}


def shown_bulletin(
    *,
    pk: int,
    title: str,
    introduction: str,
    organisation: str,
    first_month: date,
    last_month: date,
    month: date,
    lessons: list[dict[str, str]],
    figures: dict[str, Any],
) -> OpenBulletinShown:
    """An open bulletin (or its preview) for display."""
    return OpenBulletinShown(
        pk=pk,
        title=title,
        introduction=introduction,
        organisation=organisation,
        month=month,
        period_label=period_label(first_month, last_month),
        lessons=lessons,
        first_month=first_month,
        last_month=last_month,
        reports=CountRow(_("Reports received"), figures.get("reports")),
        outcomes=[CountRow(str(label), n, bool(extra)) for label, n, extra in figures["outcomes"]],
        factors=[CountRow(str(label), n, bool(extra)) for label, n, extra in figures["factors"]],
        themes=[
            ThemeFigure(str(name), CountRow(str(name), now), CountRow(str(name), before))
            for name, now, before in figures["themes"]
        ],
    )


def shown_bulletins(opened: Iterable[OpenBulletin]) -> list[OpenBulletinShown]:
    return [
        shown_bulletin(
            pk=item.pk,
            title=item.title,
            introduction=item.introduction,
            organisation=item.organisation.name,
            first_month=item.first_month,
            last_month=item.last_month,
            month=item.month,
            lessons=item.lessons,
            figures=item.figures,
        )
        for item in opened
    ]


def previewed_bulletin(copy: OpenBulletinCopy, organisation: str) -> OpenBulletinShown:
    return shown_bulletin(
        pk=0,
        title=copy.title,
        introduction=copy.introduction,
        organisation=organisation,
        first_month=copy.first_month,
        last_month=copy.last_month,
        month=copy.month,
        lessons=copy.lessons,
        figures=copy.figures,
    )
