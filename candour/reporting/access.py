"""The only ways views reach a report. Not yours means not found."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import Organisation, OrganisationKind
from candour.reporting.models import Report


def reporting_organisations() -> QuerySet[Organisation]:
    """Organisations anyone may send a report about: all but a national hub."""
    return Organisation.objects.exclude(kind=OrganisationKind.NATIONAL_HUB)


def get_report_for_learning_team(user: User, reference: str) -> Report:
    report = (
        Report.objects.for_learning_team(user)
        .filter(reference=reference)
        .select_related("organisation", "team", "data_key", "assigned_to")
        .first()
    )
    if report is None:
        raise Http404
    return report


def get_report_for_reader(user: User, reference: str) -> Report:
    report = (
        Report.objects.visible_to(user)
        .filter(reference=reference)
        .select_related("organisation", "team")
        .first()
    )
    if report is None:
        raise Http404
    return report


def analysts_of(report: Report) -> list[tuple[int, str]]:
    """The analysts who may be given this report: its own organisation's learning team."""
    return list(
        User.objects.filter(
            memberships__organisation=report.organisation,
            memberships__role=Role.ANALYST,
            memberships__revoked_at__isnull=True,
        )
        .distinct()
        .values_list("pk", "full_name")
    )


def get_analyst_for_report(report: Report, pk: int) -> User:
    analyst = (
        User.objects.filter(pk=pk)
        .filter(memberships__organisation=report.organisation)
        .filter(memberships__role=Role.ANALYST, memberships__revoked_at__isnull=True)
        .first()
    )
    if analyst is None:
        raise Http404
    return analyst


def report_for_receipt_holder(pk: int) -> Report | None:
    """The report whose receipt this browser session proved (see views.follow_up)."""
    return Report.objects.filter(pk=pk).select_related("data_key", "organisation").first()


# Who may type in a report or feedback given on paper, by phone or in person (ADR 0035).
ENTRY_ROLES = (Role.ANALYST, Role.ADVOCATE)


def assisted_entry_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations this person may enter paper, phone and in-person items for: where
    they are on the learning team or an advocate."""
    ids: set[int] = set()
    for role in ENTRY_ROLES:
        ids |= user.organisation_ids_with_role(role)
    return reporting_organisations().filter(pk__in=ids).order_by("name")


def may_enter_for(user: User, organisation: Organisation) -> bool:
    return assisted_entry_organisations(user).filter(pk=organisation.pk).exists()
