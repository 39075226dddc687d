"""Open lessons as the library, its feed and its data show them: labels, month, figures."""

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
from candour.learning.models import FacetKind, OpenLesson, OpenLessonFacet
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
