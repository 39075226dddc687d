"""Improvement ideas over the API: list, submit, and move through Plan-Do-Check-Act.

Reads start from `Idea.objects.visible_to` (404 for anything else); writes go through
`candour.ideas.services`, which check who may do what and audit it.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from candour.api.access import authors_shown, team_for_new_idea
from candour.api.auth import caller
from candour.api.presenters import idea_out
from candour.api.schemas import Error, FieldError, IdeaFilters, IdeaIn, IdeaOut, IdeaPage, StatusIn
from candour.ideas import services
from candour.ideas.access import get_idea_for_reader
from candour.ideas.models import Idea

router = Router(tags=["ideas"])

_COMMON = {401: Error, 429: Error}
# A body that cannot be parsed at all (not JSON, not UTF-8): django-ninja's 400.
_BODY = {400: Error}


@router.get(
    "/ideas",
    response={200: IdeaPage, 422: Error, **_COMMON},
    operation_id="list_ideas",
    summary="List the ideas you can see",
    description="Ideas of your organisations and ideas shared with them, newest first.",
)
def list_ideas(request: HttpRequest, filters: Query[IdeaFilters]) -> IdeaPage:
    user = caller(request)
    ideas = Idea.objects.visible_to(user).select_related("organisation", "team", "author")
    if filters.status is not None:
        ideas = ideas.filter(status=filters.status)
    if filters.team is not None:
        ideas = ideas.filter(team_id=filters.team)
    ideas = ideas.order_by("-created_at", "-pk")
    page = list(ideas[filters.offset : filters.offset + filters.limit])
    shown = authors_shown(user, page)
    return IdeaPage(
        count=ideas.count(),
        limit=filters.limit,
        offset=filters.offset,
        items=[idea_out(idea, show_author=idea.pk in shown) for idea in page],
    )


@router.post(
    "/ideas",
    response={201: IdeaOut, 422: Error, **_BODY, **_COMMON},
    operation_id="submit_idea",
    summary="Submit an idea",
    description="Puts an idea to a team of your organisation. The team's managers are told "
    "and must respond by `respond_by`.",
)
def submit_idea(request: HttpRequest, payload: IdeaIn) -> Status[IdeaOut | Error]:
    user = caller(request)
    team = team_for_new_idea(user, payload.team_id)
    if team is None:
        message = _("Choose a team in your own organisation")
        return Status(
            422, Error(detail=message, errors=[FieldError(field="team_id", message=message)])
        )
    idea = services.submit_idea(
        author=user,
        draft=services.IdeaDraft(
            team=team,
            problem_kind=payload.problem_kind.value,
            problem=payload.problem,
            idea=payload.idea,
            expected_benefit=payload.expected_benefit,
            name_hidden_from_colleagues=payload.name_hidden_from_colleagues,
        ),
    )
    return Status(201, idea_out(idea, show_author=True))


@router.post(
    "/ideas/{idea_id}/status",
    response={200: IdeaOut, 403: Error, 404: Error, 422: Error, **_BODY, **_COMMON},
    operation_id="move_idea",
    summary="Move an idea to its next stage",
    description="For the idea's managers. Each stage needs its own fields: `plan`, "
    "`measure` and `review_on` for a trial, `reason` for not adopted, `what_changed` "
    "for adopted. The author is told.",
)
def move_idea(request: HttpRequest, idea_id: int, payload: StatusIn) -> Status[IdeaOut | Error]:
    user = caller(request)
    idea = get_idea_for_reader(user, idea_id)
    if not services.can_manage(user, idea):
        return Status(403, Error(detail=_("Only the idea's managers can move it on")))
    idea = services.move_idea(
        actor=user,
        idea=idea,
        to_status=payload.to_status.value,
        note=payload.note,
        plan=payload.plan,
        measure=payload.measure,
        review_on=payload.review_on,
        reason=payload.reason,
        what_changed=payload.what_changed,
    )
    return Status(200, idea_out(idea, show_author=True))
