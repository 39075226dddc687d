"""Who reads what in the open library: anyone reads open copies; nothing else is reached."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.learning.models import (
    Bulletin,
    FacetKind,
    Lesson,
    OpenBulletin,
    OpenLesson,
    OpenLessonFacet,
)
from candour.learning.querysets import OpenBulletinQuerySet, OpenLessonQuerySet
from candour.reporting.vocabulary import Factor, Outcome, Setting


@dataclass(frozen=True)
class FilterChoices:
    settings: list[tuple[str, str]]
    factors: list[tuple[str, str]]
    outcomes: list[tuple[str, str]]
    themes: list[str]


def public_lessons() -> OpenLessonQuerySet:
    return OpenLesson.objects.public().select_related("organisation")


def get_public_lesson(pk: int) -> OpenLesson:
    """An open lesson anyone may read; 404 once withdrawn, or for anything else."""
    found = public_lessons().filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def open_copy_of(lesson: Lesson) -> OpenLesson | None:
    """The lesson's copy in the open library now, if it has one."""
    return OpenLesson.objects.public().filter(lesson=lesson).first()


def filter_choices() -> FilterChoices:
    """Every setting, factor and outcome, and the themes of the lessons open now."""
    themes = (
        OpenLessonFacet.objects.filter(
            kind=FacetKind.THEME, open_lesson__in=OpenLesson.objects.public()
        )
        .values_list("value", flat=True)
        .distinct()
        .order_by("value")
    )
    return FilterChoices(
        settings=[(code, str(label)) for code, label in Setting.choices],
        factors=[(code, str(label)) for code, label in Factor.choices],
        outcomes=[(code, str(label)) for code, label in Outcome.choices],
        themes=list(themes),
    )


def public_bulletins() -> OpenBulletinQuerySet:
    return OpenBulletin.objects.public().select_related("organisation")


def get_public_bulletin(pk: int) -> OpenBulletin:
    """An open bulletin anyone may read; 404 once withdrawn, or for anything else."""
    found = public_bulletins().filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def get_bulletin_for_analyst(user: User, pk: int) -> Bulletin:
    """A bulletin of an organisation where the person is an analyst: those who publish
    bulletins are those who may open them."""
    bulletin = (
        Bulletin.objects.filter(pk=pk)
        .filter(organisation_id__in=user.organisation_ids_with_role(Role.ANALYST))
        .select_related("organisation")
        .first()
    )
    if bulletin is None:
        raise Http404
    return bulletin


def open_copy_of_bulletin(bulletin: Bulletin) -> OpenBulletin | None:
    return OpenBulletin.objects.public().filter(bulletin=bulletin).first()
