from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.core.models import Organisation


@dataclass(frozen=True)
class AuditRow:
    # No sequence number and no hash: the sequence is global, so a gap in it would mark
    # where a hidden reporter event sits (ADR 0005); the hashes serve verify-audit only.
    when: str
    description: str
    actor: str
    subject: str


def audit_rows(events: list[AuditEvent], names: dict[int, str]) -> list[AuditRow]:
    rows = []
    for event in events:
        try:
            description = str(AuditEventType(event.event_type).description)
        except ValueError:
            description = event.event_type
        rows.append(
            AuditRow(
                when=timezone.localtime(event.occurred_at).strftime("%d %b %Y %H:%M:%S"),
                description=description,
                actor=names.get(event.actor_id, "—") if event.actor_id else "—",
                subject=f"{event.object_type} {event.object_id}".strip() or "—",
            )
        )
    return rows


def actor_names(organisation: Organisation, actor_ids: set[int]) -> dict[int, str]:
    """Names only of people in this organisation: the trail itself stores ids, never names."""
    return dict(
        User.objects.in_organisation(organisation)
        .filter(pk__in=actor_ids)
        .values_list("pk", "full_name")
    )
