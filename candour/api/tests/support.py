"""Helpers for calling the API as a persona, with a token of their own."""

from __future__ import annotations

from typing import Any

from django.test import Client

from candour.accounts.models import User
from candour.api.services import create_api_token
from candour.ideas import services as ideas
from candour.ideas.models import Idea


class ApiCaller:
    """A client that sends one person's token with every request, and no cookies."""

    def __init__(self, token: str) -> None:
        self.client = Client(enforce_csrf_checks=True)
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, headers=self.headers)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(path, body, content_type="application/json", headers=self.headers)


def token_for(user: User) -> str:
    return create_api_token(actor=user, name="Tests").value


def caller_for(user: User) -> ApiCaller:
    return ApiCaller(token_for(user))


def submit(author: User, team: Any, *, hidden: bool = False, text: str = "Share templates") -> Idea:
    return ideas.submit_idea(
        author=author,
        draft=ideas.IdeaDraft(
            team=team,
            problem_kind="waste",
            problem="Everyone writes the same letter from scratch",
            idea=text,
            expected_benefit="An hour a week back for visits",
            name_hidden_from_colleagues=hidden,
        ),
    )
