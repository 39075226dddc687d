"""Route 2: the organisation's audit page must not show where a hidden reporter event sits.

Reporter events are left off the page, but the global sequence number used to be shown
(and used as the page cursor), so a gap between a manager's "signed in" and "signed out"
marked the moment a report was made. The page must look the same with or without it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.audit import views as audit_views
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.audit.recorder import record
from candour.core.models import Organisation
from conftest import World, make_person, signed_in_client

pytestmark = pytest.mark.django_db

_START = datetime(2025, 5, 6, 9, 0, tzinfo=UTC)


def _at(monkeypatch: pytest.MonkeyPatch, minutes: int) -> None:
    monkeypatch.setattr(timezone, "now", lambda: _START + timedelta(minutes=minutes))


def _session(
    monkeypatch: pytest.MonkeyPatch,
    organisation: Organisation,
    person: User,
    *,
    report_during: bool,
) -> None:
    """A manager signs in, (maybe) someone reports meanwhile, the manager signs out."""
    _at(monkeypatch, 0)
    with transaction.atomic():
        record(AuditEventType.SIGN_IN_SUCCEEDED, actor_id=person.pk, organisation=organisation)
    if report_during:
        _at(monkeypatch, 2)
        with transaction.atomic():
            record(AuditEventType.REPORT_SUBMITTED, actor_id=None, organisation=organisation)
    _at(monkeypatch, 5)
    with transaction.atomic():
        record(AuditEventType.SIGNED_OUT, actor_id=person.pk, organisation=organisation)


def _table(client_content: str, name: str) -> str:
    body = client_content.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0]
    return re.sub(r"\s+", " ", body.replace(name, "PERSON"))


def _session_rows(client_content: str, name: str) -> list[str]:
    """The rows of the sign-in session (the world's set-up rows are on other days)."""
    rows = _table(client_content, name).split("</tr>")
    return [row for row in rows if "May 2025" in row]


def test_a_report_between_sign_in_and_sign_out_leaves_no_trace(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    moorland_manager = make_person(
        "manager@moorland.example", world.moorland, Role.MANAGER, world.moorland_team
    )
    _session(monkeypatch, world.riverside, world.manager, report_during=True)
    _session(monkeypatch, world.moorland, moorland_manager, report_during=False)
    monkeypatch.undo()

    with_report = signed_in_client(world.admin).get(
        reverse("audit:organisation-audit", args=[world.riverside.slug])
    )
    without_report = signed_in_client(world.other_admin).get(
        reverse("audit:organisation-audit", args=[world.moorland.slug])
    )
    riverside_rows = _session_rows(with_report.content.decode(), world.manager.full_name)
    moorland_rows = _session_rows(without_report.content.decode(), moorland_manager.full_name)

    assert len(riverside_rows) == 2
    assert "Signed out" in riverside_rows[0]
    assert "Signed in" in riverside_rows[1]
    # The page of the organisation where a report was made reads exactly like the page
    # of one where none was: no number, hash or time shows the hidden event.
    assert riverside_rows == moorland_rows
    for event in AuditEvent.objects.filter(organisation=world.riverside):
        assert event.hash[:8] not in with_report.content.decode()


def test_page_cursors_do_not_carry_the_sequence(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _session(monkeypatch, world.riverside, world.manager, report_during=True)
    monkeypatch.undo()
    monkeypatch.setattr(audit_views, "PAGE_SIZE", 1)
    url = reverse("audit:organisation-audit", args=[world.riverside.slug])
    client = signed_in_client(world.admin)

    first = client.get(url).content.decode()
    again = client.get(url).content.decode()
    cursor = re.search(r'href="\?before=([^"]+)"', first)
    cursor_again = re.search(r'href="\?before=([^"]+)"', again)
    assert cursor is not None
    assert cursor_again is not None
    assert not cursor.group(1).isdigit()
    assert cursor.group(1) != cursor_again.group(1)  # sealed afresh: nothing to compare
    older = client.get(url, {"before": cursor.group(1)}).content.decode()
    assert "Signed in" in older
    # A guessed plain sequence number is not a cursor: it shows the newest page.
    guessed = client.get(url, {"before": "2"}).content.decode()
    assert _table(guessed, "") == _table(first, "")
