"""Did a change work? A theme's reports before and after it (issue 23, ADR 0032).

The stream: the reports of a theme by the month they happened, from up to two years
before the change to the last full month; the month of the change belongs to neither
side, and months before the theme's first report are not counted as months of none.
Judged by ``lib/statistics/change_effect`` (the interrupted time series where there are
8 months before and 4 after, else the exact rate ratio) and said in words with the reason.
Used for an adopted idea raised from the theme (ideas/effect.py) and for an alert acted on.

Only rates a month are shown, never a month's count: a month with one report of a theme
could point at who reported it.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _t

from candour.learning.changes import Change, JudgedChange, StreamEffect, judge, verdict
from candour.learning.models import ThemeReport
from candour.lib.statistics.change_effect import (
    Better,
    Effect,
    Method,
    Outcome,
    Why,
    assess_counts,
)

MONTHS_BEFORE = 24

__all__ = ["StreamEffect", "changes_on_theme", "describe", "theme_effect"]


def _month(day: date, shift: int = 0) -> date:
    index = day.year * 12 + day.month - 1 + shift
    return date(index // 12, index % 12 + 1, 1)


def _months(first: date, last: date) -> list[date]:
    found, month = [], first
    while month <= last:
        found.append(month)
        month = _month(month, 1)
    return found


def theme_report_months(theme_id: int, first: date, last: date) -> Counter[date]:
    """Reports of the theme by the month they happened, between two months inclusive."""
    rows = (
        ThemeReport.objects.filter(
            theme_id=theme_id,
            report__occurred_month__gte=first,
            report__occurred_month__lte=last,
        )
        .values("report__occurred_month")
        .annotate(reports=Count("report", distinct=True))
    )
    return Counter({row["report__occurred_month"]: row["reports"] for row in rows})


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def describe(stream: str, effect: Effect) -> tuple[str, str, str]:
    """(verdict, words, method) for people; every string translated."""
    rates = {
        "stream": stream,
        "before": _rate(effect.before),
        "after": _rate(effect.after),
        "percent": f"{effect.percent:+.0f}%" if effect.percent is not None else "-",
        "low": f"{100 * ((effect.low or 0) - 1):+.0f}%",
        "high": (
            f"{100 * (effect.high - 1):+.0f}%"
            if effect.high is not None and effect.high != float("inf")
            else _t("any rise")
        ),
        "events": effect.events or 0,
    }
    if effect.why is Why.TOO_SOON:
        words = _t("No full month has passed since it was adopted.")
    elif effect.why is Why.TOO_FEW:
        words = (
            _t(
                "Only %(events)s reports before and after together; at least 10 are needed to "
                "say anything."
            )
            % rates
        )
    elif effect.outcome is Outcome.IMPROVED:
        words = (
            _t(
                "%(stream)s went from %(before)s to %(after)s a month (%(percent)s against what "
                "was expected), more than chance would explain: somewhere between %(low)s and "
                "%(high)s."
            )
            % rates
        )
    elif effect.outcome is Outcome.WORSENED:
        words = (
            _t(
                "%(stream)s went from %(before)s to %(after)s a month (%(percent)s against what "
                "was expected), more than chance would explain: somewhere between %(low)s and "
                "%(high)s. Look at what else changed at the same time."
            )
            % rates
        )
    elif effect.outcome is Outcome.NO_CLEAR_CHANGE:
        words = (
            _t(
                "%(stream)s went from %(before)s to %(after)s a month; any change is smaller "
                "than a quarter either way (somewhere between %(low)s and %(high)s)."
            )
            % rates
        )
    else:
        words = (
            _t(
                "%(stream)s went from %(before)s to %(after)s a month, but with so few reports "
                "the change could be anything from %(low)s to %(high)s. More months will narrow it."
            )
            % rates
        )
    if effect.method is Method.INTERRUPTED_SERIES:
        method = _t(
            "Compared with where the trend before was heading (an interrupted time series "
            "over %(before)s months before and %(after)s after), so a fall already under "
            "way is not counted as the idea's."
        ) % {"before": effect.periods_before, "after": effect.periods_after}
    else:
        method = _t(
            "Compared as a rate a month before and after (an exact rate ratio over "
            "%(before)s months before and %(after)s after); with 8 months before and 4 "
            "after, the trend before is taken into account too."
        ) % {"before": effect.periods_before, "after": effect.periods_after}
    return verdict(effect.outcome), words, method


def theme_effect(
    theme_id: int, changed_at: datetime, stream: str, *, today: date | None = None
) -> StreamEffect:
    """The theme's reports before and after ``changed_at``, judged and said in words."""
    today = today or timezone.localdate()
    changed = _month(timezone.localtime(changed_at).date())
    first = _month(changed, -MONTHS_BEFORE)
    last = _month(today, -1)  # the last full month
    counts = theme_report_months(theme_id, first, last)
    before = [counts.get(month, 0) for month in _months(first, _month(changed, -1))]
    after = [counts.get(month, 0) for month in _months(_month(changed, 1), last)]
    # Months before the theme's first report are not months of a steady zero.
    while before and before[0] == 0:
        before.pop(0)
    effect = assess_counts([*before, *after], len(before), better=Better.DOWN)
    said, words, method = describe(_t("Reports of this theme"), effect)
    return StreamEffect(stream, effect, said, words, method)


def changes_on_theme(theme_id: int, *, today: date | None = None) -> list[JudgedChange]:
    """Every change made about the theme, each judged on every stream linked to it from its
    day: the ideas raised from it and adopted (asked through the relation, so learning does
    not depend on the ideas app: the idea's team and feedback come with it), and the alerts
    on its reports that were acted on (the organisation's). Oldest first."""
    from candour.learning.models import Alert, Theme

    theme = Theme.objects.get(pk=theme_id)
    changes: list[tuple[str, Change]] = []
    adopted = theme.ideas.filter(adopted_at__isnull=False).order_by("adopted_at")
    for number, adopted_at, team_id, feedback_id in adopted.values_list(
        "pk", "adopted_at", "team_id", "source_feedback_id"
    ):
        if adopted_at is not None:
            changes.append(
                (
                    _t("After idea %(number)s was adopted") % {"number": number},
                    Change(adopted_at, theme.organisation_id, team_id, (theme_id,), feedback_id),
                )
            )
    acted = (
        Alert.objects.filter(
            report__theme_memberships__theme_id=theme_id, acted_on_at__isnull=False
        )
        .order_by("acted_on_at")
        .values_list("raised_at", "acted_on_at")
        .distinct()
    )
    for raised, acted_on_at in acted:
        if acted_on_at is not None:
            day = timezone.localtime(raised).strftime("%d %B %Y")
            changes.append(
                (
                    _t("After the alert of %(day)s was acted on") % {"day": day},
                    Change(acted_on_at, theme.organisation_id, theme_ids=(theme_id,)),
                )
            )
    return [
        JudgedChange(name, change.changed_at, judge(change, today=today))
        for name, change in sorted(changes, key=lambda item: item[1].changed_at)
    ]
