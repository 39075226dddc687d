"""Ideas as API shapes."""

from __future__ import annotations

from candour.api.schemas import (
    AuthorOut,
    IdeaOut,
    ImpactOut,
    OrganisationOut,
    TeamOut,
)
from candour.ideas.models import Idea
from candour.ideas.vocabulary import IdeaSource, IdeaStatus, ProblemKind


def idea_out(idea: Idea, *, show_author: bool) -> IdeaOut:
    return IdeaOut(
        id=idea.pk,
        organisation=OrganisationOut(id=idea.organisation.pk, name=idea.organisation.name),
        team=TeamOut(id=idea.team.pk, name=idea.team.name),
        author=AuthorOut(name=idea.author.full_name) if show_author else None,
        problem_kind=ProblemKind(idea.problem_kind),
        problem=idea.problem,
        idea=idea.idea,
        expected_benefit=idea.expected_benefit,
        status=IdeaStatus(idea.status),
        source=IdeaSource(idea.source),
        created_at=idea.created_at,
        respond_by=idea.respond_by,
        first_response_at=idea.first_response_at,
        plan=idea.plan,
        measure=idea.measure,
        review_on=idea.review_on,
        not_adopted_reason=idea.not_adopted_reason,
        impact=ImpactOut(
            what_changed=idea.what_changed,
            minutes_saved_per_week=idea.minutes_saved_per_week,
            errors_avoided_per_year=idea.errors_avoided_per_year,
            children_experience=idea.children_experience,
            cost=idea.cost,
            adopted_at=idea.adopted_at,
        ),
    )
