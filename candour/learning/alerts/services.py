"""Urgent hazards: raised from a report, sent to the safety lead, tracked to action.

If the alert could identify the reporter, it waits for their consent, which they give
or refuse through their receipt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.learning.lessons.services import check_deidentified
from candour.learning.models import Alert, AlertStatus
from candour.notifications.outbox import queue_email
from candour.reporting.models import Report
from candour.reporting.services import contact_details

# An alert nobody has acknowledged: the safety lead is reminded after a day, and the
# organisation's administrators told after three (an urgent hazard must not sit unread).
REMIND_AFTER = timedelta(days=1)
ESCALATE_AFTER = timedelta(days=3)
OPEN = (AlertStatus.AWAITING_CONSENT, AlertStatus.RAISED, AlertStatus.ACKNOWLEDGED)


@transaction.atomic
def raise_alert(
    *, actor: User, report: Report, hazard: str, could_identify_reporter: bool, base_url: str = ""
) -> Alert:
    """Raise an alert to the organisation's safety lead (after consent, where needed)."""
    lead = report.organisation.safety_lead
    if lead is None:
        raise ValidationError(
            _("The organisation has no safety lead yet. Ask its administrator to name one.")
        )
    check_deidentified(report.organisation, hazard=hazard)
    alert = Alert.objects.create(
        report=report,
        organisation=report.organisation,
        hazard=hazard.strip(),
        raised_by=actor,
        recipient=lead,
        could_identify_reporter=could_identify_reporter,
        status=AlertStatus.AWAITING_CONSENT if could_identify_reporter else AlertStatus.RAISED,
    )
    record(
        AuditEventType.ALERT_RAISED,
        actor_id=actor.pk,
        organisation=report.organisation,
        target=alert,
        data={"needs_consent": could_identify_reporter},
    )
    if could_identify_reporter:
        _ask_reporter(report, base_url)
    else:
        _send(alert, base_url)
    return alert


def _ask_reporter(report: Report, base_url: str) -> None:
    """Tell a confidential reporter who left an email address that a question awaits them.
    The email says nothing about the report: a shared inbox must not give it away."""
    contact = contact_details(report)
    if not contact or "@" not in contact:
        return
    queue_email(
        [contact.strip()],
        subject=_("Candour: the learning team would like your answer"),
        body=_(
            "The learning team has a question about something you told them. Sign in with "
            "your receipt code to read it and answer: %(url)s"
        )
        % {"url": base_url.rstrip("/") + reverse("reporting:follow-up")},
        to_reporter=True,
    )


def _send(alert: Alert, base_url: str) -> None:
    alert.sent_at = timezone.now()
    alert.status = AlertStatus.RAISED
    alert.save(update_fields=["sent_at", "status"])
    queue_email(
        [alert.recipient.email],
        subject=_("Candour: an urgent hazard needs your attention"),
        body=_(
            "The learning team has raised a hazard for you to act on:\n\n%(hazard)s\n\n"
            "Acknowledge it and record what you did: %(url)s"
        )
        % {"hazard": alert.hazard, "url": base_url.rstrip("/") + reverse("learning:alerts")},
    )
    record(
        AuditEventType.ALERT_SENT,
        actor_id=None,
        organisation=alert.organisation,
        target=alert,
    )


@transaction.atomic
def answer_consent(*, alert: Alert, given: bool, base_url: str = "") -> Alert:
    """The reporter's answer, through their receipt; the alert goes only if they agree."""
    if alert.status != AlertStatus.AWAITING_CONSENT:
        return alert
    record(
        AuditEventType.ALERT_CONSENT_GIVEN if given else AuditEventType.ALERT_CONSENT_REFUSED,
        actor_id=None,
        organisation=alert.organisation,
        target=alert,
    )
    if given:
        _send(alert, base_url)
    else:
        alert.status = AlertStatus.WITHDRAWN
        alert.save(update_fields=["status"])
    return alert


@transaction.atomic
def acknowledge(*, actor: User, alert: Alert) -> Alert:
    """The safety lead confirms they have seen the alert."""
    if alert.status == AlertStatus.RAISED:
        alert.status = AlertStatus.ACKNOWLEDGED
        alert.acknowledged_at = timezone.now()
        alert.save(update_fields=["status", "acknowledged_at"])
        record(
            AuditEventType.ALERT_ACKNOWLEDGED,
            actor_id=actor.pk,
            organisation=alert.organisation,
            target=alert,
        )
    return alert


@transaction.atomic
def record_action(*, actor: User, alert: Alert, action_taken: str) -> Alert:
    """The safety lead says what was done; the alert is then closed."""
    if alert.status not in {AlertStatus.RAISED, AlertStatus.ACKNOWLEDGED}:
        raise ValidationError(_("This alert is not open"))
    if not action_taken.strip():
        raise ValidationError({"action_taken": _("Say what was done")})
    check_deidentified(alert.organisation, action_taken=action_taken)
    alert.acknowledged_at = alert.acknowledged_at or timezone.now()
    alert.action_taken = action_taken.strip()
    alert.acted_on_at = timezone.now()
    alert.status = AlertStatus.ACTED_ON
    alert.save()
    record(
        AuditEventType.ALERT_ACTED_ON,
        actor_id=actor.pk,
        organisation=alert.organisation,
        target=alert,
    )
    return alert


@dataclass(frozen=True)
class Chased:
    moved: int
    reminded: int
    escalated: int


def _administrators(alert: Alert) -> list[str]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=alert.organisation_id,
            memberships__role=Role.ORG_ADMIN,
            memberships__revoked_at__isnull=True,
        )
        .distinct()
        .values_list("email", flat=True)
    )


def _chase_email(addresses: list[str], alert: Alert, base_url: str, *, escalated: bool) -> None:
    intro = (
        _(
            "The safety lead has not acknowledged this urgent hazard for %(days)s days. As an "
            "administrator, please make sure someone acts on it:"
        )
        % {"days": ESCALATE_AFTER.days}
        if escalated
        else _("Reminder: this urgent hazard has not been acknowledged yet:")
    )
    queue_email(
        addresses,
        subject=_("Candour: an urgent hazard is still waiting"),
        body=f"{intro}\n\n{alert.hazard}\n\n"
        + base_url.rstrip("/")
        + reverse("learning:alert", args=[alert.pk]),
    )


def _chase(
    alert: Alert, addresses: list[str], stamp: str, now: datetime, base_url: str, *, escalated: bool
) -> None:
    """Email the chase, stamp when, and audit it (escalated or reminded)."""
    _chase_email(addresses, alert, base_url, escalated=escalated)
    setattr(alert, stamp, now)
    alert.save(update_fields=[stamp])
    record(
        AuditEventType.ALERT_ESCALATED if escalated else AuditEventType.ALERT_REMINDED,
        actor_id=None,
        organisation=alert.organisation,
        target=alert,
    )


@transaction.atomic
def chase_alerts(*, now: datetime | None = None, base_url: str = "") -> Chased:
    """Move open alerts to the current safety lead; remind, then escalate, unacknowledged ones."""
    now = now or timezone.now()
    moved = reminded = escalated = 0
    for alert in Alert.objects.filter(status__in=OPEN).select_related(
        "organisation__safety_lead", "recipient"
    ):
        lead = alert.organisation.safety_lead
        if lead is not None and lead.is_active and alert.recipient_id != lead.pk:
            # The safety lead changed: the new one owns every open alert.
            alert.recipient = lead
            alert.save(update_fields=["recipient"])
            record(
                AuditEventType.ALERT_REASSIGNED,
                actor_id=None,
                organisation=alert.organisation,
                target=alert,
            )
            if alert.status != AlertStatus.AWAITING_CONSENT:
                _chase_email([lead.email], alert, base_url, escalated=False)
            moved += 1
        if alert.status != AlertStatus.RAISED or alert.sent_at is None:
            continue
        waited = now - alert.sent_at
        if waited >= ESCALATE_AFTER and alert.escalated_at is None:
            _chase(alert, _administrators(alert), "escalated_at", now, base_url, escalated=True)
            escalated += 1
        elif waited >= REMIND_AFTER and alert.reminded_at is None and alert.escalated_at is None:
            _chase(alert, [alert.recipient.email], "reminded_at", now, base_url, escalated=False)
            reminded += 1
    return Chased(moved, reminded, escalated)
