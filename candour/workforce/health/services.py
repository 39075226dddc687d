"""Writes to an organisation's health settings: its DfE area and its chart events.

Each is audited in the same transaction. The audit event type is the organisation's
settings change (no narrative: an event's label stays out of the audit row).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation
from candour.lib.dfe.areas import audit_code
from candour.workforce.health.areas import area_directory
from candour.workforce.models import ChartEvent, WorkforceSettings

EVENT_ROLES = (Role.MANAGER, Role.ORG_ADMIN)


def dfe_areas() -> dict[str, str]:
    """The local authorities in the loaded DfE figures, code to name, by name: each once
    (an earlier code is folded into its successor), shared services marked."""
    return area_directory().choices()


def dfe_area_of(organisation: Organisation) -> str:
    settings = WorkforceSettings.objects.filter(organisation=organisation).first()
    return settings.dfe_area_code if settings else ""


@transaction.atomic
def set_dfe_area(*, actor: User, organisation: Organisation, area_code: str) -> WorkforceSettings:
    """Set the DfE local authority the organisation is compared as; administrators only."""
    if organisation.pk not in actor.organisation_ids_with_role(Role.ORG_ADMIN):
        raise PermissionDenied
    if area_code and area_code not in dfe_areas():
        raise ValueError(f"{area_code!r} is not a local authority in the loaded DfE figures")
    settings, _ = WorkforceSettings.objects.get_or_create(organisation=organisation)
    before = settings.dfe_area_code
    settings.dfe_area_code = area_code
    settings.save(update_fields=["dfe_area_code"])
    record(
        AuditEventType.WORKFORCE_DFE_AREA_SET,
        actor_id=actor.pk,
        organisation=organisation,
        target=settings,
        # A shared service's code holds spaces ("E09000021 / E09000027"); audit rows hold
        # codes only, so it is written without them.
        data={"before": audit_code(before), "after": audit_code(area_code)},
    )
    return settings


def may_manage_events(user: User, organisation: Organisation) -> bool:
    return any(organisation.pk in user.organisation_ids_with_role(role) for role in EVENT_ROLES)


def events_of(organisation: Organisation) -> QuerySet[ChartEvent]:
    """The organisation's own chart events (national ones are not theirs to change)."""
    return ChartEvent.objects.filter(organisation=organisation).order_by("on_date", "pk")


@transaction.atomic
def add_chart_event(
    *, actor: User | None, organisation: Organisation, on_date: date, label: str
) -> ChartEvent:
    """Annotate the organisation's charts; managers and administrators (or the CLI)."""
    if actor is not None and not may_manage_events(actor, organisation):
        raise PermissionDenied
    event = ChartEvent.objects.create(organisation=organisation, on_date=on_date, label=label)
    record(
        AuditEventType.WORKFORCE_CHART_EVENT_ADDED,
        actor_id=actor.pk if actor else None,
        organisation=organisation,
        target=event,
        data={"on_date": on_date.isoformat()},
    )
    return event


@transaction.atomic
def delete_chart_event(*, actor: User | None, event: ChartEvent) -> None:
    """Remove one of an organisation's chart events; never a national one."""
    organisation = event.organisation
    if organisation is None:
        raise PermissionDenied
    if actor is not None and not may_manage_events(actor, organisation):
        raise PermissionDenied
    record(
        AuditEventType.WORKFORCE_CHART_EVENT_DELETED,
        actor_id=actor.pk if actor else None,
        organisation=organisation,
        target=event,
        data={"on_date": event.on_date.isoformat()},
    )
    event.delete()
