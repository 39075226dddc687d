"""Writes for the open library: publishing lessons and bulletins openly, and withdrawing
them (ADR 0033)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.learning.library.content import OpenCopy, open_copy
from candour.learning.library.open_bulletins import OpenBulletinCopy, open_bulletin_copy
from candour.learning.models import (
    Bulletin,
    FacetKind,
    Lesson,
    OpenBulletin,
    OpenLesson,
    OpenLessonFacet,
)


def _publish(
    *,
    actor: User,
    source: Lesson | Bulletin,
    previewed: str,
    copy_for: Callable[[Any, date], Any],
    create: Callable[[Any, Any, datetime], OpenLesson | OpenBulletin],
    already: str,
    changed: str,
    event: AuditEventType,
    key: str,
) -> Any:
    """Open a lesson or a bulletin exactly as previewed: refused when it is open already,
    when its copy has problems, or when the copy changed since the preview (its digest);
    audited with the open copy's number under ``key``."""
    kind = type(source)
    # Locked, so two confirmations cannot both open the same one.
    source = kind.objects.select_for_update().get(pk=source.pk)
    opened_model = OpenLesson if kind is Lesson else OpenBulletin
    if opened_model.objects.public().filter(**{kind.__name__.lower(): source}).exists():
        raise ValidationError(already)
    now = timezone.now()
    copy = copy_for(source, timezone.localdate(now))
    if copy.problems:
        raise ValidationError(list(copy.problems.values()))
    if copy.digest != previewed:
        raise ValidationError(changed)
    opened = create(source, copy, now)
    record(
        event,
        actor_id=actor.pk,
        organisation=source.organisation,
        target=source,
        data={key: opened.pk},
    )
    return opened


def _withdraw(
    *, actor: User, opened: OpenLesson | OpenBulletin, event: AuditEventType, key: str
) -> Any:
    """Take an open copy down at once (a second withdrawal changes nothing), audited
    against what it was a copy of."""
    opened = type(opened).objects.select_for_update().get(pk=opened.pk)
    if opened.withdrawn_at is not None:
        return opened
    opened.withdrawn_at = timezone.now()
    opened.withdrawn_by = actor
    opened.save(update_fields=["withdrawn_at", "withdrawn_by"])
    source = opened.lesson if isinstance(opened, OpenLesson) else opened.bulletin
    record(
        event,
        actor_id=actor.pk,
        organisation=opened.organisation,
        target=source,
        data={key: opened.pk},
    )
    return opened


def lesson_copy(lesson: Lesson, today: date) -> OpenCopy:
    """What would be public for ``lesson`` today (the preview and the publish share it)."""
    return open_copy(lesson, today=today)


@transaction.atomic
def publish_openly(*, actor: User, lesson: Lesson, previewed: str) -> OpenLesson:
    """Show a published lesson to anyone, exactly as previewed (`previewed`: its digest)."""

    def create(source: Lesson, copy: OpenCopy, now: datetime) -> OpenLesson:
        opened = OpenLesson.objects.create(
            lesson=source,
            organisation=source.organisation,
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
        return opened

    opened: OpenLesson = _publish(
        actor=actor,
        source=lesson,
        previewed=previewed,
        copy_for=lesson_copy,
        create=create,
        already=_("This lesson is already in the open library"),
        changed=_("The lesson or its figures changed since your preview: check the preview again"),
        event=AuditEventType.LESSON_OPENED,
        key="open_lesson",
    )
    return opened


@transaction.atomic
def withdraw_openly(*, actor: User, opened: OpenLesson) -> OpenLesson:
    """Take a lesson out of the open library, its feed and its data, at once."""
    withdrawn: OpenLesson = _withdraw(
        actor=actor, opened=opened, event=AuditEventType.LESSON_WITHDRAWN, key="open_lesson"
    )
    return withdrawn


def bulletin_copy(bulletin: Bulletin, today: date) -> OpenBulletinCopy:
    """What would be public for ``bulletin`` today (the preview and the publish share it)."""
    return open_bulletin_copy(bulletin, today=today)


@transaction.atomic
def publish_bulletin_openly(*, actor: User, bulletin: Bulletin, previewed: str) -> OpenBulletin:
    """Show a bulletin to anyone, exactly as previewed (`previewed`: its digest)."""

    def create(source: Bulletin, copy: OpenBulletinCopy, now: datetime) -> OpenBulletin:
        return OpenBulletin.objects.create(
            bulletin=source,
            organisation=source.organisation,
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

    opened: OpenBulletin = _publish(
        actor=actor,
        source=bulletin,
        previewed=previewed,
        copy_for=bulletin_copy,
        create=create,
        already=_("This bulletin is already in the open library"),
        changed=_("The bulletin changed since your preview: check the preview again"),
        event=AuditEventType.BULLETIN_OPENED,
        key="open_bulletin",
    )
    return opened


@transaction.atomic
def withdraw_bulletin_openly(*, actor: User, opened: OpenBulletin) -> OpenBulletin:
    """Take a bulletin out of the open library, its feed and its data, at once."""
    withdrawn: OpenBulletin = _withdraw(
        actor=actor, opened=opened, event=AuditEventType.BULLETIN_WITHDRAWN, key="open_bulletin"
    )
    return withdrawn
