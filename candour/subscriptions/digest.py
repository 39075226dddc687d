"""What one person's digest says: reads only, through the pages' own scoped querysets.

Every item is something the person could read on a page at the moment the digest is
written: reports only once reviewed and de-identified (``Report.objects.visible_to``,
the /reports/ pages), lessons once published, themes for their learning team, ideas on
their own boards. A report's moment is when it became readable (its review, or the later
coding or theming that matched), never when it was submitted, so the time an email
arrives says nothing about when or by whom something was reported (ADR 0034).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.ideas.models import Idea, IdeaEvent
from candour.ideas.vocabulary import EventKind, IdeaStatus
from candour.learning.models import Coding, Lesson, Theme, ThemeReport
from candour.reporting.models import Report
from candour.reporting.presenters import summarise, team_sizes
from candour.subscriptions.followable import options_for
from candour.subscriptions.models import Subscription, ThemeTrend
from candour.subscriptions.vocabulary import Kind


@dataclass
class Item:
    at: datetime
    heading: str
    path: str
    lines: list[str] = field(default_factory=list)
    because: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Window:
    after: datetime
    until: datetime

    def holds(self, moment: datetime | None) -> bool:
        return moment is not None and self.after < moment <= self.until


def _followed(user: User) -> dict[str, dict[str, str]]:
    """What the person follows and may still see, by kind: target to label."""
    wanted = Subscription.objects.of(user)
    allowed = options_for(user)
    followed: dict[str, dict[str, str]] = {kind: {} for kind in Kind.values}
    for subscription in wanted:
        for option in allowed.get(subscription.kind, []):
            if option.target == subscription.target:
                followed[subscription.kind][option.target] = option.label
    return followed


def _report_moments(
    user: User, followed: dict[str, dict[str, str]], window: Window
) -> dict[int, tuple[datetime, list[str]]]:
    """Reviewed reports that newly match what is followed: id to (moment, reasons)."""
    readable = Report.objects.visible_to(user).filter(redactions_reviewed_at__lte=window.until)
    found: dict[int, tuple[datetime, list[str]]] = {}

    def add(report_id: int, moments: tuple[datetime | None, ...], reason: str) -> None:
        # Readable from the latest of its review and the coding or theming that matched.
        if any(moment is None for moment in moments):
            return
        moment = max(m for m in moments if m is not None)
        if not window.holds(moment):
            return
        earlier, reasons = found.get(report_id, (moment, []))
        found[report_id] = (max(earlier, moment), [*reasons, reason])

    settings = followed[Kind.SETTING]
    if settings:
        rows = readable.filter(
            setting__in=settings, redactions_reviewed_at__gt=window.after
        ).values_list("pk", "setting", "redactions_reviewed_at")
        for pk, setting, reviewed in rows:
            add(pk, (reviewed,), settings[setting])
    factors = followed[Kind.FACTOR]
    if factors:
        codings = (
            Coding.objects.filter(
                report__in=readable,
                is_primary=True,
                submitted_at__lte=window.until,
                values__code__key__in=factors,
            )
            .filter(
                Q(submitted_at__gt=window.after)
                | Q(report__redactions_reviewed_at__gt=window.after)
            )
            .values_list(
                "report_id", "submitted_at", "report__redactions_reviewed_at", "values__code__key"
            )
        )
        for report_id, submitted, reviewed, key in codings:
            add(report_id, (submitted, reviewed), factors[key])
    themes = followed[Kind.THEME]
    if themes:
        memberships = (
            ThemeReport.objects.filter(
                theme_id__in=[int(pk) for pk in themes],
                report__in=readable,
                added_at__lte=window.until,
            )
            .filter(
                Q(added_at__gt=window.after) | Q(report__redactions_reviewed_at__gt=window.after)
            )
            .values_list("report_id", "added_at", "report__redactions_reviewed_at", "theme_id")
        )
        for report_id, added, reviewed, theme_id in memberships:
            add(report_id, (added, reviewed), themes[str(theme_id)])
    return found


def _report_items(user: User, followed: dict[str, dict[str, str]], window: Window) -> list[Item]:
    moments = _report_moments(user, followed, window)
    if not moments:
        return []
    reports = list(Report.objects.visible_to(user).filter(pk__in=moments).select_related("team"))
    sizes = team_sizes({r.team_id for r in reports if r.team_id})
    today = timezone.localdate()
    items = []
    for report in reports:
        summary = summarise(report, today=today, sizes=sizes)
        moment, reasons = moments[report.pk]
        items.append(
            Item(
                at=moment,
                heading=_("Reviewed report %(reference)s") % {"reference": summary.reference},
                path=reverse("reporting:report-detail", args=[report.reference]),
                lines=[
                    _("%(outcome)s, %(setting)s, %(month)s. Team: %(team)s.")
                    % {
                        "outcome": summary.outcome,
                        "setting": summary.setting,
                        "month": summary.month,
                        "team": summary.team,
                    },
                    summary.excerpt,
                ],
                because=reasons,
            )
        )
    return items


def _lesson_items(user: User, followed: dict[str, dict[str, str]], window: Window) -> list[Item]:
    settings, factors, themes = (
        followed[Kind.SETTING],
        followed[Kind.FACTOR],
        followed[Kind.THEME],
    )
    if not (settings or factors or themes):
        return []
    readable = Report.objects.visible_to(user)
    lessons = (
        Lesson.objects.visible_to(user)
        .published()
        .filter(published_at__gt=window.after, published_at__lte=window.until)
    )
    items = []
    for lesson in lessons:
        reports = lesson.reports.filter(pk__in=readable.values("pk"))
        reasons = [settings[s] for s in reports.values_list("setting", flat=True) if s in settings]
        if factors:
            keys = Coding.objects.filter(
                report__in=reports, is_primary=True, values__code__key__in=factors
            ).values_list("values__code__key", flat=True)
            reasons += [factors[key] for key in keys]
        if themes:
            theme_ids = ThemeReport.objects.filter(
                report__in=reports, theme_id__in=[int(pk) for pk in themes]
            ).values_list("theme_id", flat=True)
            reasons += [themes[str(pk)] for pk in theme_ids]
        if reasons:
            items.append(
                Item(
                    at=lesson.published_at or window.until,
                    heading=_("New lesson: %(title)s") % {"title": lesson.title},
                    path=reverse("learning:lesson", args=[lesson.pk]),
                    because=list(dict.fromkeys(reasons)),
                )
            )
    return items


_DIRECTIONS = {
    "rising": lambda: _("rising"),
    "falling": lambda: _("falling"),
    "steady": lambda: _("steady"),
}


def _theme_items(user: User, followed: dict[str, dict[str, str]], window: Window) -> list[Item]:
    themes = followed[Kind.THEME]
    if not themes:
        return []
    visible = Theme.objects.for_learning_team(user).filter(pk__in=[int(pk) for pk in themes])
    trends = ThemeTrend.objects.filter(
        theme__in=visible, changed_at__gt=window.after, changed_at__lte=window.until
    )
    return [
        Item(
            at=trend.changed_at or window.until,
            heading=_("Theme “%(name)s” is now %(direction)s")
            % {
                "name": themes[str(trend.theme_id)],
                "direction": _DIRECTIONS.get(trend.direction, _DIRECTIONS["steady"])(),
            },
            path=reverse("learning:theme", args=[trend.theme_id]),
            because=[themes[str(trend.theme_id)]],
        )
        for trend in trends
    ]


def _idea_items(user: User, followed: dict[str, dict[str, str]], window: Window) -> list[Item]:
    teams = followed[Kind.TEAM]
    if not teams:
        return []
    ideas = Idea.objects.visible_to(user).filter(team_id__in=[int(pk) for pk in teams])
    items = [
        Item(
            at=idea.created_at,
            heading=_("New idea: %(title)s") % {"title": idea.title},
            path=reverse("ideas:idea", args=[idea.pk]),
            because=[teams[str(idea.team_id)]],
        )
        for idea in ideas.filter(created_at__gt=window.after, created_at__lte=window.until)
    ]
    moves = IdeaEvent.objects.filter(
        idea__in=ideas, kind=EventKind.STATUS, at__gt=window.after, at__lte=window.until
    ).select_related("idea")
    for event in moves:
        items.append(
            Item(
                at=event.at,
                heading=_("Idea moved to “%(status)s”: %(title)s")
                % {"status": IdeaStatus(event.to_status).label, "title": event.idea.title},
                path=reverse("ideas:idea", args=[event.idea_id]),
                because=[teams[str(event.idea.team_id)]],
            )
        )
    return items


def items_for(user: User, window: Window) -> list[Item]:
    """Everything new for the person in the window, oldest first."""
    followed = _followed(user)
    items = [
        *_lesson_items(user, followed, window),
        *_report_items(user, followed, window),
        *_theme_items(user, followed, window),
        *_idea_items(user, followed, window),
    ]
    return sorted(items, key=lambda item: item.at)
