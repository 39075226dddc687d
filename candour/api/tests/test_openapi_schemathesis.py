"""The API against its own OpenAPI document, with schemathesis: whatever a client sends,
valid or not, the answer is never a server error, its status code is one the document
lists for the operation, and its body has the documented shape.

The schema is loaded in-process from the WSGI application, and every request goes through
the whole Django stack with a real token: a manager's personal API token for the ideas,
health and flag operations, an unscheduled-care setting's key for lookups.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from candour.api.api import api
from candour.api.schemas import OFFSET_MAX
from candour.api.tests.support import caller_for, submit, token_for
from candour.config.wsgi import application
from candour.ideas.models import Idea
from candour.sharing import services as sharing
from candour.sharing.tests.support import NUMBERS, Hospital, flag, hospital
from conftest import World

__all__ = ["hospital"]  # the setting and its key, a fixture shared with the sharing tests

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    content_type_conformance,
]
OPERATIONS = {
    "list_ideas",
    "submit_idea",
    "move_idea",
    "health_indicators",
    "health_series",
    "list_sharing_flags",
    "record_sharing_flag",
    "end_sharing_flag",
    "record_sharing_birth",
    "reconcile_sharing_flags",
    "look_up_child",
}


@dataclass
class Callers:
    token: str
    setting_key: str
    idea_id: int
    flag_id: int
    team_id: int
    org_id: int


@pytest.fixture
def _connections_kept_open() -> Iterator[None]:
    """Calls go straight to the WSGI application, not through Django's test client, so do
    what the test client does: keep the test's connection (and its transaction) open at
    the end of each request, which PostgreSQL would otherwise close."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def callers(world: World, hospital: Hospital, monkeypatch: pytest.MonkeyPatch) -> Callers:
    # Lookups are limited to 30 a minute per key; the generated requests would run into
    # the limit (a documented 429) and stop exercising the lookup itself.
    monkeypatch.setattr(sharing, "LOOKUPS_PER_MINUTE", 10_000)
    idea = submit(world.staff, world.assessment)
    child = flag(world, NUMBERS[1])
    return Callers(
        token=token_for(world.manager),
        setting_key=hospital.key,
        idea_id=idea.pk,
        flag_id=child.pk,
        team_id=world.assessment.pk,
        org_id=world.riverside.pk,
    )


def test_the_document_lists_every_operation_tested_here() -> None:
    results = list(schema.get_all_operations())
    operations = [result.ok() for result in results if isinstance(result, Ok)]

    assert len(operations) == len(results)  # every operation's definition loads
    assert {operation.definition.raw.get("operationId") for operation in operations} == OPERATIONS


def _aim_at_real_objects(case: Any, callers: Callers) -> None:
    """Generated ids and NHS numbers almost never name anything, which only ever tests the
    404 or the 422; point two in three well-formed ones at real objects the caller may act
    on and at valid NHS numbers, so that the operations themselves run on generated text."""

    def aimed(value: object) -> bool:
        if isinstance(value, str) and value.isascii() and value.isdigit():
            value = int(value)
        return isinstance(value, int) and not isinstance(value, bool) and value % 3 != 1

    parameters = case.path_parameters or {}
    for name, real in (("idea_id", callers.idea_id), ("flag_id", callers.flag_id)):
        value = parameters.get(name)
        if aimed(value):
            parameters[name] = str(real) if isinstance(value, str) else real
    body = case.body if isinstance(case.body, dict) else {}
    for name, real in (("team_id", callers.team_id), ("organisation_id", callers.org_id)):
        if aimed(body.get(name)):
            body[name] = real
    number = body.get("nhs_number")
    if isinstance(number, str) and len(number) % 3 != 0:
        body["nhs_number"] = NUMBERS[2 + len(number) % 8]


@schema.parametrize()
@settings(
    max_examples=20,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.usefixtures("db", "_connections_kept_open")
def test_the_api_answers_every_request_as_its_document_says(case: Any, callers: Callers) -> None:
    _aim_at_real_objects(case, callers)
    credential = (
        callers.setting_key if case.operation.label.endswith("/sharing/lookups") else callers.token
    )
    case.call_and_validate(headers={"Authorization": f"Bearer {credential}"}, checks=CHECKS)


# What schemathesis found, kept as plain examples --------------------------------------


def test_a_huge_offset_is_refused_not_a_server_error(world: World) -> None:
    caller = caller_for(world.staff)

    response = caller.get("/api/v1/ideas", offset=40107584805183565070336)

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "offset"
    assert caller.get("/api/v1/ideas", offset=OFFSET_MAX).status_code == 200


@pytest.mark.parametrize("body", [b"\xff\xfe", b"{not json", b"\x00"])
def test_a_body_that_is_not_json_gets_the_documented_400(world: World, body: bytes) -> None:
    caller = caller_for(world.staff)

    response = caller.client.post(
        "/api/v1/ideas", body, content_type="application/json", headers=caller.headers
    )
    operation = api.get_openapi_schema()["paths"]["/api/v1/ideas"]["post"]

    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body", "errors": []}
    assert 400 in operation["responses"]
    assert not Idea.objects.exists()


def test_health_documents_the_422_it_gives_for_an_organisation_that_is_not_a_number(
    world: World,
) -> None:
    response = caller_for(world.manager).get("/api/v1/health/indicators", organisation="AAA")
    operation = api.get_openapi_schema()["paths"]["/api/v1/health/indicators"]["get"]

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "organisation", "message": "Enter a whole number"}
    ]
    assert 422 in operation["responses"]


def test_nul_characters_and_overlong_flag_fields_are_refused_by_field(world: World) -> None:
    caller = caller_for(world.manager)
    idea = {"team_id": world.assessment.pk, "problem_kind": "waste", "idea": "i"}
    flag_body = {
        "nhs_number": NUMBERS[5],
        "plan_type": "looked_after",
        "start_date": "2026-01-02",
        "team_phone": "01632 960002",
    }

    nul = caller.post("/api/v1/ideas", {**idea, "problem": "a\x00b", "expected_benefit": "e"})
    long_name = caller.post("/api/v1/sharing/flags", {**flag_body, "team_name": "x" * 201})

    assert nul.status_code == 422
    assert nul.json()["errors"] == [
        {"field": "problem", "message": "Remove the null characters from this text"}
    ]
    assert long_name.status_code == 422
    assert long_name.json()["errors"] == [
        {"field": "team_name", "message": "Keep it to 200 characters or fewer"}
    ]
    assert not Idea.objects.exists()
