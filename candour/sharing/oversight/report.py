"""The monthly access report: who looked up which child, when, from which setting,
refused lookups included (ADR 0025). Reads only.

A setting's Caldicott Guardian sees every lookup its people and systems made; a local
authority sees every lookup that found one of its children (a refused or unmatched lookup
keeps no NHS number, so it cannot be tied to a child). The child is named by the flag's
reference, never by NHS number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candour.core.models import Organisation
from candour.lib.access_patterns import Access, Pattern, unusual
from candour.sharing.models import Attendance, Lookup, SharingSetting

PATTERN_WORDS = {
    "many_lookups": gettext_lazy("%(count)s lookups this month: far more than others"),
    "many_children": gettext_lazy("found %(count)s different flagged children"),
    "same_child": gettext_lazy("looked up one child %(count)s times"),
    "refusals": gettext_lazy("%(count)s refused lookups"),
    "burst": gettext_lazy("%(count)s lookups within one hour"),
}


@dataclass(frozen=True)
class Month:
    start: dt.date

    @classmethod
    def parse(cls, text: str | None, today: dt.date) -> Month:
        """``YYYY-MM``; the current month when blank or not a month."""
        try:
            year, month = (int(part) for part in (text or "").split("-"))
            return cls(dt.date(year, month, 1))
        except ValueError:
            return cls(today.replace(day=1))

    @property
    def end(self) -> dt.date:
        """The first day of the next month."""
        return (self.start + dt.timedelta(days=32)).replace(day=1)

    @property
    def previous(self) -> Month:
        return Month((self.start - dt.timedelta(days=1)).replace(day=1))

    @property
    def code(self) -> str:
        return self.start.strftime("%Y-%m")

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        zone = timezone.get_current_timezone()
        return (
            dt.datetime.combine(self.start, dt.time(), tzinfo=zone),
            dt.datetime.combine(self.end, dt.time(), tzinfo=zone),
        )


@dataclass(frozen=True)
class ReportRow:
    asked_at: dt.datetime
    setting: str
    asked_by: str
    who: str  # the stable key the patterns group by
    reason: str
    result: str
    children: tuple[str, ...]
    authorities: tuple[str, ...]
    refused: bool
    unusual: bool = False


@dataclass(frozen=True)
class Report:
    month: Month
    title: str
    rows: tuple[ReportRow, ...]
    patterns: tuple[tuple[str, str], ...] = field(default=())  # (who, what), in words

    @property
    def refused(self) -> int:
        return sum(row.refused for row in self.rows)


def _asked_by(lookup: Lookup) -> tuple[str, str]:
    """How the report names who asked, and the stable key patterns group by."""
    if lookup.asked_by is not None:
        return lookup.asked_by.full_name, f"user:{lookup.asked_by_id}"
    prefix = lookup.key.prefix if lookup.key else "-"
    name = lookup.requested_by or _("(not named)")
    return _("%(who)s (key %(prefix)s)") % {"who": name, "prefix": prefix}, (
        f"key:{prefix}:{lookup.requested_by.casefold()}"
    )


def _result(lookup: Lookup, ended_shown: bool) -> str:
    if lookup.refusal:
        return _("Refused: %(why)s") % {"why": lookup.get_refusal_display()}
    if lookup.found:
        return _("Plan found")
    if ended_shown:
        return _("Ended plan shown")
    return _("No current plan")


def _rows(lookups: Iterable[Lookup], attendances: dict[int, list[Attendance]]) -> list[ReportRow]:
    rows = []
    for lookup in lookups:
        asked_by, who = _asked_by(lookup)
        seen = attendances.get(lookup.pk, [])
        rows.append(
            ReportRow(
                asked_at=lookup.asked_at,
                setting=lookup.setting.organisation.name,
                asked_by=asked_by,
                who=who,
                reason=lookup.get_reason_display() if lookup.reason else "",
                result=_result(lookup, ended_shown=bool(seen)),
                children=tuple(a.flag.reference for a in seen),
                authorities=tuple(dict.fromkeys(a.flag.organisation.name for a in seen)),
                refused=bool(lookup.refusal),
            )
        )
    return rows


def _with_patterns(month: Month, title: str, rows: list[ReportRow]) -> Report:
    found: list[Pattern] = unusual(
        Access(row.who, child, row.refused, row.asked_at)
        for row in rows
        for child in (row.children or (None,))
    )
    flagged = {pattern.who for pattern in found}
    names = {row.who: row.asked_by for row in rows}
    words = tuple((names[p.who], str(PATTERN_WORDS[p.kind]) % {"count": p.count}) for p in found)
    return Report(
        month=month,
        title=title,
        rows=tuple(ReportRow(**{**row.__dict__, "unusual": row.who in flagged}) for row in rows),
        patterns=words,
    )


def _attendances_by_lookup(lookup_ids: list[int], **scope: object) -> dict[int, list[Attendance]]:
    grouped: dict[int, list[Attendance]] = {}
    for attendance in (
        Attendance.objects.filter(lookup_id__in=lookup_ids, **scope)
        .select_related("flag__organisation")
        .order_by("pk")
    ):
        grouped.setdefault(attendance.lookup_id, []).append(attendance)
    return grouped


def setting_report(setting: SharingSetting, month: Month) -> Report:
    """Every lookup the setting's people and systems made in the month, refused ones too."""
    start, end = month.bounds()
    lookups = list(
        Lookup.objects.filter(setting=setting, asked_at__gte=start, asked_at__lt=end)
        .select_related("asked_by", "key", "setting__organisation")
        .order_by("asked_at", "pk")
    )
    attendances = _attendances_by_lookup([lookup.pk for lookup in lookups])
    return _with_patterns(month, setting.organisation.name, _rows(lookups, attendances))


def authority_report(organisation: Organisation, month: Month) -> Report:
    """Every lookup in the month, from any setting, that found one of the authority's
    children (current plans and plans ended in the last year)."""
    start, end = month.bounds()
    lookup_ids = list(
        Attendance.objects.filter(
            flag__organisation=organisation,
            lookup__asked_at__gte=start,
            lookup__asked_at__lt=end,
        )
        .values_list("lookup_id", flat=True)
        .distinct()
    )
    lookups = list(
        Lookup.objects.filter(pk__in=lookup_ids)
        .select_related("asked_by", "key", "setting__organisation")
        .order_by("asked_at", "pk")
    )
    attendances = _attendances_by_lookup(lookup_ids, flag__organisation=organisation)
    return _with_patterns(month, organisation.name, _rows(lookups, attendances))
