"""What a theme shows: its trend, why it happens, and what caught it when it was caught."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from candour.core.charts import Chart, period_columns
from candour.learning.models import Alert, Axis, CodedValue, DefenceState, Lesson, Theme
from candour.learning.similar.store import shared_reports
from candour.learning.similar.vectors import report_vectors
from candour.learning.themes.finding import coded_items
from candour.lib.text.clustering import code_vectors
from candour.lib.text.hybrid import fuse
from candour.reporting.models import Report
from candour.reporting.vocabulary import Outcome

if TYPE_CHECKING:
    # For the type only: learning asks for a theme's ideas through the relation, so it
    # does not depend on the ideas app (ADR 0023).
    from candour.ideas.models import Idea

TREND_MONTHS = 18
CAUGHT = frozenset({Outcome.NEAR_MISS})
NOT_CAUGHT = frozenset({Outcome.HARM, Outcome.NO_HARM})
MIN_DIFFERENCE = 0.1


@dataclass(frozen=True)
class Trend:
    months: list[tuple[date, int]]
    chart: Chart
    recent: int  # the last six months
    before: int  # the six months before those

    @property
    def direction_key(self) -> str:
        """rising, falling or steady, untranslated, for comparing one day with the next."""
        if self.recent >= 3 and self.recent >= 1.5 * max(self.before, 1):
            return "rising"
        if self.before >= 3 and self.recent <= 0.67 * self.before:
            return "falling"
        return "steady"

    @property
    def direction(self) -> str:
        return {"rising": _("rising"), "falling": _("falling")}.get(self.direction_key, _("steady"))


@dataclass(frozen=True)
class CodeCount:
    label: str
    count: int
    share: float
    key: str = ""  # the code's key, for a link to its page (factors)


@dataclass(frozen=True)
class Distinction:
    """How often a code appears among near misses that were caught and those that were not."""

    label: str
    caught: int
    caught_share: float
    not_caught: int
    not_caught_share: float

    @property
    def favours_caught(self) -> bool:
        return self.caught_share > self.not_caught_share


@dataclass(frozen=True)
class Profile:
    theme: Theme
    reports: list[Report]
    trend: Trend
    factors: list[CodeCount]
    failed_defences: list[CodeCount]
    reasoning: list[CodeCount]
    caught: int
    not_caught: int
    distinctions: list[Distinction]
    lessons: list[Lesson]
    alerts: list[Alert]
    ideas: list[Idea]


def month_starts(end: date, count: int) -> list[date]:
    months, year, month = [], end.year, end.month
    for _step in range(count):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def trend_for(reports: list[Report], today: date) -> Trend:
    months = month_starts(today, TREND_MONTHS)
    by_month = Counter(report.occurred_month.replace(day=1) for report in reports)
    counts = [(month, by_month.get(month, 0)) for month in months]
    return Trend(
        months=counts,
        chart=period_columns(
            _("Reports in this theme by the month they happened"),
            [date_format(month, "M y") for month, _n in counts],
            [n for _month, n in counts],
            value_heading=_("Reports"),
            table_labels=[date_format(month, "F Y") for month, _n in counts],
        ),
        recent=sum(n for _m, n in counts[-6:]),
        before=sum(n for _m, n in counts[-12:-6]),
    )


def _label(value: CodedValue) -> str:
    code = value.code.current
    if code.axis == Axis.DEFENCE:
        state = _("held") if value.defence_state == DefenceState.HELD else _("failed")
        return f"{code.label} ({state})"
    return code.label


def build_profile(theme: Theme, today: date) -> Profile:
    reports = list(
        theme.reports.filter(redactions_reviewed_at__isnull=False).order_by(
            "-occurred_month", "-pk"
        )
    )
    values = list(
        CodedValue.objects.filter(coding__report__in=reports, coding__is_primary=True)
        .select_related("code__merged_into", "coding")
        .order_by("pk")
    )
    total = len(reports) or 1

    def top(axis: Axis, state: str | None = None) -> list[CodeCount]:
        chosen = [
            value.code.current
            for value in values
            if value.code.current.axis == axis and (state is None or value.defence_state == state)
        ]
        keys = {code.label: code.key for code in chosen}
        counts = Counter(code.label for code in chosen)
        return [CodeCount(label, n, n / total, keys[label]) for label, n in counts.most_common(6)]

    outcome_of = {report.pk: report.outcome for report in reports}
    caught_ids = {pk for pk, outcome in outcome_of.items() if outcome in CAUGHT}
    missed_ids = {pk for pk, outcome in outcome_of.items() if outcome in NOT_CAUGHT}
    return Profile(
        theme=theme,
        reports=reports,
        trend=trend_for(reports, today),
        factors=top(Axis.FACTOR),
        failed_defences=top(Axis.DEFENCE, DefenceState.FAILED),
        reasoning=top(Axis.REASONING),
        caught=len(caught_ids),
        not_caught=len(missed_ids),
        distinctions=distinctions(values, caught_ids, missed_ids),
        lessons=list(Lesson.objects.filter(reports__in=reports).distinct()),
        alerts=list(Alert.objects.filter(report__in=reports).select_related("report")),
        ideas=list(theme.ideas.select_related("team").order_by("-created_at")),
    )


def distinctions(
    values: list[CodedValue], caught_ids: set[int], missed_ids: set[int], limit: int = 6
) -> list[Distinction]:
    """Codes whose share differs most between caught near misses and events that got through.

    Empty unless there are both: the comparison is the point.
    """
    if not caught_ids or not missed_ids:
        return []
    caught: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for value in values:
        if value.code.current.axis == Axis.EVENT:
            continue
        report_id = value.coding.report_id
        if report_id in caught_ids:
            caught[_label(value)] += 1
        elif report_id in missed_ids:
            missed[_label(value)] += 1
    rows = [
        Distinction(
            label,
            caught[label],
            caught[label] / len(caught_ids),
            missed[label],
            missed[label] / len(missed_ids),
        )
        for label in set(caught) | set(missed)
        if caught[label] + missed[label] >= 2
    ]
    # A code as common among the caught as among the rest distinguishes nothing.
    rows = [row for row in rows if abs(row.caught_share - row.not_caught_share) >= MIN_DIFFERENCE]
    rows.sort(key=lambda row: (-abs(row.caught_share - row.not_caught_share), row.label))
    return rows[:limit]


def candidates(theme: Theme, *, limit: int = 8, floor: float = 0.8) -> list[Report]:
    """Reports not in the theme that read and are coded most like its members.

    Ranked by the hybrid search (ADR 0008): closeness to the members' centre (meaning and
    coding), fused with BM25 for the theme's telling words where the similar-reports index
    is built; only reports at least `floor` close to the centre are offered. Vectors come
    from the index, not from embedding the reports on every request.
    """
    items = coded_items(theme.organisation, limit=1000)
    members = set(theme.memberships.values_list("report_id", flat=True))
    if not members or len(items) <= len(members):
        return []
    text = report_vectors([item.id for item in items], [item.text for item in items])
    combined = np.hstack([text, code_vectors(items)])
    combined /= np.linalg.norm(combined, axis=1, keepdims=True).clip(min=1e-9)
    inside = np.array([item.id in members for item in items])
    if not inside.any():
        return []
    centre = combined[inside].mean(axis=0)
    centre /= np.linalg.norm(centre) or 1.0
    scores = combined @ centre
    eligible = {items[i].id: float(scores[i]) for i in range(len(items)) if not inside[i]}
    semantic = sorted(
        ((pk, score) for pk, score in eligible.items() if score >= floor),
        key=lambda pair: (-pair[1], pair[0]),
    )
    lexical: list[tuple[int, float]] = []
    index = shared_reports()
    if index is not None and theme.key_terms and semantic:
        found = index.lexical.search(
            " ".join(theme.key_terms), 200, groups=[theme.organisation_id], exclude=members
        )
        lexical = [(pk, score) for pk, score in found if eligible.get(pk, 0.0) >= floor]
    order = [item.id for item in fuse(lexical, semantic, k=limit)]
    by_id = Report.objects.in_bulk(order)
    return [by_id[pk] for pk in order if pk in by_id]
