"""Display values for reports: highlighted redactions, queues and de-identified views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candour.accounts.roles import Role
from candour.core.models import Team
from candour.lib.deid import Policy, Span, detect_many
from candour.reporting.models import Report
from candour.reporting.vocabulary import (
    NARRATIVE_FIELDS,
    Factor,
    Outcome,
    PartOfDay,
    Setting,
    Status,
)

# Fewer possible senders than this and a team's name would point at a person.
MIN_TEAM_SIZE_TO_NAME = 5

FIELD_LABELS = {
    "what_happened": gettext_lazy("What happened"),
    "what_caught_it": gettext_lazy("What caught it"),
    "what_made_it_likely": gettext_lazy("What made it more likely"),
    "what_would_prevent": gettext_lazy("What would stop it happening again"),
}


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str | None = None
    index: int | None = None


@dataclass(frozen=True)
class HighlightedField:
    name: str
    label: str
    segments: list[Segment]
    detections: list[tuple[int, str, str]]  # index, kind, the words


def highlight(
    raw: dict[str, str], redactions: dict[str, list[dict[str, object]]]
) -> list[HighlightedField]:
    fields = []
    for name in NARRATIVE_FIELDS:
        text = raw.get(name, "")
        spans = [Span.from_dict(item) for item in redactions.get(name, [])]
        segments: list[Segment] = []
        cursor = 0
        for index, span in enumerate(sorted(spans, key=lambda s: s.start)):
            if span.start > cursor:
                segments.append(Segment(text[cursor : span.start]))
            segments.append(Segment(text[span.start : span.end], span.kind.value, index))
            cursor = max(cursor, span.end)
        if cursor < len(text):
            segments.append(Segment(text[cursor:]))
        detections = [
            (index, span.kind.value.replace("_", " "), text[span.start : span.end])
            for index, span in enumerate(sorted(spans, key=lambda s: s.start))
        ]
        fields.append(HighlightedField(name, str(FIELD_LABELS[name]), segments, detections))
    return fields


def preview_removals(
    narrative: dict[str, str], policy: Policy
) -> tuple[list[HighlightedField], int]:
    """What the de-identifier will take out, shown to the reporter before they send (the
    same detection that runs on sending), and how many pieces it found."""
    detected = detect_many([narrative.get(name, "") for name in NARRATIVE_FIELDS], policy)
    redactions = {
        name: [span.to_dict() for span in spans]
        for name, spans in zip(NARRATIVE_FIELDS, detected, strict=True)
    }
    return highlight(narrative, redactions), sum(len(spans) for spans in detected)


def team_sizes(team_ids: set[int]) -> dict[int, int]:
    return dict(
        Team.objects.filter(pk__in=team_ids)
        .annotate(
            size=Count(
                "memberships",
                filter=Q(memberships__role=Role.STAFF, memberships__revoked_at__isnull=True),
            )
        )
        .values_list("pk", "size")
    )


def safe_team_name(report: Report, sizes: dict[int, int]) -> str:
    if report.team_id is None:
        return _("Not given")
    if sizes.get(report.team_id, 0) < MIN_TEAM_SIZE_TO_NAME:
        return _("Not shown (small team)")
    return report.team.name if report.team else ""


@dataclass(frozen=True)
class ReportSummary:
    reference: str
    outcome: str
    setting: str
    month: str
    part_of_day: str
    status: str
    status_value: str
    received: str
    due: str
    overdue: bool
    assigned: str
    team: str
    excerpt: str
    harmed: bool = False


# The triage queue's order: where a child or family was harmed first, free lessons last.
HARM_ORDER = (Outcome.HARM, Outcome.NO_HARM, Outcome.NEAR_MISS, Outcome.FREE_LESSON)


def harm_rank() -> Case:
    """0 for harm, rising with less harm: the queue sorts on it before the due date."""
    return Case(
        *(When(outcome=value, then=Value(rank)) for rank, value in enumerate(HARM_ORDER)),
        default=Value(len(HARM_ORDER)),
        output_field=IntegerField(),
    )


def summarise(report: Report, *, today: date, sizes: dict[int, int]) -> ReportSummary:
    excerpt = report.what_happened
    if len(excerpt) > 160:
        excerpt = excerpt[:157].rsplit(" ", 1)[0] + "…"
    return ReportSummary(
        reference=report.reference,
        outcome=str(Outcome(report.outcome).label),
        setting=str(Setting(report.setting).label),
        month=date_format(report.occurred_month, "F Y"),
        part_of_day=str(PartOfDay(report.part_of_day).label),
        status=str(Status(report.status).label),
        status_value=report.status,
        received=_("Week of %(date)s") % {"date": date_format(report.received_week, "j F Y")},
        due=date_format(report.due_on, "j F Y"),
        overdue=report.status != Status.CLOSED and report.due_on < today,
        assigned=report.assigned_to.full_name if report.assigned_to else _("Nobody"),
        team=safe_team_name(report, sizes),
        excerpt=excerpt,
        harmed=report.outcome == Outcome.HARM,
    )


def factor_labels(codes: list[str]) -> list[str]:
    labels = []
    for code in codes:
        try:
            labels.append(str(Factor(code).label))
        except ValueError:
            labels.append(code)
    return labels


def deidentified_fields(report: Report) -> list[tuple[str, str]]:
    return [
        (str(FIELD_LABELS[name]), getattr(report, name))
        for name in NARRATIVE_FIELDS
        if getattr(report, name)
    ]
