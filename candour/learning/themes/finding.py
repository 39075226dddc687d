"""Finding recurring themes (error traps) in an organisation's reviewed reports.

Each run replaces the themes Candour suggested last time and nobody has touched; themes
an analyst confirmed, dismissed or merged are never changed by it. A group that mostly
repeats a dismissed theme is not suggested again, nor one that mostly repeats a
confirmed theme (its new reports are offered on that theme's page instead).
"""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext as _

from candour.core.models import Organisation
from candour.learning.models import Axis, Code, CodedValue
from candour.learning.similar.store import TEXT_FIELDS, indexed_text
from candour.lib.text.clustering import MAX_REPORTS, Group, Item
from candour.reporting.models import Report


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
