"""Inactive NHS numbers (issue 21, ADR 0025): the authority's daily file says the Spine has
retired a child's number with no replacement known yet. The plan still answers, with a
warning to check the current number, on the page, in the JSON and FHIR answers and in the
audit; a later file that marks it active again clears the warning."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from fhir.resources.R4B.bundle import Bundle

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.sharing import services
from candour.sharing.models import ChildFlag
from candour.sharing.reconciliation.services import reconcile_flags
from candour.sharing.tests.support import NUMBERS
from conftest import signed_in_client
from tests.clock import A_THURSDAY

pytestmark = pytest.mark.time_machine(A_THURSDAY, tick=False)

HEADER = "nhs_number,plan_type,start_date,team_name,team_phone,nhs_number_status\n"
NHS = "https://fhir.nhs.uk/Id/nhs-number"


def daily_file(world, status: str, number: str = NUMBERS[0]):
    return reconcile_flags(
        actor=world.manager,
        organisation=world.riverside,
        data=HEADER + f"{number},cpp,2026-10-01,Assessment,01632 960000,{status}\n",
    )


def test_the_daily_file_marks_a_number_inactive_and_back(world):
    added = daily_file(world, "retired")
    flag = ChildFlag.objects.get()
    assert [o.reference for o in added.added] == [flag.reference]
    assert flag.nhs_number_inactive

    again = daily_file(world, "active")

    assert [(o.reference, o.detail) for o in again.changed] == [
        (flag.reference, "nhs_number_inactive")
    ]
    flag.refresh_from_db()
    assert not flag.nhs_number_inactive
    assert daily_file(world, "").unchanged == 1  # blank means active


def test_an_unknown_status_is_a_problem_and_changes_nothing(world):
    result = daily_file(world, "asleep")

    assert not result.ok
    assert "nhs_number_status" in str(result.problems[0])
    assert "one of: active, inactive" in str(result.problems[0])
    assert not ChildFlag.objects.exists()


def test_a_lookup_of_an_inactive_number_answers_with_a_warning(world, hospital):
    daily_file(world, "inactive")

    answer = services.look_up(
        setting=hospital.setting, nhs=NUMBERS[0], reason="attending_now", user=hospital.nurse
    )

    assert answer.found
    assert answer.inactive_number
    event = AuditEvent.objects.filter(event_type=AuditEventType.SHARING_LOOKUP).get()
    assert event.data["inactive_number"] is True
    assert NUMBERS[0] not in str(event.data)


def test_the_clinicians_page_says_to_check_the_current_number(world, hospital):
    daily_file(world, "inactive")
    client = signed_in_client(hospital.nurse)

    client.post("/sharing/lookup/", {"nhs_number": NUMBERS[0], "reason": "attending_now"})
    page = client.get("/sharing/lookup/answer/").content.decode()

    assert 'id="inactive-number"' in page
    assert "no longer active" in page
    assert "This child has a current plan" in page


def test_the_json_and_fhir_answers_carry_the_warning(world, hospital):
    daily_file(world, "inactive")
    headers = {"Authorization": f"Bearer {hospital.key}"}

    inactive = Client().post(
        "/api/v1/sharing/lookups",
        {"nhs_number": NUMBERS[0], "reason": "attending_now", "requested_by": "Dr A"},
        content_type="application/json",
        headers=headers,
    )
    fhir = Client().post(
        "/api/fhir/R4/Flag/_search",
        {
            "patient:identifier": f"{NHS}|{NUMBERS[0]}",
            "requester": "Dr A",
            "reason": "attending_now",
        },
        headers=headers,
    )

    assert inactive.json()["inactive_number"] is True
    assert inactive.json()["found"] is True
    bundle: Any = Bundle.model_validate(fhir.json())
    assert [entry.search.mode for entry in bundle.entry] == ["match", "outcome"]
    assert "no longer active" in bundle.entry[1].resource.issue[0].diagnostics
