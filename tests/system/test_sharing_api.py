"""Given the demo with Riverside's flags, when a setting's system calls the API over HTTP,
then it gets only the minimal answer, and the child's team sees the attendance."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest

from tests.system.support import ShellRunner

SETUP = """
from candour.accounts.roles import Role
from candour.accounts.services import create_user, grant_role
from candour.core.models import Organisation, Team
from candour.demo import sharing as demo
from candour.sharing import services
from candour.sharing.models import SharingSetting
demo.load()
trust = Organisation.objects.get(name=demo.SETTING)
lead = create_user(actor=None, organisation=trust, email="ed.lead@riversidehealth.example",
    full_name="Ed Lead", password="a-long-system-test-password")
grant_role(actor=None, user=lead, organisation=trust, role=Role.MANAGER,
    team=Team.objects.filter(organisation=trust).first())
setting = SharingSetting.objects.get(organisation=trust)
print(services.create_setting_key(actor=lead, setting=setting, name="ED system").value)
"""


def _post(url: str, body: dict[str, Any], key: str) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(  # noqa: S310 - the local test server
        url,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture(scope="module")
def setting_key(candour_shell: ShellRunner) -> str:
    return candour_shell(SETUP).strip().splitlines()[-1]


def test_a_setting_looks_up_a_flagged_child_over_http(
    server: str, setting_key: str, candour_shell: ShellRunner
) -> None:
    from candour.lib.nhs_number import numbers_for_trials

    current, _lac, _unborn, expired = numbers_for_trials(count=4)
    count = "from candour.sharing.models import Attendance; print(Attendance.objects.count())"
    before = int(candour_shell(count).strip().splitlines()[-1])

    status, body = _post(
        f"{server}/api/v1/sharing/lookups",
        {"nhs_number": current, "reason": "attending_now", "requested_by": "Dr A Patel"},
        setting_key,
    )
    assert status == 200
    assert set(body) == {
        "found",
        "looked_after",
        "superseded_number",
        "inactive_number",
        "plans",
        "ended_plans",
        "attendances",
    }
    assert body["found"] is True
    assert body["inactive_number"] is False
    [plan] = body["plans"]
    assert set(plan) == {
        "plan_type",
        "start_date",
        "end_date",
        "ended",
        "expected_due_date",
        "contact",
    }
    assert plan["plan_type"] == "child_protection_plan"
    assert plan["contact"]["team_name"] == "Assessment Team 1"

    status, body = _post(
        f"{server}/api/v1/sharing/lookups",
        {"nhs_number": expired, "reason": "admitted", "requested_by": "Dr A Patel"},
        setting_key,
    )
    assert (status, body["found"], body["plans"]) == (200, False, [])
    assert [p["ended"] for p in body["ended_plans"]] == [True]  # ended 60 days ago

    status, body = _post(
        f"{server}/api/v1/sharing/lookups",
        {"nhs_number": current, "reason": "admitted"},
        setting_key,
    )
    assert status == 422  # a key's lookup must name the clinician who asked

    after = int(candour_shell(count).strip().splitlines()[-1])
    assert after - before == 2  # the current plan's and the recently ended plan's


def test_a_wrong_key_is_refused_over_http(server: str, setting_key: str) -> None:
    status, body = _post(
        f"{server}/api/v1/sharing/lookups",
        {"nhs_number": "9990000018", "reason": "attending_now", "requested_by": "Dr A Patel"},
        setting_key[:-4] + "AAAA",
    )
    assert status == 401
    assert "found" not in body


def test_the_lookup_is_in_the_openapi_document(server: str) -> None:
    with urllib.request.urlopen(f"{server}/api/v1/openapi.json", timeout=10) as response:  # noqa: S310
        document = json.loads(response.read())
    assert "post" in document["paths"]["/api/v1/sharing/lookups"]
    lookup_in = document["components"]["schemas"]["LookupIn"]
    assert "requested_by" in lookup_in["required"]


def _fhir_search(url: str, fields: dict[str, str], key: str) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(  # noqa: S310 - the local test server
        url,
        data=urllib.parse.urlencode(fields).encode(),
        headers={
            "Authorization": f"Bearer {key}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_an_nhs_system_looks_up_through_fhir_over_http(server: str, setting_key: str) -> None:
    from fhir.resources.R4B.bundle import Bundle
    from fhir.resources.R4B.capabilitystatement import CapabilityStatement

    from candour.lib.nhs_number import numbers_for_trials

    mother = numbers_for_trials(count=16)[5]  # the parity demo's unborn plan

    status, body = _fhir_search(
        f"{server}/api/fhir/R4/Flag/_search",
        {
            "patient:identifier": f"https://fhir.nhs.uk/Id/nhs-number|{mother}",
            "requester": "Dr A Patel",
            "reason": "attending_now",
        },
        setting_key,
    )

    assert status == 200
    bundle: Any = Bundle.model_validate(body)
    flag = bundle.entry[0].resource
    assert flag.code.coding[0].code == "unborn_child_protection_plan"
    assert flag.extension[0].valueDate is not None
    with urllib.request.urlopen(f"{server}/api/fhir/R4/metadata", timeout=10) as response:  # noqa: S310
        CapabilityStatement.model_validate(json.loads(response.read()))
