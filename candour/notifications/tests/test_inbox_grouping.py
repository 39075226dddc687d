"""The inbox: unread first, then a group for each day, each naming what it is about."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from candour.notifications import services
from candour.notifications.models import Notification
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db


def _told(world: World, when: datetime, subject: str, about: str) -> None:
    with time_machine.travel(when, tick=False):
        services.notify(
            [world.staff], subject=subject, body="Details.", url="/ideas/1/", about=about
        )


@time_machine.travel(datetime(2026, 12, 3, 15, 0, tzinfo=UTC), tick=False)
def test_unread_come_first_then_each_day_and_each_names_its_subject(world: World) -> None:
    _told(world, datetime(2026, 11, 20, 9, 0, tzinfo=UTC), "Old news", "Carry details forward")
    _told(world, datetime(2026, 12, 3, 9, 0, tzinfo=UTC), "Read today", "A shared calendar")
    _told(world, datetime(2026, 12, 1, 9, 0, tzinfo=UTC), "Read on Tuesday", "Fewer forms")
    services.mark_read(
        user=world.staff,
        notifications=Notification.objects.exclude(subject="Old news"),
    )
    html = signed_in_client(world.staff).get(reverse("notifications:inbox")).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    headings = re.findall(r'<h2 class="govuk-heading-m">([^<]+)</h2>', html)
    assert headings == ["Unread", "Today", "Tuesday 1 December 2026"]
    # The unread one, though oldest, comes first, and each says what it is about.
    assert text.index("Old news") < text.index("Read today") < text.index("Read on Tuesday")
    assert "About: Carry details forward" in text
    assert "About: Fewer forms" in text
    assert html.count('href="/ideas/1/"') == 3


@time_machine.travel(datetime(2026, 12, 3, 15, 0, tzinfo=UTC), tick=False)
def test_a_day_of_notifications_is_listed_by_what_they_are_about(world: World) -> None:
    for subject, url in [
        ("Your idea is now: Under review", "/ideas/1/"),
        ("Safeguarding: feedback to be read by a person", reverse("voice:alerts")),
        ("Thank you for your idea", "/ideas/2/"),
        ("A message with no link", ""),
    ]:
        services.notify([world.staff], subject=subject, body="Details.", url=url)

    html = signed_in_client(world.staff).get(reverse("notifications:inbox")).content.decode()

    kinds = re.findall(r'<h3 class="govuk-heading-s">([^<]+)</h3>', html)
    # Newest first: the message with no link came last, the first idea's news first.
    assert kinds == ["Other (1)", "Improvement ideas (2)", "Safeguarding and feedback (1)"]
    ideas = html.split("Improvement ideas (2)")[1].split("<h3")[0]
    assert "Your idea is now: Under review" in ideas
    assert "Thank you for your idea" in ideas
