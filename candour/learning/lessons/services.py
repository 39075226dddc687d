"""Writes for lessons and bulletins."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation
from candour.learning.lessons.bulletin_content import period_counts
from candour.learning.models import Bulletin, Lesson
from candour.lib.deid import detect
from candour.lib.deid.spans import GENERALISED
from candour.reporting.models import Report
from candour.reporting.services import policy_for


def check_deidentified(organisation: Organisation, **texts: str) -> None:
    """Refuse text that still looks identifying: lessons are read by everyone."""
    policy = policy_for(organisation)
    problems = {}
    for name, text in texts.items():
        # Dates and times are only generalised elsewhere, so they do not count here.
        found = [
            text[span.start : span.end]
            for span in detect(text, policy)
            if span.kind not in GENERALISED
        ]
        if found:
            problems[name] = _(
                "This looks identifying: %(words)s. Take it out or generalise it."
            ) % {"words": ", ".join(f"“{word}”" for word in found[:5])}
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def save_lesson(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    story: str,
    commentary: str,
    action_taken: str,
    reports: list[Report],
    lesson: Lesson | None = None,
) -> Lesson:
    """Create or edit a draft lesson drawn from the organisation's reports."""
    check_deidentified(
        organisation, title=title, story=story, commentary=commentary, action_taken=action_taken
    )
    if any(report.organisation_id != organisation.pk for report in reports):
        raise ValidationError({"reports": _("Choose reports from this organisation")})
    if lesson is None:
        lesson = Lesson(organisation=organisation, created_by=actor)
    lesson.title, lesson.story, lesson.commentary = title.strip(), story.strip(), commentary.strip()
    lesson.action_taken = action_taken.strip()
    lesson.save()
    lesson.reports.set(reports)
    record(
        AuditEventType.LESSON_SAVED,
        actor_id=actor.pk,
        organisation=organisation,
        target=lesson,
        data={"reports": len(reports)},
    )
    return lesson


@transaction.atomic
def publish_lesson(*, actor: User, lesson: Lesson) -> Lesson:
    """Publish a lesson: the organisation and the reporters whose reports fed it see it."""
    if lesson.published_at is None:
        lesson.published_at = timezone.now()
        lesson.save(update_fields=["published_at"])
        record(
            AuditEventType.LESSON_PUBLISHED,
            actor_id=actor.pk,
            organisation=lesson.organisation,
            target=lesson,
        )
    return lesson


@transaction.atomic
def publish_bulletin(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    period_start: date,
    period_end: date,
    introduction: str = "",
) -> Bulletin:
    """Gather the lessons published in a period into a bulletin."""
    if period_end < period_start:
        raise ValidationError({"period_end": _("The end must be on or after the start")})
    lessons = Lesson.objects.filter(
        organisation=organisation,
        published_at__date__gte=period_start,
        published_at__date__lte=period_end,
    )
    if not lessons.exists():
        raise ValidationError(_("No lessons were published in this period"))
    bulletin = Bulletin.objects.create(
        organisation=organisation,
        title=title.strip(),
        period_start=period_start,
        period_end=period_end,
        introduction=introduction.strip(),
        published_at=timezone.now(),
        published_by=actor,
    )
    bulletin.lessons.set(lessons)
    bulletin.counts = period_counts(bulletin)
    # Copied, so editing a lesson later cannot silently rewrite a published bulletin.
    bulletin.lesson_texts = [
        {
            "title": lesson.title,
            "story": lesson.story,
            "commentary": lesson.commentary,
            "action_taken": lesson.action_taken,
        }
        for lesson in lessons.order_by("published_at", "pk")
    ]
    bulletin.save(update_fields=["counts", "lesson_texts"])
    record(
        AuditEventType.BULLETIN_PUBLISHED,
        actor_id=actor.pk,
        organisation=organisation,
        target=bulletin,
        data={"lessons": lessons.count()},
    )
    return bulletin
