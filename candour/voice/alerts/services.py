"""Bursts of possible disclosures from one feedback link (issue 16, route 1).

A scripted link once made 8 alerts and 16 urgent emails in 7 seconds, each chased every
15 minutes. Now the third alert from one link within BURST_WINDOW (or any alert sent past
the link's or session's feedback limit) starts a burst: the alerts already sent from the
link in the window join it, the duty contact gets one email for the burst with one link
to read and acknowledge all of it, and later alerts from the link join it quietly. Each
alert is still kept and shown; only the emails and the chasing are grouped.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.notifications.outbox import queue_email
from candour.notifications.services import notify
from candour.voice.models import AlertBurst, SafeguardingAlert
from candour.voice.vocabulary import AlertState

BURST_WINDOW = timedelta(minutes=15)
# Two disclosures from one link in a quarter of an hour are each emailed on their own (a
# group session may bring two real ones); the third makes it a burst.
BURST_SIZE = 3


def _burst_digest(secret: str) -> str:
    key = hashlib.sha256(b"candour-safeguarding-burst:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, secret.encode(), hashlib.sha256).hexdigest()


def open_burst(alert: SafeguardingAlert, *, now: datetime) -> AlertBurst | None:
    """The link's burst still gathering alerts, if there is one: recent, and with an alert
    still waiting (once all are acknowledged, a new alert must not join it unseen)."""
    burst_id = (
        AlertBurst.objects.filter(
            link_id=alert.feedback.link_id,
            last_alert_at__gte=now - BURST_WINDOW,
            alerts__state=AlertState.SENT,
        )
        .order_by("-last_alert_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    if burst_id is None:
        return None
    return AlertBurst.objects.select_for_update().get(pk=burst_id)


def group_if_burst(
    alert: SafeguardingAlert, *, over_limit: bool, email: str, people: list[User]
) -> tuple[AlertBurst | None, bool]:
    """Put the alert in its link's burst when there is (or now is) one.

    Returns the burst and whether it was started now; an alert outside any burst is
    emailed on its own by the caller.
    """
    if alert.feedback.link_id is None:
        return None, False
    now = alert.sent_at
    burst = open_burst(alert, now=now)
    if burst is not None:
        _join(burst, [alert], now=now)
        return burst, False
    recent = list(
        SafeguardingAlert.objects.filter(
            feedback__link_id=alert.feedback.link_id,
            burst__isnull=True,
            state=AlertState.SENT,
            sent_at__gte=now - BURST_WINDOW,
        )
        .exclude(pk=alert.pk)
        .order_by("sent_at", "pk")
    )
    if not over_limit and len(recent) + 1 < BURST_SIZE:
        return None, False
    secret = secrets.token_urlsafe(24)
    burst = AlertBurst.objects.create(
        organisation=alert.organisation,
        link_id=alert.feedback.link_id,
        started_at=recent[0].sent_at if recent else now,
        last_alert_at=now,
        ack_digest=_burst_digest(secret),
        sent_to=email,
    )
    _join(burst, [*recent, alert], now=now)
    _tell_duty_team(burst, secret=secret, email=email, people=people)
    return burst, True


def _join(burst: AlertBurst, alerts: list[SafeguardingAlert], *, now: datetime) -> None:
    SafeguardingAlert.objects.filter(pk__in=[a.pk for a in alerts]).update(burst=burst)
    for alert in alerts:
        alert.burst = burst
    burst.size = SafeguardingAlert.objects.filter(burst=burst).count()
    burst.last_alert_at = max(burst.last_alert_at, now)
    burst.save(update_fields=["size", "last_alert_at"])


def _tell_duty_team(burst: AlertBurst, *, secret: str, email: str, people: list[User]) -> None:
    subject = _(
        "URGENT safeguarding: %(count)s alerts from one feedback link in %(minutes)s minutes"
    ) % {"count": burst.size, "minutes": burst.minutes}
    link = settings.CANDOUR_BASE_URL.rstrip("/") + reverse("voice:burst", args=[secret])
    if email:
        # No child's words here: one burst may hold many, and the link shows them all.
        queue_email(
            [email],
            subject=subject,
            body=_(
                "Feedback link %(link_name)s has sent %(count)s pieces of feedback that may "
                "mean a child is unsafe, in %(minutes)s minutes. This may be a flood of made-up "
                "feedback, but any of it may be real: read every one.\n\n"
                "Alerts from the same link in the next 15 minutes join this burst and are "
                "not emailed one by one. Open this link to read them all and say you have "
                "them: %(url)s"
            )
            % {
                "link_name": burst.link.name,
                "count": burst.size,
                "minutes": burst.minutes,
                "url": link,
            }
            + _typed_in_note(burst),
        )
    notify(
        people,
        subject=subject,
        body=_("Open the alerts to read every one and make sure the duty team has them."),
        url=reverse("voice:alerts"),
    )


def _typed_in_note(burst: AlertBurst) -> str:
    """Who typed in any of the burst's feedback from paper, phone or in person: they may
    know the children and hold the paper (ADR 0035). Empty when all came online."""
    typists = {
        alert.entered_by
        for alert in SafeguardingAlert.objects.filter(burst=burst, entered_by__isnull=False)
        .select_related("entered_by")
        .order_by("pk")
        if alert.entered_by is not None
    }
    if not typists:
        return ""
    names = ", ".join(
        sorted(f"{person.full_name or person.email} ({person.email})" for person in typists)
    )
    return "\n\n" + _(
        "Some of this feedback was not sent online: %(names)s typed it in and may be able "
        "to tell you more."
    ) % {"names": names}


def burst_for_secret(secret: str) -> AlertBurst | None:
    return (
        AlertBurst.objects.filter(ack_digest=_burst_digest(secret))
        .select_related("organisation", "link")
        .first()
    )


def waiting_in(burst: AlertBurst) -> list[SafeguardingAlert]:
    return list(
        SafeguardingAlert.objects.filter(burst=burst, state=AlertState.SENT)
        .select_related("feedback__team", "feedback__data_key", "organisation")
        .order_by("sent_at", "pk")
    )


@transaction.atomic
def acknowledge_burst(
    *, burst: AlertBurst, action: str, by: User | None = None, by_name: str = ""
) -> int:
    """A person says they have every alert waiting in the burst; returns how many."""
    from candour.voice.services import acknowledge_alert

    name = (by.full_name if by else by_name).strip()
    if not name:
        raise ValidationError({"name": _("Enter your name")})
    if not action.strip():
        raise ValidationError({"action": _("Say what you are doing about it")})
    waiting = waiting_in(burst)
    for alert in waiting:
        acknowledge_alert(alert=alert, action=action, by=by, by_name=by_name)
    return len(waiting)


def chase_bursts(*, now: datetime) -> int:
    """Chase each burst with an alert nobody has acknowledged, once for the whole burst."""
    from candour.voice.services import chase_recipients

    due = now - BURST_WINDOW
    chased = 0
    for burst_id in (
        AlertBurst.objects.filter(alerts__state=AlertState.SENT, last_alert_at__lte=now)
        .distinct()
        .values_list("pk", flat=True)
    ):
        with transaction.atomic():
            burst = (
                AlertBurst.objects.select_for_update()
                .select_related("organisation", "link")
                .get(pk=burst_id)
            )
            waiting = waiting_in(burst)
            if not waiting or waiting[0].sent_at > due:
                continue
            if burst.chased_at is not None and burst.chased_at > due:
                continue
            minutes = int((now - waiting[0].sent_at).total_seconds() // 60)
            subject = _(
                "Not yet acknowledged after %(minutes)s minutes: %(count)s safeguarding alerts "
                "from one feedback link"
            ) % {"minutes": minutes, "count": len(waiting)}
            # The widening circle of people is the same as for one alert (first waiting).
            people = chase_recipients(waiting[0], chase_count=burst.chase_count)
            notify(
                people,
                subject=subject,
                body=_("Nobody has said they have these disclosures yet. Call the duty team now."),
                url=reverse("voice:alerts"),
            )
            if burst.sent_to:
                queue_email(
                    [burst.sent_to],
                    subject=subject,
                    body=_(
                        "A burst of safeguarding alerts sent to this inbox has not been "
                        "acknowledged. Open the link in the first email about it now, or ask "
                        "the safety lead to acknowledge them in Candour."
                    ),
                )
            burst.chased_at = now
            burst.chase_count += 1
            burst.save(update_fields=["chased_at", "chase_count"])
            record(
                AuditEventType.SAFEGUARDING_CHASED,
                actor_id=None,
                organisation=burst.organisation,
                target=burst,
                data={"chase": burst.chase_count, "burst": burst.size},
            )
            chased += 1
    return chased
