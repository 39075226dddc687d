"""Finding recurring themes (error traps) in an organisation's reviewed reports.

Each run replaces the themes Candour suggested last time and nobody has touched; themes
an analyst confirmed, dismissed or merged are never changed by it. A group that mostly
repeats a dismissed theme is not suggested again, nor one that mostly repeats a
confirmed theme (its new reports are offered on that theme's page instead).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation
from candour.learning.models import Axis, Code, CodedValue, Theme, ThemeReport, ThemeStatus
from candour.learning.similar.store import TEXT_FIELDS, indexed_text
from candour.lib.text.clustering import MAX_REPORTS, Group, Item, find_groups
from candour.lib.text.embedding.embedder import default_embedder
from candour.reporting.models import Report

# A new group repeats a curated theme when this share of its reports is already in it.
OVERLAP = 0.5


@dataclass(frozen=True)
class FindResult:
    reports: int
    suggested: int
    replaced: int


def coded_items(organisation: Organisation, limit: int = MAX_REPORTS) -> list[Item]:
    """The organisation's most recent reviewed reports, with their primary coding."""
    reports = list(
        Report.objects.filter(organisation=organisation, redactions_reviewed_at__isnull=False)
        .order_by("-received_week", "-pk")[:limit]
        .only("pk", *TEXT_FIELDS)
    )
    codes: dict[int, set[str]] = {report.pk: set() for report in reports}
    # Plain rows and one map of codes (following merges): building thousands of coded
    # value, coding and code objects was most of a theme page's time.
    current = Code.objects.current_by_id()
    for report_id, code_id, state in CodedValue.objects.filter(
        coding__report__in=[r.pk for r in reports], coding__is_primary=True
    ).values_list("coding__report_id", "code_id", "defence_state"):
        code = current[code_id]
        suffix = f":{state}" if code.axis == Axis.DEFENCE else ""
        codes[report_id].add(code.key + suffix)
    return [Item(r.pk, indexed_text(r), frozenset(codes[r.pk])) for r in reports]


def suggest_name(group: Group) -> str:
    """The event most of the group's reports were coded with, else its telling words."""
    events = Counter(
        value.code.current.label
        for value in CodedValue.objects.filter(
            coding__report_id__in=group.ids, coding__is_primary=True, code__axis=Axis.EVENT
        ).select_related("code__merged_into")
    )
    if events:
        label, count = events.most_common(1)[0]
        if count * 2 >= len(group.ids):
            return label
    if group.key_terms:
        return _("Reports about %(terms)s") % {"terms": ", ".join(group.key_terms[:3])}
    return _("Unnamed group of %(count)s reports") % {"count": len(group.ids)}


@transaction.atomic
def find_themes(
    organisation: Organisation,
    *,
    actor: User | None = None,
    progress: Callable[[str], None] | None = None,
) -> FindResult:
    """Group the organisation's reports afresh and store the groups as suggested themes."""
    say = progress or (lambda _message: None)
    say(_("Reading reports"))
    items = coded_items(organisation)
    say(_("Grouping %(count)s reports") % {"count": len(items)})
    vectors = default_embedder().embed_many([item.text for item in items]) if items else None
    groups = find_groups(items, vectors) if vectors is not None else []
    stale = Theme.objects.filter(organisation=organisation, status=ThemeStatus.SUGGESTED)
    replaced = stale.count()
    for theme in stale:
        theme.delete()
    curated = {
        theme.pk: (theme.status, set(theme.memberships.values_list("report_id", flat=True)))
        for theme in Theme.objects.filter(
            organisation=organisation,
            status__in=[ThemeStatus.CONFIRMED, ThemeStatus.DISMISSED],
        )
    }
    suggested = 0
    for group in groups:
        members = set(group.ids)
        if any(len(members & ids) >= OVERLAP * len(members) for _s, ids in curated.values()):
            continue
        theme = Theme.objects.create(
            organisation=organisation,
            name=suggest_name(group)[:200],
            status=ThemeStatus.SUGGESTED,
            key_terms=list(group.key_terms),
        )
        ThemeReport.objects.bulk_create(
            ThemeReport(theme=theme, report_id=report_id) for report_id in group.ids
        )
        suggested += 1
    record(
        AuditEventType.THEMES_FOUND,
        actor_id=actor.pk if actor else None,
        organisation=organisation,
        data={"reports": len(items), "suggested": suggested, "replaced": replaced},
    )
    return FindResult(reports=len(items), suggested=suggested, replaced=replaced)
