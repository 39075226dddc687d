"""A change and every stream that judges it: "did it work?" (issue 23, ADR 0032).

A change is an adopted idea, or an action on a theme or an alert: when it was made, in
which organisation, for which team (None: the whole organisation), about which themes,
and from which feedback. Learning judges its own stream (each theme's reports,
``themes/effect.py``); the apps that hold the other streams provide them from their
``AppConfig.ready()``, as ``core.hooks`` does for the home page, because they sit above
learning in the house plan (ADR 0023) and learning must not import them:

- ``voice``: children's and families' ratings (``voice/effect.py``);
- ``surveys``: safety culture survey scores (``surveys/effect.py``);
- ``workforce``: leavers, sickness absence and caseloads (``workforce/effect.py``).

The ideas app provides the ideas adopted in a period, for the bulletin. One provider per
key: a second is a mistake and fails loudly. The words for an outcome live here, once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _t

from candour.lib.statistics.change_effect import DIFFERENCES, Effect, Outcome, Why


@dataclass(frozen=True)
class StreamEffect:
    stream: str
    effect: Effect
    verdict: str  # the outcome in a few words, for the tag
    words: str  # what was found and why, in a sentence or two
    method: str

    @property
    def figures(self) -> str:
        """The estimate and its 95% interval as figures ("rate ratio 0.45, 95% interval 0.21
        to 0.93"); empty when there is no interval (too few or too soon)."""
        effect = self.effect
        if effect.estimate is None or effect.low is None or effect.high is None:
            return ""
        if effect.method in DIFFERENCES:
            values = {
                "estimate": f"{effect.estimate:+.2f}",
                "low": f"{effect.low:+.2f}",
                "high": f"{effect.high:+.2f}",
            }
            return _t("difference %(estimate)s, 95%% interval %(low)s to %(high)s") % values
        values = {
            "estimate": f"{effect.estimate:.2f}",
            "low": f"{effect.low:.2f}",
            "high": f"{effect.high:.2f}" if effect.high != float("inf") else "∞",
        }
        return _t("rate ratio %(estimate)s, 95%% interval %(low)s to %(high)s") % values


def verdict(outcome: Outcome) -> str:
    """The outcome in a few words, for the tag (translated)."""
    return {
        Outcome.IMPROVED: _t("Improved"),
        Outcome.WORSENED: _t("Worsened"),
        Outcome.NO_CLEAR_CHANGE: _t("No clear change"),
        Outcome.CANNOT_TELL_YET: _t("Cannot tell yet"),
    }[outcome]


@dataclass(frozen=True)
class Change:
    """Something done that should move its streams. ``team_id`` None: the organisation."""

    changed_at: datetime
    organisation_id: int
    team_id: int | None = None
    theme_ids: tuple[int, ...] = ()
    feedback_id: int | None = None


@dataclass(frozen=True)
class JudgedChange:
    """A change with its name ("Idea 12 adopted: ...") and its streams judged."""

    name: str
    changed_at: datetime
    effects: list[StreamEffect] = field(default_factory=list)


# A stream provider judges a change on the streams its app holds; empty when the change
# has nothing there to judge (no survey wave, no workforce data, no ratings at all).
StreamProvider = Callable[[Change, date | None], list[StreamEffect]]
# The changes an app records in an organisation between two days: (name, change).
ChangesProvider = Callable[[int, date, date], list[tuple[str, Change]]]

_streams: dict[str, StreamProvider] = {}
_changes: dict[str, ChangesProvider] = {}


def provide_stream(key: str, provider: StreamProvider) -> None:
    if key in _streams and _streams[key] is not provider:
        raise RuntimeError(f"a second stream provider for {key!r}")
    _streams[key] = provider


def provide_changes(key: str, provider: ChangesProvider) -> None:
    if key in _changes and _changes[key] is not provider:
        raise RuntimeError(f"a second changes provider for {key!r}")
    _changes[key] = provider


def judge(change: Change, *, today: date | None = None) -> list[StreamEffect]:
    """Every stream linked to the change, judged: the themes' reports first, then the
    providers' streams in a fixed order (ratings, survey, workforce)."""
    from candour.learning.models import Theme
    from candour.learning.themes.effect import theme_effect

    effects = [
        theme_effect(
            theme.pk,
            change.changed_at,
            _t("Reports of the theme “%(name)s”") % {"name": theme.name},
            today=today,
        )
        for theme in Theme.objects.filter(pk__in=change.theme_ids).order_by("name")
    ]
    for key in ("voice", "surveys", "workforce"):
        if key in _streams:
            effects.extend(_streams[key](change, today))
    return effects


def changes_between(organisation_id: int, first: date, last: date) -> list[tuple[str, Change]]:
    """The changes recorded in the organisation between two days inclusive, oldest first:
    alerts acted on (learning's own) and what the providers add (ideas adopted)."""
    from django.utils import timezone

    from candour.learning.models import Alert, ThemeStatus

    found: list[tuple[str, Change]] = []
    acted = Alert.objects.filter(
        organisation_id=organisation_id,
        acted_on_at__date__gte=first,
        acted_on_at__date__lte=last,
    ).select_related("report")
    for alert in acted.order_by("acted_on_at", "pk"):
        if alert.acted_on_at is None:
            continue
        themes = tuple(
            alert.report.themes.filter(status=ThemeStatus.CONFIRMED).values_list("pk", flat=True)
        )
        day = timezone.localtime(alert.raised_at).strftime("%d %B %Y").lstrip("0")
        found.append(
            (
                _t("Action on the alert of %(day)s") % {"day": day},
                Change(alert.acted_on_at, organisation_id, theme_ids=themes),
            )
        )
    for key in sorted(_changes):
        found.extend(_changes[key](organisation_id, first, last))
    return sorted(found, key=lambda item: item[1].changed_at)


def judged_between(
    organisation_id: int, first: date, last: date, *, today: date | None = None
) -> list[JudgedChange]:
    """The period's changes, each judged on every stream linked to it (for the bulletin)."""
    return [
        JudgedChange(name, change.changed_at, judge(change, today=today))
        for name, change in changes_between(organisation_id, first, last)
    ]


def said_difference(
    stream: str,
    effect: Effect,
    *,
    measure: str,
    unit: str,
    decimals: int,
    material: str,
    too_few: str,
    too_soon: str,
    method: str,
) -> StreamEffect:
    """A difference of means (survey scores, workforce rates) said in words: ``measure``
    names what moved ("The average caseload"), ``unit`` follows each figure (" cases"),
    ``material`` is the smallest change that counts, in words; ``too_few`` and
    ``too_soon`` say why nothing can be said yet. Every string is the caller's, translated."""

    def figure(value: float | None, *, signed: bool = False) -> str:
        if value is None:
            return "-"
        return f"{value:+.{decimals}f}{unit}" if signed else f"{value:.{decimals}f}{unit}"

    values = {
        "measure": measure,
        "before": figure(effect.before),
        "after": figure(effect.after),
        "low": figure(effect.low, signed=True),
        "high": figure(effect.high, signed=True),
        "material": material,
    }
    if effect.why is Why.TOO_SOON:
        words = too_soon
    elif effect.why is Why.TOO_FEW:
        words = too_few
    elif effect.outcome in (Outcome.IMPROVED, Outcome.WORSENED):
        words = (
            _t(
                "%(measure)s went from %(before)s to %(after)s, more than chance would explain: "
                "a change of somewhere between %(low)s and %(high)s."
            )
            % values
        )
    elif effect.outcome is Outcome.NO_CLEAR_CHANGE:
        words = (
            _t(
                "%(measure)s went from %(before)s to %(after)s; any change is smaller than "
                "%(material)s either way."
            )
            % values
        )
    else:
        words = (
            _t(
                "%(measure)s went from %(before)s to %(after)s, but the change could be anything "
                "from %(low)s to %(high)s. More time will narrow it."
            )
            % values
        )
    return StreamEffect(stream, effect, verdict(effect.outcome), words, method)
