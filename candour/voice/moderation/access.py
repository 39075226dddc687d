"""Reads for the learning team's feedback pages and for "you said, we did".

Checking (moderating) feedback is for the organisation's analysts only; anyone else,
managers included, gets "not found". "You said, we did" is for everyone who works in the
organisation, and holds only what staff wrote.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import Organisation, Team
from candour.voice.models import (
    Feedback,
    FeedbackReply,
    FeedbackTheme,
    FeedbackThemeTag,
    SafeguardingAlert,
)
from candour.voice.querysets import FeedbackQuerySet
from candour.voice.vocabulary import FeedbackStatus

YOU_SAID_ROLES = (Role.STAFF, Role.MANAGER, Role.ANALYST, Role.ORG_ADMIN)


def check_learning_team(user: User) -> None:
    """Not found for anyone who is not an analyst somewhere."""
    if not user.organisation_ids_with_role(Role.ANALYST):
        raise Http404


@dataclass(frozen=True)
class Queue:
    feedback: FeedbackQuerySet
    status: str
    counts: dict[str, int]


def moderation_queue(user: User, status: str | None) -> Queue:
    """The learning team's feedback with one status (waiting to be checked unless asked
    otherwise), oldest first, and how many there are of each status."""
    check_learning_team(user)
    everything = Feedback.objects.for_learning_team(user)
    found = dict(
        everything.order_by().values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    chosen = status if status in FeedbackStatus.values else FeedbackStatus.NEW
    feedback = (
        everything.filter(status=chosen)
        .select_related("team", "organisation", "safeguarding_alert")
        .order_by("received_week", "pk")
    )
    counts = {value: found.get(value, 0) for value in FeedbackStatus.values}
    return Queue(feedback, chosen, counts)


def get_feedback_for_moderator(user: User, pk: int) -> Feedback:
    feedback = (
        Feedback.objects.for_learning_team(user)
        .filter(pk=pk)
        .select_related("organisation", "team", "data_key", "moderated_by")
        .first()
    )
    if feedback is None:
        raise Http404
    return feedback


def alert_on(feedback: Feedback) -> SafeguardingAlert | None:
    return SafeguardingAlert.objects.filter(feedback=feedback).first()


def themes_of(organisation: Organisation) -> list[FeedbackTheme]:
    """The themes analysts can choose from: retired ones are not offered."""
    return list(
        FeedbackTheme.objects.filter(organisation=organisation, retired=False).order_by(
            "label", "pk"
        )
    )


def tagged(feedback: Feedback) -> dict[int, bool]:
    """The feedback's themes: theme id to whether only suggested (not yet confirmed)."""
    return {tag.theme_id: tag.confirmed_by_id is None for tag in feedback.tags.all()}


def replies_to(feedback: Feedback) -> list[FeedbackReply]:
    return list(feedback.replies.select_related("theme", "team"))


def you_said_organisations(user: User) -> list[Organisation]:
    allowed: set[int] = set()
    for role in YOU_SAID_ROLES:
        allowed |= user.organisation_ids_with_role(role)
    return list(Organisation.objects.filter(pk__in=allowed).order_by("name"))


@dataclass(frozen=True)
class YouSaidWeDid:
    organisations: list[Organisation]
    organisation: Organisation
    teams: list[Team]
    # None: the answers for the whole service rather than one team.
    team: Team | None
    replies: list[FeedbackReply]


def _home_team(user: User, teams: list[Team]) -> Team | None:
    mine = user.team_ids_with_role(Role.STAFF) | user.team_ids_with_role(Role.MANAGER)
    return next((team for team in teams if team.pk in mine), None)


def you_said_we_did(user: User, organisation: str | None, team: str | None) -> YouSaidWeDid:
    """The answers for the team asked for (else the person's own team, else the whole
    service), newest first; not found for anyone outside the organisation."""
    organisations = you_said_organisations(user)
    if not organisations:
        raise Http404
    chosen = organisations[0]
    if organisation:
        found = next((o for o in organisations if str(o.pk) == organisation), None)
        if found is None:
            raise Http404
        chosen = found
    teams = list(Team.objects.filter(organisation=chosen).order_by("name"))
    picked: Team | None
    if team is None:
        picked = _home_team(user, teams)
    elif team == "":
        picked = None
    else:
        picked = next((t for t in teams if str(t.pk) == team), None)
        if picked is None:
            raise Http404
    replies = list(
        FeedbackReply.objects.filter(organisation=chosen, team=picked)
        .select_related("theme", "team", "feedback")
        .order_by("-created_at", "-pk")[:200]
    )
    return YouSaidWeDid(organisations, chosen, teams, picked, replies)


def get_theme_for_moderator(user: User, pk: int) -> FeedbackTheme:
    """A theme of an organisation where the person is in the learning team; else not found."""
    theme = (
        FeedbackTheme.objects.filter(
            organisation_id__in=user.organisation_ids_with_role(Role.ANALYST)
        )
        .filter(pk=pk)
        .select_related("organisation")
        .first()
    )
    if theme is None:
        raise Http404
    return theme


@dataclass(frozen=True)
class ThemeRow:
    theme: FeedbackTheme
    # Published feedback a person has confirmed is about the theme.
    confirmed: int
    replies: int


def themes_for_moderator(user: User) -> list[ThemeRow]:
    """The learning team's themes, with how much checked feedback and how many answers
    each has."""
    check_learning_team(user)
    themes = (
        FeedbackTheme.objects.filter(
            organisation_id__in=user.organisation_ids_with_role(Role.ANALYST)
        )
        .select_related("organisation")
        .annotate(
            confirmed=Count(
                "tags__feedback",
                filter=Q(
                    tags__confirmed_by__isnull=False,
                    tags__feedback__status=FeedbackStatus.PUBLISHED,
                ),
                distinct=True,
            ),
            answered=Count("replies", distinct=True),
        )
        .order_by("organisation__name", "retired", "label", "pk")
    )
    return [ThemeRow(theme, theme.confirmed, theme.answered) for theme in themes]


def replies_to_theme(theme: FeedbackTheme) -> list[FeedbackReply]:
    return list(theme.replies.select_related("team").order_by("-created_at", "-pk"))


def confirmed_count(theme: FeedbackTheme) -> int:
    return (
        Feedback.objects.filter(
            tags__theme=theme,
            tags__confirmed_by__isnull=False,
            status=FeedbackStatus.PUBLISHED,
        )
        .distinct()
        .count()
    )


def teams_of(organisation: Organisation) -> list[Team]:
    return list(Team.objects.filter(organisation=organisation).order_by("name"))


@dataclass(frozen=True)
class PublishedItem:
    feedback: Feedback
    themes: list[str]
    replies: list[FeedbackReply]


def published_feedback(user: User, team: str | None) -> tuple[FeedbackQuerySet, list[Team]]:
    """Checked, de-identified feedback the person may read (their teams' and the whole
    service's), optionally for one of those teams, newest first; not found for anyone
    outside an organisation."""
    if not user.organisation_ids():
        raise Http404
    found = Feedback.objects.published_for_teams_of(user)
    teams = list(
        Team.objects.filter(pk__in=found.exclude(team__isnull=True).values("team_id")).order_by(
            "name"
        )
    )
    if team:
        if not any(str(t.pk) == team for t in teams):
            raise Http404
        found = found.filter(team_id=team)
    return found.select_related("team", "organisation"), teams


def with_themes_and_replies(feedback: list[Feedback]) -> list[PublishedItem]:
    """Each piece of feedback with its confirmed themes and its answers, in two queries."""
    ids = [item.pk for item in feedback]
    themes: dict[int, list[str]] = {pk: [] for pk in ids}
    for feedback_id, label in (
        FeedbackThemeTag.objects.filter(feedback_id__in=ids, confirmed_by__isnull=False)
        .order_by("theme__label")
        .values_list("feedback_id", "theme__label")
    ):
        themes[feedback_id].append(label)
    replies: dict[int, list[FeedbackReply]] = {pk: [] for pk in ids}
    for answer in FeedbackReply.objects.filter(feedback_id__in=ids).order_by("created_at", "pk"):
        if answer.feedback_id is not None:
            replies[answer.feedback_id].append(answer)
    return [PublishedItem(item, themes[item.pk], replies[item.pk]) for item in feedback]
