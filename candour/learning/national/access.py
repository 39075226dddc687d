"""What national analysts may read: every organisation's reviewed, de-identified reports.

Anyone who is not a national analyst in a national hub gets "not found", as everywhere
in Candour. Each search is audited with counts only: never the words searched for.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.utils.formats import date_format

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation, OrganisationKind
from candour.learning.models import Axis, CodedValue, DefenceState
from candour.learning.similar.search import find_similar
from candour.learning.similar.store import indexed_text
from candour.reporting.models import Report
from candour.reporting.vocabulary import Outcome, PartOfDay, Setting

RESULTS = 20
SIMILAR_ON_REPORT_PAGE = 5
EXCERPT_LENGTH = 240
# Longer text says nothing more to a bag-of-words search.
QUERY_LENGTH = 1000


@dataclass(frozen=True)
class NationalReportRow:
    reference: str
    organisation: str
    month: str
    part_of_day: str
    outcome: str
    setting: str
    excerpt: str
    score: float | None = None


@dataclass(frozen=True)
class CodedAxis:
    title: str
    codes: list[str]


def national_hub_of(user: User) -> Organisation:
    """The national hub where the person is a national analyst; not found for anyone else."""
    hub = (
        Organisation.objects.filter(pk__in=user.organisation_ids_with_role(Role.NATIONAL_ANALYST))
        .filter(kind=OrganisationKind.NATIONAL_HUB)
        .order_by("pk")
        .first()
    )
    if hub is None:
        raise Http404
    return hub


def pooled_organisations(user: User) -> list[Organisation]:
    """Organisations whose learning a national analyst pools: every one but the hubs."""
    national_hub_of(user)
    return list(
        Organisation.objects.visible_to(user)
        .exclude(kind=OrganisationKind.NATIONAL_HUB)
        .order_by("name")
    )


def get_report_for_national_analyst(user: User, reference: str) -> Report:
    report = (
        Report.objects.for_national_analysts(user)
        .filter(reference=reference)
        .select_related("organisation")
        .first()
    )
    if report is None:
        raise Http404
    return report


def search_across_organisations(
    *, actor: User, text: str, organisations: list[Organisation], k: int = RESULTS
) -> list[NationalReportRow]:
    """Reviewed reports most like the words, in the given organisations; audited, counts only."""
    hub = national_hub_of(actor)
    allowed = {organisation.pk for organisation in pooled_organisations(actor)}
    chosen = [organisation.pk for organisation in organisations if organisation.pk in allowed]
    words = text.strip()[:QUERY_LENGTH]
    matches = find_similar(
        Report.objects.for_national_analysts(actor), organisation_ids=chosen, text=words, k=k
    )
    # Searching stays outside the transaction: on SQLite it would hold the write lock.
    with transaction.atomic():
        record(
            AuditEventType.NATIONAL_SEARCH,
            actor_id=actor.pk,
            organisation=hub,
            data={
                "results": len(matches),
                "organisations_searched": len(chosen),
                "organisations_found": len({m.report.organisation_id for m in matches}),
            },
        )
    return [national_row(match.report, match.score) for match in matches]


def similar_across_organisations(user: User, report: Report) -> list[NationalReportRow]:
    """Reports from any pooled organisation most like this one, best first."""
    allowed = [organisation.pk for organisation in pooled_organisations(user)]
    matches = find_similar(
        Report.objects.for_national_analysts(user),
        organisation_ids=allowed,
        text=indexed_text(report),
        like=report,
        k=SIMILAR_ON_REPORT_PAGE,
    )
    return [national_row(match.report, match.score) for match in matches]


def national_row(report: Report, score: float | None = None) -> NationalReportRow:
    excerpt = report.what_happened
    if len(excerpt) > EXCERPT_LENGTH:
        excerpt = excerpt[: EXCERPT_LENGTH - 3].rsplit(" ", 1)[0] + "…"
    return NationalReportRow(
        reference=report.reference,
        organisation=report.organisation.name,
        month=date_format(report.occurred_month, "F Y"),
        part_of_day=str(PartOfDay(report.part_of_day).label),
        outcome=str(Outcome(report.outcome).label),
        setting=str(Setting(report.setting).label),
        excerpt=excerpt,
        score=score,
    )


def primary_coding(report: Report) -> list[CodedAxis]:
    """The codes of the report's primary coding, by axis, defences with held or failed."""
    values = (
        CodedValue.objects.filter(coding__report=report, coding__is_primary=True)
        .select_related("code")
        .order_by("code__pk")
    )
    by_axis: dict[str, list[str]] = {}
    for value in values:
        label = value.code.label
        if value.defence_state:
            label = f"{label}: {DefenceState(value.defence_state).label.lower()}"
        by_axis.setdefault(value.code.axis, []).append(label)
    return [
        CodedAxis(str(axis.label), by_axis[axis.value]) for axis in Axis if axis.value in by_axis
    ]
