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
