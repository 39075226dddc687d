"""What a clinician sees, at parity with CP-IS (issue 21, ADR 0025): the duty number, plans
ended in the last year, attendances in other settings, looked-after status, unborn plans
and their move to the baby's NHS number, and superseded NHS numbers."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.notifications.models import Notification
from candour.sharing import services
from candour.sharing.models import Attendance, ChildFlag
from candour.sharing.tests.support import (
    CHILD,
    NUMBERS,
    another_setting,
    flag,
    unborn_flag,
)
from conftest import signed_in_client
from tests.clock import A_THURSDAY

pytestmark = pytest.mark.time_machine(A_THURSDAY, tick=False)


def ask(setting, user, number=CHILD):
    return services.look_up(setting=setting, nhs=number, reason="attending_now", user=user)


def test_the_answer_gives_the_duty_number_beside_the_teams(world, hospital):
    today = timezone.localdate()
    services.record_flag(
        actor=world.manager,
        organisation=world.riverside,
        draft=services.FlagDraft(
            CHILD, "child_protection_plan", today, None, "Assessment", "01632 960000",
            out_of_hours_phone="01632 960 999",
        ),
    )  # fmt: skip

    answer = ask(hospital.setting, hospital.nurse)

    assert [(p.team_phone, p.out_of_hours_phone) for p in answer.plans] == [
        ("01632 960000", "01632 960 999")
    ]
    page = signed_in_client(hospital.nurse).post(
        "/sharing/lookup/", {"nhs_number": CHILD, "reason": "attending_now"}, follow=True
    )
    assert "Out of hours (duty): 01632 960 999" in page.content.decode()


def test_a_duty_number_that_is_not_a_number_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        services.record_flag(
            actor=world.manager,
            organisation=world.riverside,
            draft=services.FlagDraft(
                CHILD, "looked_after", timezone.localdate(), None, "A", "01632 960000",
                out_of_hours_phone="ring the duty desk",
            ),
        )  # fmt: skip
    assert "out_of_hours_phone" in refused.value.message_dict
    assert not ChildFlag.objects.exists()


def test_a_looked_after_child_is_said_to_be_looked_after(world, hospital):
    today = timezone.localdate()
    services.record_flag(
        actor=world.manager,
        organisation=world.riverside,
        draft=services.FlagDraft(
            CHILD, "looked_after", today, None, "Children in care", "01632 960111"
        ),
    )

    answer = ask(hospital.setting, hospital.nurse)

    assert answer.looked_after
    page = signed_in_client(hospital.nurse).post(
        "/sharing/lookup/", {"nhs_number": NUMBERS[1], "reason": "attending_now"}, follow=True
    )
    assert "looked after" not in page.content.decode().split('id="answer"')[1].split("</div>")[0]


def test_plans_ended_in_the_last_year_are_shown_marked_ended(world, hospital):
    today = timezone.localdate()
    flag(world, start=today - dt.timedelta(days=400), end=today - dt.timedelta(days=100))
    flag(world, start=today - dt.timedelta(days=900), end=today - dt.timedelta(days=400))

    answer = ask(hospital.setting, hospital.nurse)

    assert not answer.found
    assert [(p.ended, p.end_date) for p in answer.ended_plans] == [
        (True, today - dt.timedelta(days=100))
    ]
    page = (
        signed_in_client(hospital.nurse)
        .post("/sharing/lookup/", {"nhs_number": CHILD, "reason": "attending_now"}, follow=True)
        .content.decode()
    )
    assert "Plans ended in the last 12 months" in page
    assert "Ended" in page
    assert "No current plan" in page


def test_attendances_in_other_settings_in_the_last_year_are_shown_most_recent_25(world, hospital):
    flag(world, start=timezone.localdate() - dt.timedelta(days=500))
    unit, unit_nurse = another_setting()
    start = A_THURSDAY - dt.timedelta(days=40)
    for day in range(30):
        with time_machine.travel(start + dt.timedelta(days=day), tick=False):
            ask(unit, unit_nurse)
    with time_machine.travel(A_THURSDAY - dt.timedelta(days=400), tick=False):
        ask(unit, unit_nurse)  # over a year ago: not shown
    with time_machine.travel(A_THURSDAY - dt.timedelta(days=2), tick=False):
        ask(hospital.setting, hospital.nurse)  # the asking setting's own: not shown

    answer = ask(hospital.setting, hospital.nurse)

    shown = [a.attended_on for a in answer.attendances]
    assert len(shown) == services.EARLIER_ATTENDANCES_SHOWN == 25
    assert shown == sorted(shown, reverse=True)
    assert shown[0] == (start + dt.timedelta(days=29)).date()
    assert {a.setting_name for a in answer.attendances} == {"Moorland Minor Injuries Unit"}


def test_an_unknown_child_gets_no_attendances(world, hospital):
    unit, unit_nurse = another_setting()

    answer = ask(unit, unit_nurse, NUMBERS[6])

    assert (answer.found, answer.attendances, answer.ended_plans) == (False, (), ())


def test_an_unborn_plan_answers_for_the_mother_with_the_due_date(world, hospital):
    unborn = unborn_flag(world)

    answer = ask(hospital.setting, hospital.nurse, NUMBERS[3])

    assert [(p.unborn, p.expected_due_date) for p in answer.plans] == [
        (True, unborn.expected_due_date)
    ]
    page = (
        signed_in_client(hospital.nurse)
        .post(
            "/sharing/lookup/", {"nhs_number": NUMBERS[3], "reason": "attending_now"}, follow=True
        )
        .content.decode()
    )
    assert "Unborn child protection plan" in page
    assert unborn.expected_due_date is not None
    assert "expected on " + unborn.expected_due_date.strftime("%-d %B %Y") in page


def test_an_unborn_plan_needs_a_due_date_and_no_other_plan_has_one(world):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as unborn:
        services.record_flag(
            actor=world.manager,
            organisation=world.riverside,
            draft=services.FlagDraft(
                CHILD, "unborn_child_protection_plan", today, None, "A", "01632 960000"
            ),
        )
    with pytest.raises(ValidationError) as other:
        services.record_flag(
            actor=world.manager,
            organisation=world.riverside,
            draft=services.FlagDraft(
                CHILD, "looked_after", today, None, "A", "01632 960000", expected_due_date=today
            ),
        )
    assert "expected due date" in unborn.value.message_dict["expected_due_date"][0]
    assert "Only an unborn" in other.value.message_dict["expected_due_date"][0]
    assert not ChildFlag.objects.exists()


def test_after_the_birth_the_plan_moves_to_the_babys_number(world, hospital):
    unborn = unborn_flag(world)
    born = timezone.localdate()

    baby = services.record_birth(
        actor=world.manager, flag=unborn, baby_nhs_number=NUMBERS[4], born_on=born
    )

    unborn.refresh_from_db()
    assert (unborn.moved_to, unborn.end_date) == (baby, born)
    assert (baby.nhs_number, baby.plan_type, baby.start_date) == (
        NUMBERS[4],
        "child_protection_plan",
        born,
    )
    assert baby.out_of_hours_phone == "01632 960999"
    mother = ask(hospital.setting, hospital.nurse, NUMBERS[3])
    assert (mother.found, mother.ended_plans) == (False, ())
    assert ask(hospital.setting, hospital.nurse, NUMBERS[4]).found
    event = AuditEvent.objects.get(event_type=AuditEventType.SHARING_FLAG_MOVED_AT_BIRTH)
    assert event.data == {"baby_flag": baby.pk, "born_on": born.isoformat()}
    assert NUMBERS[4] not in str(event.data)


@pytest.mark.parametrize(
    ("number", "born_days_ago", "message"),
    [
        ("9990000019", 0, "last digit does not match"),
        (NUMBERS[3], 0, "not the mother's"),
        (NUMBERS[4], -1, "cannot be in the future"),
        (NUMBERS[4], 30, "on or after the plan's start date"),
    ],
)
def test_a_wrong_birth_changes_nothing(world, number, born_days_ago, message):
    unborn = unborn_flag(world)

    with pytest.raises(ValidationError) as refused:
        services.record_birth(
            actor=world.manager,
            flag=unborn,
            baby_nhs_number=number,
            born_on=timezone.localdate() - dt.timedelta(days=born_days_ago),
        )

    assert message in " ".join(refused.value.messages)
    unborn.refresh_from_db()
    assert (unborn.moved_to, unborn.end_date) == (None, None)
    assert ChildFlag.objects.count() == 1


def test_only_the_authoritys_keepers_record_a_birth_and_only_for_unborn_plans(world):
    unborn = unborn_flag(world)
    with pytest.raises(PermissionDenied):
        services.record_birth(
            actor=world.other_admin, flag=unborn, baby_nhs_number=NUMBERS[4],
            born_on=timezone.localdate(),
        )  # fmt: skip
    with pytest.raises(ValidationError, match="Only an unborn"):
        services.record_birth(
            actor=world.manager, flag=flag(world), baby_nhs_number=NUMBERS[4],
            born_on=timezone.localdate(),
        )  # fmt: skip


def test_the_birth_is_recorded_on_the_flags_page(world):
    unborn = unborn_flag(world)
    client = signed_in_client(world.manager)

    assert "The baby has been born" in client.get(f"/sharing/flags/{unborn.pk}/").content.decode()
    response = client.post(
        f"/sharing/flags/{unborn.pk}/birth/",
        {"baby_nhs_number": "999 000 0085", "born_on": timezone.localdate().isoformat()},
        follow=True,
    )

    baby = ChildFlag.objects.get(moved_from=unborn)
    assert baby.nhs_number == "9990000085"
    assert f"moved to the baby&#x27;s NHS number as {baby.reference}" in response.content.decode()
    page = client.get(f"/sharing/flags/{unborn.pk}/").content.decode()
    assert baby.reference in page
    assert "The baby has been born" not in page


def test_a_lookup_of_an_ended_plan_is_seen_by_the_authority_but_not_told(world, hospital):
    today = timezone.localdate()
    ended = flag(world, start=today - dt.timedelta(days=90), end=today - dt.timedelta(days=5))

    ask(hospital.setting, hospital.nurse)

    assert [a.flag for a in Attendance.objects.all()] == [ended]
    assert not Notification.objects.exists()
    page = signed_in_client(world.manager).get(f"/sharing/flags/{ended.pk}/").content.decode()
    assert "Riverside Hospital" in page
