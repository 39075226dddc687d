"""Did the change work for the workforce? Leavers, sickness absence and caseloads before
and after (issue 23).

The streams for a change (``learning/changes.py``, ADR 0032), month by month as the
workforce pages count them (``indicators.py``): the change's team, or the whole
organisation when the change has no team or the team had fewer than 5 social workers in
post (the workforce pages' own small-group rule), in up to 12 months before the month of
the change and the months since, up to the last full month with imported data; the month
of the change is on neither side.

- Leavers are events: people leaving the council each month per FTE in post, judged by
  ``assess_counts`` (the exact rate ratio, or the interrupted time series with 8 months
  before and 4 after), needing 10 leavers before and after together; a team loses one or
  two people a year, so this mostly says "cannot yet tell", which is the truth.
- Sickness absence (the month's rate, %) and the average caseload are monthly values,
  judged by a segmented regression (interrupted time series) where there are 8 months
  before and 4 after, so a drift already under way is not credited, else by Welch's
  difference of means over months, needing 3 months either side; one percentage point
  of absence and two cases are the smallest changes that count.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _t

from candour.core.models import Organisation
from candour.learning.changes import Change, StreamEffect, said_difference, verdict
from candour.lib.statistics import workforce
from candour.lib.statistics.change_effect import (
    Better,
    Effect,
    Method,
    Outcome,
    Why,
    assess_counts,
    assess_values,
)
from candour.workforce.indicators import (
    SMALLEST_GROUP,
    PeriodIndicators,
    WorkforceRows,
    load_rows,
    month_end,
    period_indicators,
)

MONTHS_BEFORE = 12
MIN_MONTHS = 3
ABSENCE_MATERIAL = 1.0  # percentage points
CASELOAD_MATERIAL = 2.0  # cases per FTE


def _shift(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return month_end(date(index // 12, index % 12 + 1, 1))


def _leavers(rows: WorkforceRows, end: date) -> int:
    """Social workers (not agency) who left the council in the month ending ``end``."""
    start = end.replace(day=1)
    return sum(
        1
        for post in rows.posts
        if workforce.is_social_worker_role(post.role)
        and not post.agency
        and post.ended_on is not None
        and start <= post.ended_on <= end
        and post.pk not in rows.moves
    )


def _leavers_effect(stream: str, effect: Effect) -> StreamEffect:
    per = {
        "before": f"{100 * effect.before:.1f}" if effect.before is not None else "-",
        "after": f"{100 * effect.after:.1f}" if effect.after is not None else "-",
        "percent": f"{effect.percent:+.0f}%" if effect.percent is not None else "-",
        "low": f"{100 * ((effect.low or 0) - 1):+.0f}%",
        "high": (
            f"{100 * (effect.high - 1):+.0f}%"
            if effect.high is not None and effect.high != float("inf")
            else _t("any rise")
        ),
    }
    if effect.why is Why.TOO_SOON:
        words = _t("No full month of workforce data has come in since the change.")
    elif effect.why is Why.TOO_FEW:
        words = _t("Fewer than 10 people left before and after together: too few to say anything.")
    elif effect.outcome in (Outcome.IMPROVED, Outcome.WORSENED):
        words = (
            _t(
                "Leavers went from %(before)s to %(after)s a month for every 100 full-time "
                "posts (%(percent)s), more than chance would explain: somewhere between "
                "%(low)s and %(high)s."
            )
            % per
        )
    elif effect.outcome is Outcome.NO_CLEAR_CHANGE:
        words = (
            _t(
                "Leavers went from %(before)s to %(after)s a month for every 100 full-time "
                "posts; any change is smaller than a quarter either way."
            )
            % per
        )
    else:
        words = (
            _t(
                "Leavers went from %(before)s to %(after)s a month for every 100 full-time "
                "posts, but the change could be anything from %(low)s to %(high)s."
            )
            % per
        )
    months = {"before": effect.periods_before, "after": effect.periods_after}
    if effect.method is Method.INTERRUPTED_SERIES:
        method = (
            _t(
                "Compared with where the trend before was heading (an interrupted time series "
                "over %(before)s months before and %(after)s after)."
            )
            % months
        )
    else:
        method = (
            _t(
                "Compared as leavers for each full-time post a month, before and after (an "
                "exact rate ratio over %(before)s months before and %(after)s after)."
            )
            % months
        )
    return StreamEffect(stream, effect, verdict(effect.outcome), words, method)


def _absence(month: PeriodIndicators) -> float | None:
    return month.absence_rate


def _caseload(month: PeriodIndicators) -> float | None:
    return month.average_caseload


def workforce_stream(change: Change, today: date | None) -> list[StreamEffect]:
    """The change's workforce streams, judged; empty when nothing has been imported."""
    organisation = Organisation.objects.get(pk=change.organisation_id)
    rows = load_rows(organisation)
    latest = rows.latest_date()
    if latest is None:
        return []
    today = today or timezone.localdate()
    changed = month_end(timezone.localtime(change.changed_at).date())
    last = min(month_end(latest), _shift(today, -1))
    unit = _t("the organisation")
    if change.team_id is not None:
        team_rows = rows.for_team(change.team_id)
        if period_indicators(team_rows, changed).people_in_post >= SMALLEST_GROUP:
            rows, unit = team_rows, _t("the team")
    before_ends = [_shift(changed, -n) for n in range(MONTHS_BEFORE, 0, -1)]
    after_ends = []
    end = _shift(changed, 1)
    while end <= last:
        after_ends.append(end)
        end = _shift(end, 1)
    months: list[PeriodIndicators] = [period_indicators(rows, e) for e in before_ends + after_ends]
    # Months before anyone was in post are not months of nobody leaving.
    while months and months[0].in_post_fte <= 0:
        months.pop(0)
    split = sum(1 for m in months if m.period < changed)
    staffed = [(m, m.in_post_fte > 0) for m in months]
    counts = [_leavers(rows, m.period) if ok else 0 for m, ok in staffed]
    exposure = [m.in_post_fte if ok else 0.0 for m, ok in staffed]
    named = {"unit": unit}
    effects = [
        _leavers_effect(
            _t("Workforce: leavers in %(unit)s") % named,
            assess_counts(counts, split, exposure, better=Better.DOWN),
        )
    ]
    months_words = {"smallest": MIN_MONTHS}
    scored = (
        (
            _t("Workforce: sickness absence in %(unit)s") % named,
            _t("The sickness absence rate"),
            "%",
            1,
            ABSENCE_MATERIAL,
            _t("one percentage point"),
            _absence,
        ),
        (
            _t("Workforce: average caseload in %(unit)s") % named,
            _t("The average caseload"),
            "",
            1,
            CASELOAD_MATERIAL,
            _t("two cases"),
            _caseload,
        ),
    )
    for stream, measure, sign, decimals, material, material_words, value in scored:
        values = [value(m) for m in months]
        if all(v is None for v in values):
            continue
        effect = assess_values(
            values, split, better=Better.DOWN, material=material, min_values=MIN_MONTHS
        )
        periods = {"before": effect.periods_before, "after": effect.periods_after}
        if effect.method is Method.INTERRUPTED_MEANS:
            method = (
                _t(
                    "Compared with where the trend before was heading (an interrupted time "
                    "series over %(before)s months before and %(after)s after), so a change "
                    "already under way is not counted as this one's."
                )
                % periods
            )
        else:
            method = (
                _t(
                    "Compared as the monthly figures of up to 12 months before the change and "
                    "the months since (Welch's difference of means); with fewer than "
                    "%(smallest)s months either side nothing is said, and with 8 before and 4 "
                    "after the trend before is taken into account too."
                )
                % months_words
            )
        effects.append(
            said_difference(
                stream,
                effect,
                measure=measure,
                unit=sign,
                decimals=decimals,
                material=material_words,
                too_few=_t(
                    "Fewer than %(smallest)s months with figures before the change or since: "
                    "too few to say anything."
                )
                % months_words,
                too_soon=_t("No full month of workforce data has come in since the change."),
                method=method,
            )
        )
    return effects
