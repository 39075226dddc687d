"""The organisation's audit trail pages through newer and older events without counting."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.audit.recorder import record
from candour.audit.views import PAGE_SIZE
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db


_CURSOR = r'href="\?{}=([A-Za-z0-9_-]+)"'


def _times(content: str) -> list[str]:
    return re.findall(r'<td class="govuk-table__cell">(\d\d \w+ \d{4} [\d:]+)</td>', content)


def test_older_and_newer_walk_the_whole_trail_once(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each event a second apart, so its shown time names it.
    start = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    for i in range(2 * PAGE_SIZE + 7):
        monkeypatch.setattr(timezone, "now", lambda i=i: start + timedelta(seconds=i))
        with transaction.atomic():
            record(
                AuditEventType.TEAM_CREATED,
                actor_id=world.admin.pk,
                organisation=world.riverside,
                target=world.assessment,
            )
    monkeypatch.undo()
    url = reverse("audit:organisation-audit", args=[world.riverside.slug])
    client = signed_in_client(world.admin)
    events = AuditEvent.objects.filter(organisation=world.riverside).order_by("-sequence")
    expected = [timezone.localtime(e.occurred_at).strftime("%d %b %Y %H:%M:%S") for e in events]

    seen: list[str] = []
    pages = []
    content = client.get(url).content.decode()
    while True:
        pages.append(content)
        seen += _times(content)
        older = re.search(_CURSOR.format("before"), content)
        if older is None:
            break
        content = client.get(url, {"before": older.group(1)}).content.decode()

    assert seen == expected  # every event once, newest first
    assert len(pages) == 3
    assert 'href="?after=' not in pages[0]  # nothing newer than the first page
    newer = re.search(_CURSOR.format("after"), pages[1])
    assert newer is not None
    back = client.get(url, {"after": newer.group(1)}).content.decode()
    assert _times(back) == _times(pages[0])


def test_a_cursor_that_is_not_a_number_shows_the_newest(world: World) -> None:
    url = reverse("audit:organisation-audit", args=[world.riverside.slug])
    response = signed_in_client(world.admin).get(url, {"before": "1 OR 1=1"})
    assert response.status_code == 200
