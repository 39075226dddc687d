"""The API's request and response shapes; their descriptions become the OpenAPI document."""

from __future__ import annotations

from datetime import date, datetime

from django.db import models
from ninja import Field, Schema

from candour.ideas.vocabulary import NEXT_STATUSES, IdeaSource, IdeaStatus, ProblemKind


def _meanings(choices: type[models.TextChoices]) -> str:
    return "; ".join(f"`{value}`: {label}" for value, label in choices.choices)


def _moves() -> str:
    return "; ".join(
        f"from `{status}` to {', '.join(f'`{n}`' for n in after)}"
        for status, after in NEXT_STATUSES.items()
        if after and status != IdeaStatus.ADOPTED
    )


# Text fields refuse NUL characters: PostgreSQL cannot store them (a request with one was a
# server error there) and the web forms refuse them too.
NO_NUL = r"^[^\x00]*$"


class FieldError(Schema):
    field: str | None = Field(
        description="The request field at fault (`team_id`, `limit`...), or null when the "
        "problem is with the request as a whole."
    )
    message: str = Field(description="What to change, in plain English.")


class Error(Schema):
    detail: str = Field(description="What went wrong, in plain English.")
    errors: list[FieldError] = Field(
        default=[], description="One entry per field that needs changing (422 only)."
    )


class TeamOut(Schema):
    id: int = Field(description="The team's id: send it as `team_id` to submit an idea.")
    name: str


class OrganisationOut(Schema):
    id: int
    name: str


class AuthorOut(Schema):
    name: str = Field(description="The full name of the person who suggested the idea.")


class ImpactOut(Schema):
    what_changed: str = Field(description="What changed once the idea was adopted.")
    minutes_saved_per_week: int | None = Field(description="Staff time saved, if measured.")
    errors_avoided_per_year: int | None = Field(description="Mistakes avoided, if estimated.")
    children_experience: str = Field(
        description="The difference for children and families, in words."
    )
    cost: str = Field(description="What it cost, in words.")
    adopted_at: datetime | None = Field(description="When the idea was adopted.")


class IdeaOut(Schema):
    id: int
    organisation: OrganisationOut = Field(description="The organisation that owns the idea.")
    team: TeamOut = Field(description="The team the idea was put to.")
    author: AuthorOut | None = Field(
        description="Who suggested it. Null when the author asked for their name to be "
        "hidden from colleagues and you are not one of the idea's managers."
    )
    problem_kind: ProblemKind = Field(description=_meanings(ProblemKind))
    problem: str = Field(description="The problem, in the author's words.")
    idea: str = Field(description="The idea, in the author's words.")
    expected_benefit: str = Field(description="The difference the author expects it to make.")
    status: IdeaStatus = Field(description=_meanings(IdeaStatus))
    source: IdeaSource = Field(description=_meanings(IdeaSource))
    created_at: datetime = Field(description="When the idea was submitted.")
    respond_by: date = Field(description="The date by which a manager must first respond.")
    first_response_at: datetime | None = Field(
        description="When a manager first responded; null if nobody has yet."
    )
    plan: str = Field(description="On trial: what is being tried, and by whom.")
    measure: str = Field(description="On trial: how the team will know if it worked.")
    review_on: date | None = Field(description="On trial: when the trial is reviewed.")
    not_adopted_reason: str = Field(description="Why the idea was not adopted, if it was not.")
    impact: ImpactOut = Field(description="The difference the idea made, once adopted.")


class IdeaPage(Schema):
    count: int = Field(description="How many ideas match, across all pages.")
    limit: int
    offset: int
    items: list[IdeaOut] = Field(description="This page of ideas, newest first.")


OFFSET_MAX = 2_147_483_647


class IdeaFilters(Schema):
    status: IdeaStatus | None = Field(
        default=None, description="Only ideas at this stage. " + _meanings(IdeaStatus)
    )
    team: int | None = Field(default=None, description="Only ideas put to this team (its id).")
    limit: int = Field(default=20, ge=1, le=100, description="Ideas per page, 1 to 100.")
    # Bounded so that the database can take it: a huge offset was a server error.
    offset: int = Field(
        default=0, ge=0, le=OFFSET_MAX, description="How many ideas to skip, up to 2,147,483,647."
    )


class IdeaIn(Schema):
    team_id: int = Field(
        description="The team to put the idea to: any team of your own organisations."
    )
    problem_kind: ProblemKind = Field(description=_meanings(ProblemKind))
    problem: str = Field(
        pattern=NO_NUL, description="What goes wrong, or could be better (up to 4,000 characters)."
    )
    idea: str = Field(pattern=NO_NUL, description="What you suggest (up to 4,000 characters).")
    expected_benefit: str = Field(
        pattern=NO_NUL,
        description="What difference it would make, and for whom (up to 4,000 characters).",
    )
    name_hidden_from_colleagues: bool = Field(
        default=False,
        description="Hide your name from colleagues; the team's managers still see it.",
    )


class StatusIn(Schema):
    to_status: IdeaStatus = Field(
        description="The stage to move the idea to: "
        + _moves()
        + ". Share an adopted idea on the improvement board."
    )
    note: str = Field(pattern=NO_NUL, default="", description="Anything else to tell the author.")
    plan: str = Field(
        pattern=NO_NUL,
        default="",
        description="Needed to move to `trial`: what will be tried, and by whom.",
    )
    measure: str = Field(
        pattern=NO_NUL,
        default="",
        description="Needed to move to `trial`: how you will know if it worked.",
    )
    review_on: date | None = Field(
        default=None,
        description="Needed to move to `trial`: the review date (YYYY-MM-DD), not in the past.",
    )
    reason: str = Field(
        pattern=NO_NUL,
        default="",
        description="Needed to move to `not_adopted`: why, for the author.",
    )
    what_changed: str = Field(
        pattern=NO_NUL, default="", description="Needed to move to `adopted`: what has changed."
    )
