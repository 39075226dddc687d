"""Reads for idea pages, scoped to what the person may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import Organisation, Team
from candour.ideas.models import Idea
from candour.ideas.vocabulary import IdeaSource
from candour.learning.models import Lesson, Theme
from candour.surveys.models import Wave
from candour.voice.models import Feedback


def get_idea_for_reader(user: User, pk: int) -> Idea:
    idea = (
        Idea.objects.visible_to(user)
        .filter(pk=pk)
        .select_related("organisation", "team", "author", "source_theme", "source_lesson")
        .first()
    )
    if idea is None:
        raise Http404
    return idea


def shows_author(user: User, idea: Idea) -> bool:
    """Colleagues see the author's name unless they asked otherwise; managers always do.
    Other organisations an idea was shared with see the team, not the person."""
    if user.pk == idea.author_id:
        return True
    if not idea.name_hidden_from_colleagues and idea.organisation_id in user.organisation_ids():
        return True
    return Idea.objects.managed_by(user).filter(pk=idea.pk).exists()


def teams_of(user: User) -> list[Team]:
    """Teams a person may put an idea to: every team of their organisations."""
    return list(
        Team.objects.filter(organisation_id__in=user.organisation_ids())
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


def home_team(user: User) -> Team | None:
    team_ids = user.team_ids_with_role(Role.STAFF) | user.team_ids_with_role(Role.MANAGER)
    return Team.objects.filter(pk__in=team_ids).order_by("name").first()


@dataclass(frozen=True)
class IdeaOrigin:
    source: str
    theme: Theme | None
    lesson: Lesson | None
    feedback: Feedback | None = None
    survey: Wave | None = None


def idea_origin(
    user: User,
    theme_id: int | None,
    lesson_id: int | None,
    feedback_id: int | None = None,
    survey_id: int | None = None,
) -> IdeaOrigin:
    """The theme, lesson, checked feedback or survey wave an idea was raised from, if one
    of the person's organisations owns it (anything else is ignored, not trusted)."""
    organisations = user.organisation_ids()
    theme = (
        Theme.objects.filter(pk=theme_id, organisation_id__in=organisations).first()
        if theme_id
        else None
    )
    lesson = (
        Lesson.objects.filter(pk=lesson_id, organisation_id__in=organisations).first()
        if lesson_id and theme is None
        else None
    )
    if theme is not None:
        return IdeaOrigin(IdeaSource.THEME, theme, None)
    if lesson is not None:
        return IdeaOrigin(IdeaSource.LESSON, None, lesson)
    # Checked feedback the person may read (their own teams', or the whole service's):
    # never one still unchecked, and never another team's through a guessed id.
    feedback = (
        Feedback.objects.published_for_teams_of(user).filter(pk=feedback_id).first()
        if feedback_id
        else None
    )
    if feedback is not None:
        return IdeaOrigin(IdeaSource.FEEDBACK, None, None, feedback)
    survey = (
        Wave.objects.filter(pk=survey_id, organisation_id__in=organisations).first()
        if survey_id
        else None
    )
    if survey is not None:
        return IdeaOrigin(IdeaSource.SURVEY, None, None, survey=survey)
    return IdeaOrigin(IdeaSource.STAFF, None, None)


def shareable_organisations(idea: Idea) -> list[Organisation]:
    """Where an adopted idea can go: any organisation except the national hub."""
    from candour.core.models import OrganisationKind

    return list(Organisation.objects.exclude(kind=OrganisationKind.NATIONAL_HUB).order_by("name"))


def shareable_teams(idea: Idea, organisations: list[Organisation]) -> list[Team]:
    """The teams of those organisations other than the idea's own, in one query."""
    return list(
        Team.objects.filter(organisation__in=organisations)
        .exclude(pk=idea.team_id)
        .select_related("organisation")
        .order_by("organisation__name", "organisation_id", "name", "pk")
    )


def team_in(organisation: Organisation, team_id: str | None) -> Team | None:
    if not team_id or not team_id.isdigit():
        return None
    return Team.objects.filter(organisation=organisation, pk=int(team_id)).first()
