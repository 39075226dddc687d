from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.test import Client
from django.utils import timezone

from candour.api.tests.support import caller_for
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.sharing import services
from candour.sharing.models import ChildFlag, Lookup
from candour.sharing.tests.support import CHILD, NUMBERS, flag

LOOKUPS = "/api/v1/sharing/lookups"
FLAGS = "/api/v1/sharing/flags"


def post_with_key(key: str, body: Mapping[str, object]) -> Any:
    return Client().post(
        LOOKUPS, body, content_type="application/json", headers={"Authorization": f"Bearer {key}"}
    )


def test_a_lookup_returns_only_the_allowed_fields(world, hospital):
    child = flag(world)

    response = post_with_key(hospital.key, {"nhs_number": CHILD, "reason": "attending_now"})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"found", "plan_type", "start_date", "contact"}
    assert set(body["contact"]) == {"team_name", "phone", "email"}
    assert body == {
        "found": True,
        "plan_type": "child_protection_plan",
        "start_date": child.start_date.isoformat(),
        "contact": {
            "team_name": "Assessment",
            "phone": "01632 960000",
            "email": "cp.team@riverside.example",
        },
    }
    event = AuditEvent.objects.get(event_type=AuditEventType.SHARING_LOOKUP)
    assert event.actor_id is None
    assert event.data["key"] == hospital.key.split("_")[1]


def test_an_expired_plan_says_no_current_plan(world, hospital):
    today = timezone.localdate()
    flag(world, start=today - dt.timedelta(days=90), end=today - dt.timedelta(days=2))

    body = post_with_key(hospital.key, {"nhs_number": CHILD, "reason": "admitted"}).json()

    assert body == {"found": False, "plan_type": None, "start_date": None, "contact": None}


def test_a_bad_nhs_number_is_explained(world, hospital):
    response = post_with_key(hospital.key, {"nhs_number": "9990000019", "reason": "admitted"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "nhs_number"
    assert "last digit" in response.json()["errors"][0]["message"]


def test_wrong_revoked_or_inactive_keys_and_personal_tokens_are_refused(world, hospital):
    flag(world)
    body = {"nhs_number": CHILD, "reason": "attending_now"}
    prefix = hospital.key.split("_")[1]

    assert post_with_key(hospital.key[:-4] + "AAAA", body).status_code == 401
    assert (
        post_with_key(caller_for(world.manager).headers["Authorization"][7:], body).status_code
        == 401
    )
    assert Client().post(LOOKUPS, body, content_type="application/json").status_code == 401
    services.register_setting(actor=None, organisation=hospital.organisation, active=False)
    assert post_with_key(hospital.key, body).status_code == 401
    assert not Lookup.objects.exists()
    assert prefix


def test_lookups_by_key_are_rate_limited(world, hospital):
    body = {"nhs_number": NUMBERS[3], "reason": "attending_now"}
    for _ in range(services.LOOKUPS_PER_MINUTE):
        assert post_with_key(hospital.key, body).status_code == 200

    refused = post_with_key(hospital.key, body)

    assert refused.status_code == 429
    assert "Too many lookups" in refused.json()["detail"]


def test_a_manager_lists_records_and_ends_flags_over_the_api(world):
    caller = caller_for(world.manager)

    created = caller.post(
        FLAGS,
        {
            "nhs_number": NUMBERS[4],
            "plan_type": "looked_after",
            "start_date": "2026-01-02",
            "team_name": "Children in care",
            "team_phone": "01632 960002",
        },
    )
    assert created.status_code == 201
    flag_id = created.json()["id"]
    listed = caller.get(FLAGS).json()
    assert [item["id"] for item in listed] == [flag_id]
    ended = caller.post(f"{FLAGS}/{flag_id}/end", {"end_date": "2026-02-01"})
    assert ended.status_code == 200
    assert ended.json()["end_date"] == "2026-02-01"
    assert ChildFlag.objects.get().end_date == dt.date(2026, 2, 1)


def test_other_local_authorities_neither_list_nor_end_the_flags(world):
    from candour.accounts.roles import Role
    from conftest import make_person

    child = flag(world)
    moorland_manager = make_person(
        "manager@moorland.example", world.moorland, Role.MANAGER, world.moorland_team
    )
    caller = caller_for(moorland_manager)

    assert caller.get(FLAGS).json() == []
    assert caller.post(f"{FLAGS}/{child.pk}/end", {}).status_code == 404
    bad = caller.post(
        FLAGS,
        {
            "organisation_id": world.riverside.pk,
            "nhs_number": NUMBERS[5],
            "plan_type": "looked_after",
            "start_date": "2026-01-02",
            "team_name": "X",
            "team_phone": "01632 960002",
        },
    )
    assert bad.status_code == 404
