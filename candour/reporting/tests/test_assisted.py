"""Reports given on paper, by phone or in person, typed in by the learning team or an
advocate through the online route's own service (ADR 0035)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.audit.verification import verify_audit_chain
from candour.core.channels import Channel
from candour.reporting import services
from candour.reporting.assisted.forms import ReportEntryForm
from candour.reporting.assisted.services import enter_report
from candour.reporting.models import Report
from candour.reporting.tests.factories import page_answers, receipt_of
from conftest import World, make_person, signed_in_client

pytestmark = pytest.mark.django_db

ENTRY = "/organisation/riverside/paper-and-phone/report/"


def _cleaned(world: World, **overrides: Any) -> dict[str, Any]:
    answers = {k: v for k, v in page_answers(world, **overrides).items() if k != "organisation"}
    form = ReportEntryForm(
        {**answers, "channel": "paper"},
        organisation=world.riverside,
        today=timezone.localdate(),
    )
    assert form.is_valid(), form.errors
    return {**form.cleaned_data, "organisation": world.riverside}


def _advocate(world: World) -> Any:
    return make_person("advocate@riverside.example", world.riverside, Role.ADVOCATE)


def test_a_paper_report_goes_through_the_same_service_and_keeps_its_channel(
    world: World,
) -> None:
    advocate = _advocate(world)
    submitted = enter_report(actor=advocate, channel=Channel.PAPER, answers=_cleaned(world))
    report = Report.objects.get()
    assert report.channel == Channel.PAPER
    # The same de-identification as online: the name and the address are gone.
    assert "Kasia" not in report.what_happened
    assert "14 Elm Road" not in report.what_happened
    assert services.raw_narrative(report)["what_happened"].startswith("I visited Kasia")  # type: ignore[index]
    # The receipt opens the report, as online.
    assert services.find_by_receipt(typed=submitted.receipt, session_key="s") == report


def test_the_entry_is_audited_against_the_advocate_not_the_report(world: World) -> None:
    advocate = _advocate(world)
    enter_report(actor=advocate, channel=Channel.PHONE, answers=_cleaned(world))
    report = Report.objects.get()
    submitted = AuditEvent.objects.get(event_type=AuditEventType.REPORT_SUBMITTED)
    assert submitted.actor_id is None
    entry = AuditEvent.objects.get(event_type=AuditEventType.ENTERED_ON_BEHALF)
    assert entry.actor_id == advocate.pk
    assert entry.data == {"kind": "report", "channel": "phone"}
    # Not which report, and not the hour: the row cannot be joined to the report.
    assert entry.object_id == ""
    assert (entry.occurred_at.hour, entry.occurred_at.minute) == (0, 0)
    assert str(report.pk) not in str(entry.data)
    # The organisation's administrator sees who typed something in.
    assert entry in AuditEvent.objects.visible_to(world.admin)
    assert verify_audit_chain().ok


def test_only_the_learning_team_and_advocates_of_the_organisation_may_enter(
    world: World,
) -> None:
    for person in (world.staff, world.manager, world.admin):
        with pytest.raises(PermissionDenied):
            enter_report(actor=person, channel=Channel.PAPER, answers=_cleaned(world))
    moorland_advocate = make_person("advocate@moorland.example", world.moorland, Role.ADVOCATE)
    with pytest.raises(PermissionDenied):
        enter_report(actor=moorland_advocate, channel=Channel.PAPER, answers=_cleaned(world))
    enter_report(actor=world.analyst, channel=Channel.IN_PERSON, answers=_cleaned(world))
    assert Report.objects.get().channel == Channel.IN_PERSON


def test_the_advocate_role_needs_no_second_factor_and_sees_only_paper_and_phone(
    world: World,
) -> None:
    advocate = _advocate(world)
    assert not advocate.requires_two_factor()
    client = signed_in_client(advocate)
    hub = client.get(reverse("reporting:assisted")).content.decode()
    assert "Type in a report about a mistake or near miss" in hub
    assert "Paper and phone" in hub
    assert ">Triage<" not in hub
    assert signed_in_client(world.staff).get(reverse("reporting:assisted")).status_code == 403
    assert signed_in_client(world.manager).get(ENTRY).status_code == 404


def _posted(world: World, **overrides: Any) -> dict[str, Any]:
    answers = {k: v for k, v in page_answers(world, **overrides).items() if k != "organisation"}
    return {"channel": "paper", **answers}


def _token(page: str) -> str:
    found = re.search(r'name="submission_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


def test_the_entry_page_keeps_what_was_typed_when_an_answer_is_missing(world: World) -> None:
    client = signed_in_client(_advocate(world))
    page = client.get(ENTRY).content.decode()
    refused = client.post(
        ENTRY,
        {**_posted(world, outcome=""), "channel": "", "submission_token": _token(page)},
    )
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "Choose what the outcome was" in text
    assert "Choose how the report was given to you" in text
    assert "I visited Kasia Nowak at 14 Elm Road and did not see the baby." in text
    assert "See the child awake." in text
    assert not Report.objects.exists()


def test_the_advocate_gets_a_printable_receipt_and_a_second_send_makes_no_second_report(
    world: World,
) -> None:
    client = signed_in_client(_advocate(world))
    token = _token(client.get(ENTRY).content.decode())
    sent = client.post(ENTRY, {**_posted(world), "submission_token": token})
    assert sent.status_code == 200
    text = sent.content.decode()
    receipt = receipt_of(sent)
    assert "give it to the reporter only" in text
    assert "/report/follow-up/" in text
    again = client.post(ENTRY, {**_posted(world), "submission_token": token})
    assert "Send was pressed more than once" in again.content.decode()
    assert Report.objects.count() == 1
    assert receipt_of(again) != receipt
    assert AuditEvent.objects.filter(event_type=AuditEventType.ENTERED_ON_BEHALF).count() == 1
    report = Report.objects.get()
    assert report.channel == Channel.PAPER


def test_the_start_page_offers_a_paper_copy() -> None:
    page = Client().get(reverse("reporting:start")).content.decode()
    assert 'href="/report/paper-form.pdf"' in page
    assert "Print a paper copy" in page
