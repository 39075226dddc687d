"""Did the change work for children and families? Their ratings before and after (issue 23).

The stream for an idea raised from feedback: the ratings (Friends and Family Test, very
good 5 to very poor 1; "don't know" left out) of checked feedback about the same feedback
themes, or the same team's when the feedback has no confirmed theme, in the year before the
change and since. Judged by Welch's difference of means (``lib/statistics/change_effect``,
ADR 0032), needing 10 answers each side: the results pages' own rule that no figure is about
fewer than 10 children. A quarter of a point either way is the smallest change that counts.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _t

from candour.learning.themes.effect import StreamEffect
from candour.lib.statistics.change_effect import Better, Effect, Outcome, Why, mean_difference
from candour.voice.models import Feedback
from candour.voice.vocabulary import FeedbackStatus, Rating

SCORES = {
    Rating.VERY_GOOD: 5,
    Rating.GOOD: 4,
    Rating.NEITHER: 3,
    Rating.POOR: 2,
    Rating.VERY_POOR: 1,
}
YEAR = timedelta(days=365)
MIN_ANSWERS = 10
MATERIAL = 0.25


def _words(effect: Effect) -> tuple[str, str]:
    values = {
        "before": f"{effect.before:.1f}" if effect.before is not None else "-",
        "after": f"{effect.after:.1f}" if effect.after is not None else "-",
        "low": f"{effect.low:+.1f}" if effect.low is not None else "-",
        "high": f"{effect.high:+.1f}" if effect.high is not None else "-",
        "needed": MIN_ANSWERS,
        "answers_before": effect.periods_before,
        "answers_after": effect.periods_after,
    }
    if effect.why is Why.TOO_SOON:
        words = _t("Nobody has answered since the change yet.")
    elif effect.why is Why.TOO_FEW:
        words = (
            _t(
                "%(answers_before)s answers before and %(answers_after)s since; at least "
                "%(needed)s each side are needed before anything is said."
            )
            % values
        )
    elif effect.outcome is Outcome.IMPROVED:
        words = (
            _t(
                "The average rating went from %(before)s to %(after)s out of 5, more than chance "
                "would explain: somewhere between %(low)s and %(high)s."
            )
            % values
        )
    elif effect.outcome is Outcome.WORSENED:
        words = (
            _t(
                "The average rating went from %(before)s to %(after)s out of 5, more than chance "
                "would explain: somewhere between %(low)s and %(high)s. Ask children and "
                "families what changed."
            )
            % values
        )
    elif effect.outcome is Outcome.NO_CLEAR_CHANGE:
        words = (
            _t(
                "The average rating went from %(before)s to %(after)s out of 5; any change is "
                "smaller than a quarter of a point either way."
            )
            % values
        )
    else:
        words = (
            _t(
                "The average rating went from %(before)s to %(after)s out of 5, but the change "
                "could be anything from %(low)s to %(high)s. More answers will narrow it."
            )
            % values
        )
    method = (
        _t(
            "Compared as average ratings of %(answers_before)s answers in the year before and "
            "%(answers_after)s since (Welch's difference of means)."
        )
        % values
    )
    return words, method


def rating_effect(
    feedback: Feedback, changed_at: datetime, stream: str, *, today: date | None = None
) -> StreamEffect:
    """Ratings like the feedback's before and after ``changed_at``, judged and said in words."""
    today = today or timezone.localdate()
    changed = timezone.localtime(changed_at).date()
    themes = list(
        feedback.tags.filter(confirmed_by__isnull=False).values_list("theme_id", flat=True)
    )
    alike = Q(tags__theme_id__in=themes) if themes else Q(team_id=feedback.team_id)
    ratings = (
        Feedback.objects.filter(
            alike,
            organisation_id=feedback.organisation_id,
            status=FeedbackStatus.PUBLISHED,
            rating__in=list(SCORES),
            received_week__gte=changed - YEAR,
            received_week__lte=today,
        )
        .distinct()
        .values_list("received_week", "rating")
    )
    before = [SCORES[Rating(r)] for week, r in ratings if week < changed]
    after = [SCORES[Rating(r)] for week, r in ratings if week > changed]
    effect = mean_difference(
        before, after, better=Better.UP, material=MATERIAL, min_values=MIN_ANSWERS
    )
    verdicts = {
        Outcome.IMPROVED: _t("Improved"),
        Outcome.WORSENED: _t("Worsened"),
        Outcome.NO_CLEAR_CHANGE: _t("No clear change"),
        Outcome.CANNOT_TELL_YET: _t("Cannot tell yet"),
    }
    words, method = _words(effect)
    return StreamEffect(stream, effect, verdicts[effect.outcome], words, method)
