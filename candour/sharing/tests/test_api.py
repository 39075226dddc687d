from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from candour.api.tests.support import caller_for
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.sharing import services
from candour.sharing.keys import hashes
from candour.sharing.models import Attendance, ChildFlag, Lookup
from candour.sharing.tests.support import CHILD, NUMBERS, flag
from conftest import signed_in_client

LOOKUPS = "/api/v1/sharing/lookups"
FLAGS = "/api/v1/sharing/flags"


def post_with_key(key: str, body: Mapping[str, object], *, clinician: bool = True) -> Any:
    if clinician:
        body = {"requested_by": "Dr A Patel (ED 4471)", **body}
    return Client().post(
        LOOKUPS, body, content_type="application/json", headers={"Authorization": f"Bearer {key}"}
    )


def refusals() -> list[dict[str, Any]]:
    return [
        e.data
        for e in AuditEvent.objects.filter(event_type=AuditEventType.SHARING_LOOKUP).order_by(
            "sequence"
        )
        if "refused" in e.data
    ]


def test_a_lookup_returns_only_the_allowed_fields(world, hospital):
    child = flag(world)

    response = post_with_key(hospital.key, {"nhs_number": CHILD, "reason": "attending_now"})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "found",
        "looked_after",
        "superseded_number",
        "inactive_number",
        "plans",
        "ended_plans",
        "attendances",
    }
    assert body == {
        "found": True,
        "looked_after": False,
        "superseded_number": False,
        "inactive_number": False,
        "plans": [
            {
                "plan_type": "child_protection_plan",
                "start_date": child.start_date.isoformat(),
                "end_date": None,
                "ended": False,
                "expected_due_date": None,
                "contact": {
                    "team_name": "Assessment",
                    "phone": "01632 960000",
                    "email": "cp.team@riverside.example",
                    "out_of_hours_phone": "",
                },
            }
        ],
        "ended_plans": [],
        "attendances": [],
    }
    event = AuditEvent.objects.get(event_type=AuditEventType.SHARING_LOOKUP)
    assert event.actor_id is None
    assert event.data["key"] == hospital.key.split("_")[1]


def test_a_key_lookup_names_the_clinician_who_asked(world, hospital):
    flag(world)

    response = post_with_key(hospital.key, {"nhs_number": CHILD, "reason": "attending_now"})

    assert response.status_code == 200
    assert Lookup.objects.get().requested_by == "Dr A Patel (ED 4471)"
    event = AuditEvent.objects.get(event_type=AuditEventType.SHARING_LOOKUP)
    assert event.data["requested_by"] == hashes.requester_digest("Dr A Patel (ED 4471)")
    assert "Patel" not in str(event.data)
    page = signed_in_client(hospital.nurse).get("/sharing/lookups/").content.decode()
    assert "Dr A Patel (ED 4471)" in page


@pytest.mark.parametrize("requested_by", [None, "", "   ", "x" * 101])
def test_a_key_lookup_without_the_clinician_is_refused(world, hospital, requested_by):
    body: dict[str, object] = {"nhs_number": CHILD, "reason": "attending_now"}
    if requested_by is not None:
        body["requested_by"] = requested_by

    response = post_with_key(hospital.key, body, clinician=False)

    assert response.status_code == 422
    assert not Lookup.objects.filter(refusal="").exists()


def test_a_lookup_answers_with_every_current_flag_and_tells_each_authority(
    world, hospital, django_capture_on_commit_callbacks
):
    from candour.accounts.roles import Role
    from candour.notifications.models import Notification
    from conftest import make_person

    riverside = flag(world)
    moorland_manager = make_person(
        "manager@moorland.example", world.moorland, Role.MANAGER, world.moorland_team
    )
    moorland = services.record_flag(
        actor=moorland_manager,
        organisation=world.moorland,
        draft=services.FlagDraft(
            nhs_number=CHILD,
            plan_type="looked_after",
            start_date=timezone.localdate() - dt.timedelta(days=3),
            end_date=None,
            team_name="Children in care",
            team_phone="01632 960111",
            team_email="cic@moorland.example",
        ),
    )

    with django_capture_on_commit_callbacks(execute=True):
        body = post_with_key(hospital.key, {"nhs_number": CHILD, "reason": "admitted"}).json()

    assert body["found"] is True
    assert [(p["plan_type"], p["contact"]["team_name"]) for p in body["plans"]] == [
        ("looked_after", "Children in care"),
        ("child_protection_plan", "Assessment"),
    ]
    assert {a.flag for a in Attendance.objects.all()} == {riverside, moorland}
    assert Notification.objects.filter(recipient=moorland_manager).count() == 1
    assert Notification.objects.filter(recipient=world.manager).count() == 1
    # The inbox's "About:" line names the flag, so a manager can tell lookups apart.
    assert Notification.objects.get(recipient=moorland_manager).about == (
        f"Flag {moorland.reference}"
    )
    assert {tuple(m.to) for m in mail.outbox} >= {
        ("cp.team@riverside.example",),
        ("cic@moorland.example",),
    }


def test_an_expired_plan_says_no_current_plan_and_shows_it_ended(world, hospital):
    today = timezone.localdate()
    ended = today - dt.timedelta(days=2)
    flag(world, start=today - dt.timedelta(days=90), end=ended)

    body = post_with_key(hospital.key, {"nhs_number": CHILD, "reason": "admitted"}).json()

    assert (body["found"], body["plans"]) == (False, [])
    assert [(p["ended"], p["end_date"]) for p in body["ended_plans"]] == [(True, ended.isoformat())]


def test_a_plan_ended_over_a_year_ago_is_not_shown(world, hospital):
    today = timezone.localdate()
    flag(world, start=today - dt.timedelta(days=900), end=today - dt.timedelta(days=366))

    body = post_with_key(hospital.key, {"nhs_number": CHILD, "reason": "admitted"}).json()

    assert (body["found"], body["plans"], body["ended_plans"]) == (False, [], [])
    assert not Attendance.objects.exists()


def test_a_bad_nhs_number_is_explained(world, hospital):
    response = post_with_key(hospital.key, {"nhs_number": "9990000019", "reason": "admitted"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "nhs_number"
    assert "last digit" in response.json()["errors"][0]["message"]
    [refused] = refusals()
    assert refused["refused"] == "invalid_nhs_number"
    assert Lookup.objects.get(refusal="invalid_nhs_number").requested_by == "Dr A Patel (ED 4471)"
    assert refused["key"] == hospital.key.split("_")[1]
    assert "9990000019" not in str(list(AuditEvent.objects.values_list("data", flat=True)))


def test_wrong_revoked_or_inactive_keys_and_personal_tokens_are_refused(world, hospital):
    flag(world)
    body = {"nhs_number": CHILD, "reason": "attending_now"}
    prefix = hospital.key.split("_")[1]

    assert post_with_key(hospital.key[:-4] + "AAAA", body).status_code == 401
    assert refusals()[-1] == {
        "refused": "wrong_key",
        "setting": None,
        "key": prefix,
        "requested_by": None,
        "reason": None,
        "fields": [],
    }
    assert (
        post_with_key(caller_for(world.manager).headers["Authorization"][7:], body).status_code
        == 401
    )
    assert Client().post(LOOKUPS, body, content_type="application/json").status_code == 401
    services.register_setting(actor=None, organisation=hospital.organisation, active=False)
    assert post_with_key(hospital.key, body).status_code == 401
    assert refusals()[-1]["refused"] == "inactive_setting"
    assert refusals()[-1]["setting"] == hospital.setting.pk
    assert list(Lookup.objects.values_list("refusal", flat=True)) == ["inactive_setting"]
    assert CHILD not in str([e for e in refusals()])


def test_a_revoked_key_is_refused_and_audited(world, hospital):
    from candour.sharing.models import SettingKey

    key = SettingKey.objects.get()
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])

    response = post_with_key(hospital.key, {"nhs_number": CHILD, "reason": "attending_now"})

    assert response.status_code == 401
    assert refusals()[-1]["refused"] == "revoked_key"
    assert refusals()[-1]["key"] == key.prefix


def test_lookups_by_key_are_rate_limited(world, hospital):
    body = {"nhs_number": NUMBERS[3], "reason": "attending_now"}
    for _ in range(services.LOOKUPS_PER_MINUTE):
        assert post_with_key(hospital.key, body).status_code == 200

    refused = post_with_key(hospital.key, body)

    assert refused.status_code == 429
    assert "Too many lookups" in refused.json()["detail"]
    assert [r["refused"] for r in refusals()] == ["rate_limited"]


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
