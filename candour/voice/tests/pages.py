"""Going through the feedback pages as a child or a member of staff does."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from candour.accounts.models import User
from candour.voice.models import Feedback
from conftest import World, signed_in_client


def walk(client: Client, token: str, band: str, answers: dict[str, str]) -> str:
    """Go through the journey page by page; returns the last page's HTML."""
    response = client.post(reverse("voice:start", args=[token]), {"age_band": band})
    while response.status_code == 302 and "/check/" not in response["Location"]:
        key = response["Location"].rstrip("/").rsplit("/", 1)[-1]
        response = client.post(response["Location"], {key: answers.get(key, "")})
    assert response["Location"] == reverse("voice:check", args=[token])
    return client.get(response["Location"]).content.decode()


def open_page(user: User, name: str, *args: object, query: str = "") -> str:
    """The page (a URL name and its arguments) as the person sees it."""
    response = signed_in_client(user).get(reverse(name, args=args) + query)
    assert response.status_code == 200
    return response.content.decode()


def results_page(user: User, query: str = "") -> str:
    return open_page(user, "voice:results", query=query)


def publish_feedback(world: World, feedback: Feedback, phrases: str = "") -> Feedback:
    """The analyst checks the feedback and publishes it, taking out ``phrases``."""
    response = signed_in_client(world.analyst).post(
        reverse("voice:publish", args=[feedback.pk]), {"publish-remove_phrases": phrases}
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    return feedback
