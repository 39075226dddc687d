"""Urgent hazards: raised from a report, sent to the safety lead, tracked to action.

If the alert could identify the reporter, it waits for their consent, which they give
or refuse through their receipt.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.learning.lessons import check_deidentified
from candour.learning.models import Alert, AlertStatus
from candour.notifications.outbox import queue_email
from candour.reporting.models import Report


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
    if not could_identify_reporter:
        _send(alert, base_url)
    return alert


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
