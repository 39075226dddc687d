"""Did the change work for children and families? Their ratings before and after (issue 23).

The stream for an idea raised from feedback: the ratings (Friends and Family Test, very
good 5 to very poor 1; "don't know" left out) of checked feedback about the same feedback
themes, or the same team's when the feedback has no confirmed theme, in the year before the
change and since. For an action on a learning theme (or an alert on its reports) linked to
feedback themes, the ratings of feedback confirmed as about those; with no link, the
team's or the whole organisation's, and the stream's name says which. Judged by Welch's
difference of means (``lib/statistics/change_effect``, ADR 0032), needing 10 answers each
side: the results pages' own rule that no figure is about fewer than 10 children. A quarter
of a point either way is the smallest change that counts.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _t

from candour.learning.changes import Change, StreamEffect, verdict
from candour.lib.statistics.change_effect import Better, Effect, Outcome, Why, mean_difference
from candour.voice.models import Feedback, FeedbackTheme
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


def _ratings_effect(
    alike: Q, organisation_id: int, changed_at: datetime, stream: str, today: date | None
) -> StreamEffect | None:
    """Ratings of checked feedback matching ``alike`` before and after ``changed_at``;
    None when there are no ratings at all in the window (no stream to judge)."""
    today = today or timezone.localdate()
    changed = timezone.localtime(changed_at).date()
    ratings = list(
        Feedback.objects.filter(
            alike,
            organisation_id=organisation_id,
            status=FeedbackStatus.PUBLISHED,
            rating__in=list(SCORES),
            received_week__gte=changed - YEAR,
            received_week__lte=today,
        )
        .distinct()
        .values_list("received_week", "rating")
    )
    if not ratings:
        return None
    before = [SCORES[Rating(r)] for week, r in ratings if week < changed]
    after = [SCORES[Rating(r)] for week, r in ratings if week > changed]
    effect = mean_difference(
        before, after, better=Better.UP, material=MATERIAL, min_values=MIN_ANSWERS
    )
    words, method = _words(effect)
    return StreamEffect(stream, effect, verdict(effect.outcome), words, method)


def _alike(feedback: Feedback) -> Q:
    """Feedback about the same confirmed feedback themes, or the same team's if none."""
    themes = list(
        feedback.tags.filter(confirmed_by__isnull=False).values_list("theme_id", flat=True)
    )
    return Q(tags__theme_id__in=themes) if themes else Q(team_id=feedback.team_id)


def rating_effect(
    feedback: Feedback, changed_at: datetime, stream: str, *, today: date | None = None
) -> StreamEffect:
    """Ratings like the feedback's before and after ``changed_at``, judged and said in words."""
    found = _ratings_effect(_alike(feedback), feedback.organisation_id, changed_at, stream, today)
    if found is None:
        effect = mean_difference([], [], material=MATERIAL, min_values=MIN_ANSWERS)
        words, method = _words(effect)
        return StreamEffect(stream, effect, verdict(effect.outcome), words, method)
    return found


def rating_stream(change: Change, today: date | None) -> list[StreamEffect]:
    """The change's ratings stream: for a change raised from feedback, ratings of feedback
    about the same feedback themes (or the same team's); for a change about learning themes
    linked to feedback themes (issue 23), ratings of feedback confirmed as about those;
    else the team's ratings, or the whole organisation's, and the stream's name says which."""
    if change.feedback_id is not None:
        feedback = Feedback.objects.filter(
            pk=change.feedback_id, organisation_id=change.organisation_id
        ).first()
        if feedback is not None:
            return [
                rating_effect(
                    feedback,
                    change.changed_at,
                    _t("Children's and families' ratings of what the feedback was about"),
                    today=today,
                )
            ]
    linked = list(
        FeedbackTheme.objects.filter(
            organisation_id=change.organisation_id, learning_themes__pk__in=change.theme_ids
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    if linked:
        alike, stream = (
            Q(tags__theme_id__in=linked, tags__confirmed_by__isnull=False),
            _t("Children's and families' ratings of feedback on the linked themes"),
        )
    elif change.team_id is not None:
        alike, stream = (
            Q(team_id=change.team_id),
            _t("Children's and families' ratings of the team"),
        )
    else:
        alike = Q()
        stream = _t("Children's and families' ratings across the organisation")
    found = _ratings_effect(alike, change.organisation_id, change.changed_at, stream, today)
    return [] if found is None else [found]
