"""The organisation's audit trail pages through newer and older events without counting."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.urls import reverse

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.audit.recorder import record
from candour.audit.views import PAGE_SIZE
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db


def _sequences(content: str) -> list[int]:
    cell = r'<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)</td>'
    return [int(s) for s in re.findall(cell, content)]


def test_older_and_newer_walk_the_whole_trail_once(world: World) -> None:
    with transaction.atomic():
        for _ in range(2 * PAGE_SIZE + 7):
            record(
                AuditEventType.TEAM_CREATED,
                actor_id=world.admin.pk,
                organisation=world.riverside,
                target=world.assessment,
            )
    url = reverse("audit:organisation-audit", args=[world.riverside.slug])
    client = signed_in_client(world.admin)
    expected = list(
        AuditEvent.objects.filter(organisation=world.riverside)
        .order_by("-sequence")
        .values_list("sequence", flat=True)
    )

    seen: list[int] = []
    pages = []
    content = client.get(url).content.decode()
    while True:
        pages.append(content)
        seen += _sequences(content)
        older = re.search(r'href="\?before=(\d+)"', content)
        if older is None:
            break
        content = client.get(url, {"before": older.group(1)}).content.decode()

    assert seen == expected  # every event once, newest first
    assert len(pages) == 3
    assert 'href="?after=' not in pages[0]  # nothing newer than the first page
    newer = re.search(r'href="\?after=(\d+)"', pages[1])
    assert newer is not None
    back = client.get(url, {"after": newer.group(1)}).content.decode()
    assert _sequences(back) == _sequences(pages[0])


def test_a_cursor_that_is_not_a_number_shows_the_newest(world: World) -> None:
    url = reverse("audit:organisation-audit", args=[world.riverside.slug])
    response = signed_in_client(world.admin).get(url, {"before": "1 OR 1=1"})
    assert response.status_code == 200
