"""Writes for the open library: publishing lessons and bulletins openly, and withdrawing
them (ADR 0033)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.learning.library.content import open_copy
from candour.learning.library.open_bulletins import open_bulletin_copy
from candour.learning.models import (
    Bulletin,
    FacetKind,
    Lesson,
    OpenBulletin,
    OpenLesson,
    OpenLessonFacet,
)


@transaction.atomic
def publish_openly(*, actor: User, lesson: Lesson, previewed: str) -> OpenLesson:
    """Show a published lesson to anyone, exactly as previewed (`previewed`: its digest)."""
    # Locked, so two confirmations cannot both open the same lesson.
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    if OpenLesson.objects.public().filter(lesson=lesson).exists():
        raise ValidationError(_("This lesson is already in the open library"))
    now = timezone.now()
    copy = open_copy(lesson, today=timezone.localdate(now))
    if copy.problems:
        raise ValidationError(list(copy.problems.values()))
    if copy.digest != previewed:
        raise ValidationError(
            _("The lesson or its figures changed since your preview: check the preview again")
        )
    opened = OpenLesson.objects.create(
        lesson=lesson,
        organisation=lesson.organisation,
        title=copy.title,
        story=copy.story,
        commentary=copy.commentary,
        action_taken=copy.action_taken,
        month=copy.month,
        figures={
            "reports": copy.figures.reports,
            "outcomes": [list(row) for row in copy.figures.outcomes],
        },
        opened_by=actor,
        opened_at=now,
    )
    OpenLessonFacet.objects.bulk_create(
        OpenLessonFacet(open_lesson=opened, kind=kind, value=value)
        for kind, values in (
            (FacetKind.SETTING, copy.settings),
            (FacetKind.FACTOR, copy.factors),
            (FacetKind.OUTCOME, copy.outcomes),
            (FacetKind.THEME, copy.themes),
        )
        for value in values
    )
    record(
        AuditEventType.LESSON_OPENED,
        actor_id=actor.pk,
        organisation=lesson.organisation,
        target=lesson,
        data={"open_lesson": opened.pk},
    )
    return opened


@transaction.atomic
def withdraw_openly(*, actor: User, opened: OpenLesson) -> OpenLesson:
    """Take a lesson out of the open library, its feed and its data, at once."""
    opened = OpenLesson.objects.select_for_update().get(pk=opened.pk)
    if opened.withdrawn_at is not None:
        return opened
    opened.withdrawn_at = timezone.now()
    opened.withdrawn_by = actor
    opened.save(update_fields=["withdrawn_at", "withdrawn_by"])
    record(
        AuditEventType.LESSON_WITHDRAWN,
        actor_id=actor.pk,
        organisation=opened.organisation,
        target=opened.lesson,
        data={"open_lesson": opened.pk},
    )
    return opened


@transaction.atomic
def publish_bulletin_openly(*, actor: User, bulletin: Bulletin, previewed: str) -> OpenBulletin:
    """Show a bulletin to anyone, exactly as previewed (`previewed`: its digest)."""
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if OpenBulletin.objects.public().filter(bulletin=bulletin).exists():
        raise ValidationError(_("This bulletin is already in the open library"))
    now = timezone.now()
    copy = open_bulletin_copy(bulletin, today=timezone.localdate(now))
    if copy.problems:
        raise ValidationError(list(copy.problems.values()))
    if copy.digest != previewed:
        raise ValidationError(_("The bulletin changed since your preview: check the preview again"))
    opened = OpenBulletin.objects.create(
        bulletin=bulletin,
        organisation=bulletin.organisation,
        title=copy.title,
        introduction=copy.introduction,
        first_month=copy.first_month,
        last_month=copy.last_month,
        month=copy.month,
        lessons=copy.lessons,
        figures=copy.figures,
        opened_by=actor,
        opened_at=now,
    )
    record(
        AuditEventType.BULLETIN_OPENED,
        actor_id=actor.pk,
        organisation=bulletin.organisation,
        target=bulletin,
        data={"open_bulletin": opened.pk},
    )
    return opened


@transaction.atomic
def withdraw_bulletin_openly(*, actor: User, opened: OpenBulletin) -> OpenBulletin:
    """Take a bulletin out of the open library and its feed, at once."""
    opened = OpenBulletin.objects.select_for_update().get(pk=opened.pk)
    if opened.withdrawn_at is not None:
        return opened
    opened.withdrawn_at = timezone.now()
    opened.withdrawn_by = actor
    opened.save(update_fields=["withdrawn_at", "withdrawn_by"])
    record(
        AuditEventType.BULLETIN_WITHDRAWN,
        actor_id=actor.pk,
        organisation=opened.organisation,
        target=opened.bulletin,
        data={"open_bulletin": opened.pk},
    )
    return opened
