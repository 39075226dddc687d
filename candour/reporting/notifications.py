"""Tell learning teams that reports are waiting, without saying anything about them."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation
from candour.reporting.models import Report
from candour.reporting.vocabulary import Status


@dataclass(frozen=True)
class DigestResult:
    organisations: int
    emails: int


def send_new_report_digest(*, base_url: str) -> DigestResult:
    """Email each organisation's analysts how many reports are new; counts only, no content."""
    counts = (
        Report.objects.filter(status=Status.NEW)
        .values("organisation_id")
        .annotate(new=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=timezone.localdate())))
    )
    messages: list[tuple[str, str, str, list[str]]] = []
    organisations = 0
    for row in counts:
        organisation = Organisation.objects.get(pk=row["organisation_id"])
        recipients = list(
            User.objects.filter(
                is_active=True,
                memberships__organisation=organisation,
                memberships__role=Role.ANALYST,
                memberships__revoked_at__isnull=True,
            )
            .distinct()
            .values_list("email", flat=True)
        )
        if not recipients:
            continue
        subject = ngettext(
            "Candour: %(count)d new report is waiting",
            "Candour: %(count)d new reports are waiting",
            row["new"],
        ) % {"count": row["new"]}
        body = _(
            "%(count)d new report(s) are waiting for the learning team in %(organisation)s, "
            "%(overdue)d of them past their due date.\n\nSign in to read them: %(url)s\n\n"
            "This email never contains what was reported."
        ) % {
            "count": row["new"],
            "organisation": organisation.name,
            "overdue": row["overdue"],
            "url": base_url.rstrip("/") + reverse("reporting:queue"),
        }
        messages.extend(
            (subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients
        )
        organisations += 1
        with transaction.atomic():
            record(
                AuditEventType.REPORT_DIGEST_SENT,
                actor_id=None,
                organisation=organisation,
                data={"new": row["new"], "recipients": len(recipients)},
            )
    sent = send_mass_mail(messages, fail_silently=False) if messages else 0
    return DigestResult(organisations, sent)
