"""The FHIR R4 interface for NHS systems (issue 21, ADR 0025): answers validated with
fhir.resources, NHS England identifier systems, and the JSON API's key, limit and audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.operationoutcome import OperationOutcome

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.sharing import services
from candour.sharing.models import Attendance, Lookup
from candour.sharing.tests.support import (
    CHILD,
    NUMBERS,
    another_setting,
    flag,
    hospital,
    unborn_flag,
)
from tests.clock import A_THURSDAY

__all__ = ["hospital"]  # the setting and its key, a fixture shared with the sharing tests

pytestmark = pytest.mark.time_machine(A_THURSDAY, tick=False)

SEARCH = "/api/fhir/R4/Flag/_search"
NHS = "https://fhir.nhs.uk/Id/nhs-number"
ODS = "https://fhir.nhs.uk/Id/ods-organization-code"


def valid(model: Any, body: Any) -> Any:
    """The body as the FHIR R4(B) model, or pydantic's ValidationError naming what is wrong."""
    return model.model_validate(body)


def search(key: str | None, number: str = CHILD, **extra: str) -> Any:
    body = {
        "patient:identifier": f"{NHS}|{number}",
        "requester": "Dr A Patel (ED 4471)",
        "reason": "attending_now",
        **extra,
    }
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return Client(enforce_csrf_checks=True).post(SEARCH, body, headers=headers)


def test_the_capability_statement_is_valid_r4_and_documents_the_search():
    response = Client().get("/api/fhir/R4/metadata")

    assert response["Content-Type"].startswith("application/fhir+json")
    statement = valid(CapabilityStatement, response.json())
    assert statement.fhirVersion == "4.0.1"
    resource = statement.rest[0].resource[0]
    assert resource.type == "Flag"
    assert {p.name for p in resource.searchParam} == {
        "patient:identifier",
        "requester",
        "reason",
        "reason-other",
    }


def test_a_lookup_answers_flags_about_the_patient_by_nhs_number(world, hospital):
    services.set_ods_code(actor=None, organisation=world.riverside, code="RIV01")
    child = flag(world)
    services.end_flag(actor=world.manager, flag=child, end_date=timezone.localdate())
    today = timezone.localdate()
    services.record_flag(
        actor=world.manager,
        organisation=world.riverside,
        draft=services.FlagDraft(
            NUMBERS[0], "looked_after", today - dt.timedelta(days=10), None, "Children in care",
            "01632 960111", out_of_hours_phone="01632 960999",
        ),
    )  # fmt: skip
    ended = flag(world, start=today - dt.timedelta(days=300), end=today - dt.timedelta(days=30))

    response = search(hospital.key)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    bundle = valid(Bundle, response.json())
    assert (bundle.type, bundle.total) == ("searchset", 3)
    flags = [entry.resource for entry in bundle.entry]
    assert [f.status for f in flags] == ["active", "active", "inactive"]
    assert [f.code.coding[0].code for f in flags] == [
        "looked_after",
        "child_protection_plan",
        "child_protection_plan",
    ]
    for resource in flags:
        assert resource.get_resource_type() == "Flag"
        assert (resource.subject.identifier.system, resource.subject.identifier.value) == (
            NHS,
            CHILD,
        )
        assert resource.subject.type == "Patient"
        team = resource.contained[0]
        assert team.get_resource_type() == "Organization"
        assert resource.author.reference == "#" + team.id
        assert (team.partOf.identifier.system, team.partOf.identifier.value) == (ODS, "RIV01")
    looked_after = flags[0].contained[0]
    assert looked_after.contact[0].telecom[0].value == "01632 960999"
    assert flags[2].period.end == ended.end_date
    # The same lookup, audited as the JSON API audits it, and the team told.
    event = AuditEvent.objects.filter(event_type=AuditEventType.SHARING_LOOKUP).get()
    assert event.data["key"] == hospital.key.split("_")[1]
    assert CHILD not in str(event.data)
    assert Lookup.objects.get().requested_by == "Dr A Patel (ED 4471)"
    assert Attendance.objects.count() == 3


def test_an_unborn_plan_carries_the_due_date_and_attendances_are_encounters(world, hospital):
    unborn = unborn_flag(world)
    unit, unit_nurse = another_setting()
    with time_machine.travel(A_THURSDAY - dt.timedelta(days=3), tick=False):
        services.look_up(setting=unit, nhs=NUMBERS[3], reason="attending_now", user=unit_nurse)

    bundle = valid(Bundle, search(hospital.key, NUMBERS[3]).json())

    flag_resource, encounter = (entry.resource for entry in bundle.entry)
    assert flag_resource.extension[0].valueDate == unborn.expected_due_date
    assert flag_resource.extension[0].url.endswith("StructureDefinition/expected-due-date")
    assert encounter.get_resource_type() == "Encounter"
    assert encounter.serviceProvider.display == "Moorland Minor Injuries Unit"
    assert encounter.period.start.isoformat().startswith(
        (A_THURSDAY - dt.timedelta(days=3)).date().isoformat()
    )
    assert [entry.search.mode for entry in bundle.entry] == ["match", "include"]


def test_no_plan_is_an_empty_searchset(world, hospital):
    body = search(hospital.key, NUMBERS[5]).json()
    bundle = valid(Bundle, body)

    assert (bundle.total, bundle.entry) == (0, None)
    assert "entry" not in body  # FHIR JSON has no empty arrays


@pytest.mark.parametrize("key", [None, "cpis_nothere_secret", "candour_abc_def"])
def test_without_a_setting_key_the_answer_is_401(world, hospital, key):
    flag(world)

    response = search(key)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="candour"'
    valid(OperationOutcome, response.json())
    assert not Lookup.objects.filter(found=True).exists()


def test_a_get_is_refused_so_the_number_never_sits_in_a_url(world, hospital):
    flag(world)

    response = Client().get(
        "/api/fhir/R4/Flag",
        {"patient:identifier": f"{NHS}|{CHILD}"},
        headers={"Authorization": f"Bearer {hospital.key}"},
    )

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert valid(OperationOutcome, response.json()).issue[0].code == "not-supported"
    assert not Lookup.objects.exists()


@pytest.mark.parametrize(
    ("extra", "number", "field"),
    [
        ({}, "9990000019", "patient:identifier"),
        ({"requester": ""}, CHILD, "requester"),
        ({"reason": "curious"}, CHILD, "reason"),
    ],
)
def test_bad_input_is_400_audited_and_changes_nothing(world, hospital, extra, number, field):
    flag(world)

    response = search(hospital.key, number, **extra)

    assert response.status_code == 400
    outcome = valid(OperationOutcome, response.json())
    assert field in outcome.issue[0].diagnostics
    assert not Attendance.objects.exists()
    refused = Lookup.objects.get()
    assert refused.refusal in {"invalid_nhs_number", "invalid_request"}
    assert "9990000019" not in str(list(AuditEvent.objects.values_list("data", flat=True)))


def test_another_identifier_system_is_not_taken_for_an_nhs_number(world, hospital):
    flag(world)

    response = Client().post(
        SEARCH,
        {
            "patient:identifier": f"https://example.org/mrn|{CHILD}",
            "requester": "Dr A",
            "reason": "attending_now",
        },
        headers={"Authorization": f"Bearer {hospital.key}"},
    )

    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_the_fhir_lookups_share_the_json_apis_limit(world, hospital, monkeypatch):
    monkeypatch.setattr(services, "LOOKUPS_PER_MINUTE", 2)
    Client().post(
        "/api/v1/sharing/lookups",
        {"nhs_number": CHILD, "reason": "admitted", "requested_by": "Dr A"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {hospital.key}"},
    )
    assert search(hospital.key).status_code == 200

    response = search(hospital.key)

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert valid(OperationOutcome, response.json()).issue[0].code == "throttled"
    assert Lookup.objects.filter(refusal="rate_limited").count() == 1


def test_a_superseded_number_answers_with_a_warning(world, hospital):
    from candour.sharing.reconciliation.services import reconcile_flags

    header = "nhs_number,plan_type,start_date,team_name,team_phone,previous_nhs_number\n"
    reconcile_flags(
        actor=world.manager,
        organisation=world.riverside,
        data=header + f"{NUMBERS[0]},cpp,2026-10-01,Assessment,01632 960000,\n",
    )
    reconcile_flags(
        actor=world.manager,
        organisation=world.riverside,
        data=header + f"{NUMBERS[1]},cpp,2026-10-01,Assessment,01632 960000,{NUMBERS[0]}\n",
    )

    bundle = valid(Bundle, search(hospital.key, NUMBERS[0]).json())

    assert [entry.search.mode for entry in bundle.entry] == ["match", "outcome"]
    assert "superseded" in bundle.entry[1].resource.issue[0].diagnostics
