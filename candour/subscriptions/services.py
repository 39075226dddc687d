"""Every write of subscriptions: following, how often, unsubscribing, and sending digests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.learning.models import Theme
from candour.learning.themes.profile import trend_for
from candour.notifications.outbox import queue_email
from candour.subscriptions import emails
from candour.subscriptions.digest import Window, items_for
from candour.subscriptions.followable import label_for
from candour.subscriptions.links import unsubscribe_token
from candour.subscriptions.models import DigestPreference, Subscription, ThemeTrend
from candour.subscriptions.vocabulary import Frequency, Kind

# Cron runs the weekly digest hourly; a little slack keeps it on the same hour each week.
WEEK = timedelta(days=7) - timedelta(minutes=30)


def _preference(user: User) -> DigestPreference:
    now = timezone.now()
    # Nothing from before the first follow, and the first weekly digest a week later.
    preference, _created = DigestPreference.objects.get_or_create(
        user=user, defaults={"told_up_to": now, "last_digest_at": now}
    )
    return preference


@transaction.atomic
def follow(*, actor: User, kind: str, target: str) -> Subscription:
    """Follow a theme, factor, setting or team the person may see on the pages."""
    if kind not in Kind.values or label_for(actor, kind, target) is None:
        raise ValidationError(_("You cannot follow that."))
    preference = _preference(actor)
    if not Subscription.objects.of(actor).exists():
        # Following again after following nothing: start afresh, not from long ago.
        preference.told_up_to = preference.last_digest_at = timezone.now()
        preference.save(update_fields=["told_up_to", "last_digest_at"])
    subscription, created = Subscription.objects.get_or_create(
        user=actor, kind=kind, target=target, defaults={"created_at": timezone.now()}
    )
    if created:
        record(
            AuditEventType.SUBSCRIPTION_FOLLOWED,
            actor_id=actor.pk,
            target=subscription,
            data={"kind": kind},
        )
    return subscription


@transaction.atomic
def unfollow(*, actor: User, kind: str, target: str) -> bool:
    """Stop following one thing; returns whether anything was followed."""
    deleted, _rows = Subscription.objects.of(actor).filter(kind=kind, target=target).delete()
    if deleted:
        record(AuditEventType.SUBSCRIPTION_UNFOLLOWED, actor_id=actor.pk, data={"kind": kind})
    return bool(deleted)


@transaction.atomic
def set_frequency(*, actor: User, frequency: str) -> DigestPreference:
    """Choose to hear as things happen or once a week."""
    if frequency not in Frequency.values:
        raise ValidationError(_("Choose how often you want to hear."))
    preference = _preference(actor)
    if preference.frequency != frequency:
        preference.frequency = frequency
        preference.save(update_fields=["frequency"])
        record(
            AuditEventType.SUBSCRIPTION_FREQUENCY_CHANGED,
            actor_id=actor.pk,
            data={"frequency": frequency},
        )
    return preference


@transaction.atomic
def unsubscribe_by_link(*, preference: DigestPreference) -> int:
    """Unfollow everything from an email's link, and revoke every link sent so far."""
    locked = DigestPreference.objects.select_for_update().get(pk=preference.pk)
    deleted, _rows = Subscription.objects.filter(user_id=locked.user_id).delete()
    locked.link_version += 1
    locked.save(update_fields=["link_version"])
    record(
        AuditEventType.SUBSCRIPTION_UNSUBSCRIBED_BY_LINK,
        actor_id=locked.user_id,
        data={"unfollowed": deleted},
    )
    return deleted


@transaction.atomic
def note_theme_trends(*, now: datetime) -> int:
    """Store each followed theme's trend direction; returns how many changed.

    The first look at a theme stores its direction without telling anyone: only a
    change is news.
    """
    theme_ids = {
        int(target)
        for target in Subscription.objects.filter(kind=Kind.THEME).values_list("target", flat=True)
    }
    today = timezone.localdate(now)
    changed = 0
    for theme in Theme.objects.filter(pk__in=theme_ids).live():
        direction = trend_for(list(theme.reports.all()), today).direction_key
        seen = ThemeTrend.objects.filter(theme=theme).first()
        if seen is None:
            ThemeTrend.objects.create(theme=theme, direction=direction)
        elif seen.direction != direction:
            seen.direction = direction
            seen.changed_at = now
            seen.save(update_fields=["direction", "changed_at"])
            changed += 1
    return changed


@dataclass(frozen=True)
class DigestRun:
    emails: int
    people: int


def _due(preference: DigestPreference, now: datetime) -> bool:
    if preference.frequency == Frequency.IMMEDIATE:
        return True
    return preference.last_digest_at is None or now - preference.last_digest_at >= WEEK


@transaction.atomic
def _send_one(preference: DigestPreference, *, now: datetime, base_url: str) -> bool:
    user = preference.user
    items = items_for(user, Window(after=preference.told_up_to, until=now))
    if items:
        token = unsubscribe_token(preference)
        queue_email(
            [user.email],
            subject=emails.subject(preference.frequency, len(items)),
            body=emails.body(name=user.full_name, items=items, base_url=base_url, token=token),
            headers=emails.headers(base_url=base_url, token=token),
        )
    preference.told_up_to = now
    preference.last_digest_at = now
    preference.save(update_fields=["told_up_to", "last_digest_at"])
    return bool(items)


def send_digests(*, base_url: str, now: datetime | None = None) -> DigestRun:
    """Note trend changes, then queue each person's digest that is due (one transaction
    each, so a failure for one person never holds back the rest)."""
    now = now or timezone.now()
    note_theme_trends(now=now)
    people = (
        DigestPreference.objects.filter(user__is_active=True, user__subscriptions__isnull=False)
        .distinct()
        .select_related("user")
    )
    sent = 0
    counted = 0
    for preference in people:
        if not _due(preference, now):
            continue
        counted += 1
        sent += _send_one(preference, now=now, base_url=base_url)
    if counted:
        with transaction.atomic():
            record(
                AuditEventType.SUBSCRIPTION_DIGESTS_SENT,
                actor_id=None,
                data={"people": counted, "emails": sent},
            )
    return DigestRun(emails=sent, people=counted)
