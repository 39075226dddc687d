from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.notifications.models import Notification
from candour.sharing import services
from candour.sharing.keys import hashes
from candour.sharing.models import Attendance, ChildFlag, Lookup
from candour.sharing.tests.support import CHILD, NUMBERS, flag


def ask(hospital, number=CHILD, reason="attending_now"):
    return services.look_up(
        setting=hospital.setting, nhs=number, reason=reason, user=hospital.nurse
    )


def test_a_flag_keeps_the_number_and_is_found_by_its_keyed_hash(world):
    recorded = flag(world, "999 000 0018")

    assert recorded.nhs_number == "9990000018"
    assert len(recorded.nhs_digest) == 64
    assert "9990000018" not in recorded.nhs_digest


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("12345", "10 digits"),
        ("99900000AB", "only digits"),
        ("9990000019", "last digit does not match"),
    ],
)
def test_invalid_nhs_numbers_are_refused(world, number, message):
    with pytest.raises(ValidationError) as refused:
        flag(world, number)

    assert message in refused.value.message_dict["nhs_number"][0]
    assert not ChildFlag.objects.exists()


def test_only_local_authority_managers_and_administrators_keep_flags(world):
    with pytest.raises(PermissionDenied):
        services.record_flag(
            actor=world.staff,
            organisation=world.riverside,
            draft=services.FlagDraft(CHILD, "looked_after", timezone.localdate(), None, "A", "1"),
        )
    with pytest.raises(PermissionDenied):
        services.record_flag(
            actor=world.other_admin,
            organisation=world.riverside,
            draft=services.FlagDraft(CHILD, "looked_after", timezone.localdate(), None, "A", "1"),
        )


def test_a_hit_creates_an_attendance_and_tells_the_team_without_the_number(
    world, hospital, django_capture_on_commit_callbacks
):
    child = flag(world)

    with django_capture_on_commit_callbacks(execute=True):
        answer = ask(hospital)

    assert answer.found
    assert [plan.plan_type for plan in answer.plans] == ["child_protection_plan"]
    attendance = Attendance.objects.get()
    assert (attendance.flag, attendance.setting) == (child, hospital.setting)
    assert attendance.attended_on == timezone.localdate()
    note = Notification.objects.get(recipient=world.manager)
    assert child.reference in note.body
    assert CHILD not in f"{note.subject} {note.body}"
    to_team = [m for m in mail.outbox if m.to == ["cp.team@riverside.example"]]
    assert len(to_team) == 1
    assert all(CHILD not in f"{m.subject} {m.body}" for m in mail.outbox)
    assert child.reference in to_team[0].body


def test_hits_and_misses_are_audited_without_the_number(world, hospital):
    flag(world)

    ask(hospital)
    ask(hospital, NUMBERS[1], reason="admitted")

    events = AuditEvent.objects.filter(event_type=AuditEventType.SHARING_LOOKUP).order_by(
        "sequence"
    )
    assert [(e.data["found"], e.data["reason"]) for e in events] == [
        (True, "attending_now"),
        (False, "admitted"),
    ]
    assert all(e.actor_id == hospital.nurse.pk for e in events)
    assert all(e.data["setting"] == hospital.setting.pk for e in events)
    everything = str(list(AuditEvent.objects.values_list("data", "object_id")))
    assert CHILD not in everything
    assert NUMBERS[1] not in everything
    assert Lookup.objects.filter(found=False).count() == 1


def test_plans_past_their_end_date_do_not_answer_as_current(world, hospital):
    today = timezone.localdate()
    ended = flag(world, start=today - dt.timedelta(days=90), end=today - dt.timedelta(days=1))
    flag(world, NUMBERS[1], start=today + dt.timedelta(days=3))

    answer = ask(hospital)
    assert not answer.found
    assert [plan.ended for plan in answer.ended_plans] == [True]
    assert not ask(hospital, NUMBERS[1]).found
    # The authority still sees the lookup of its child, but no team is told at once.
    assert [a.flag for a in Attendance.objects.all()] == [ended]
    assert not Notification.objects.exists()


def test_an_ended_plan_answers_until_its_end_date(world, hospital):
    child = flag(world)
    services.end_flag(actor=world.manager, flag=child, end_date=timezone.localdate())
    assert ask(hospital).found

    services.end_flag(
        actor=world.manager, flag=child, end_date=timezone.localdate() - dt.timedelta(days=1)
    )
    assert not ask(hospital).found


def test_an_inactive_setting_and_people_of_other_organisations_are_refused(world, hospital):
    flag(world)
    with pytest.raises(PermissionDenied):
        services.look_up(
            setting=hospital.setting, nhs=CHILD, reason="attending_now", user=world.staff
        )
    services.register_setting(actor=None, organisation=hospital.organisation, active=False)
    hospital.setting.refresh_from_db()
    with pytest.raises(PermissionDenied):
        ask(hospital)


def test_other_with_no_text_is_refused(world, hospital):
    with pytest.raises(ValidationError) as refused:
        ask(hospital, reason="other")
    assert "reason_other" in refused.value.message_dict


def test_lookups_are_rate_limited_per_person(world, hospital, settings):
    for _ in range(services.LOOKUPS_PER_MINUTE):
        ask(hospital, NUMBERS[2])

    with pytest.raises(services.LookupRateLimitedError):
        ask(hospital, NUMBERS[2])
    assert Lookup.objects.filter(refusal="").count() == services.LOOKUPS_PER_MINUTE
    assert Lookup.objects.get(refusal="rate_limited").asked_by == hospital.nurse


def test_other_local_authorities_cannot_see_the_flags(world):
    flag(world)

    assert ChildFlag.objects.visible_to(world.manager).count() == 1
    assert ChildFlag.objects.visible_to(world.admin).count() == 1
    assert not ChildFlag.objects.visible_to(world.other_admin).exists()
    assert not ChildFlag.objects.visible_to(world.staff).exists()
    assert not ChildFlag.objects.visible_to(world.analyst).exists()
    assert not ChildFlag.objects.visible_to(world.national_analyst).exists()


@pytest.mark.parametrize("email", ["not an address", "duty@", "@council.gov.uk"])
def test_a_team_email_that_is_not_an_address_is_refused(world, email):
    with pytest.raises(ValidationError) as refused:
        flag(world, email=email)
    assert "Enter the team's email address in the right form" in str(
        refused.value.message_dict["team_email"]
    )
    assert not ChildFlag.objects.exists()


def test_a_flag_without_a_team_email_is_recorded(world):
    assert flag(world, email="").team_email == ""


def _refusals():
    return [
        e
        for e in AuditEvent.objects.filter(event_type=AuditEventType.SHARING_LOOKUP).order_by(
            "sequence"
        )
        if "refused" in e.data
    ]


def test_refused_lookups_are_audited_with_who_and_why_but_not_the_number(world, hospital):
    with pytest.raises(ValidationError):
        ask(hospital, "9990000019")
    with pytest.raises(PermissionDenied):
        services.look_up(
            setting=hospital.setting, nhs=CHILD, reason="attending_now", user=world.staff
        )
    with pytest.raises(PermissionDenied):
        services.look_up(setting=None, nhs=CHILD, reason="attending_now", user=world.staff)
    services.register_setting(actor=None, organisation=hospital.organisation, active=False)
    hospital.setting.refresh_from_db()
    with pytest.raises(PermissionDenied):
        ask(hospital)

    refused = _refusals()
    assert [(e.data["refused"], e.actor_id) for e in refused] == [
        ("invalid_nhs_number", hospital.nurse.pk),
        ("no_rights", world.staff.pk),
        ("no_setting", world.staff.pk),
        ("inactive_setting", hospital.nurse.pk),
    ]
    assert refused[0].data["fields"] == ["nhs_number"]
    everything = str(list(AuditEvent.objects.values_list("data", "object_id")))
    assert "9990000019" not in everything
    assert CHILD not in everything
    assert not Attendance.objects.exists()


def test_a_flag_is_still_found_after_the_secret_key_is_rotated(world, hospital, settings):
    flag(world)
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40

    settings.SECRET_KEY_FALLBACKS = []
    assert not ask(hospital).found  # the false negative this guards against

    settings.SECRET_KEY_FALLBACKS = [old]
    assert ask(hospital).found


def test_rehash_recomputes_digests_under_the_current_key_and_is_audited(world, hospital, settings):
    from io import StringIO

    from django.core.management import call_command

    child = flag(world)
    flag(world, NUMBERS[1])
    settings.SECRET_KEY = "a-new-secret-key-" + "y" * 40
    err, out = StringIO(), StringIO()

    call_command("sharing", "rehash", stdout=out, stderr=err)

    child.refresh_from_db()
    assert child.nhs_digest == hashes.nhs_digest(CHILD)
    assert "rehashed 2 of 2 flags" in out.getvalue()
    assert "Rehashing flags" in err.getvalue()
    settings.SECRET_KEY_FALLBACKS = []
    assert ask(hospital).found
    event = AuditEvent.objects.filter(event_type=AuditEventType.SHARING_DIGESTS_REHASHED).last()
    assert event is not None
    assert event.data == {"rehashed": 2}
    assert event.organisation_id == world.riverside.pk
    call_command("sharing", "rehash", stdout=out, stderr=err)
    assert "rehashed 0 of 2 flags" in out.getvalue()


def test_the_notice_goes_to_the_managers_of_the_flags_team(
    world, hospital, django_capture_on_commit_callbacks
):
    from candour.notifications.models import Notification

    flag(world)  # team "Assessment", a team of Riverside's: its manager only
    services.record_flag(
        actor=world.manager,
        organisation=world.riverside,
        draft=services.FlagDraft(
            NUMBERS[1], "looked_after", timezone.localdate(), None, "Emergency duty", "01632 960001"
        ),
    )

    with django_capture_on_commit_callbacks(execute=True):
        ask(hospital)
    assert Notification.objects.filter(recipient=world.manager).count() == 1
    assert not Notification.objects.filter(recipient=world.other_manager).exists()

    with django_capture_on_commit_callbacks(execute=True):
        ask(hospital, NUMBERS[1])
    # A team name that matches no team falls back to every manager of the authority.
    assert Notification.objects.filter(recipient=world.manager).count() == 2
    assert Notification.objects.filter(recipient=world.other_manager).count() == 1


@pytest.mark.parametrize("phone", ["ring duty", "n/a", "12345", "0163296000x"])
def test_a_team_phone_that_is_not_a_number_is_refused(world, phone):
    with pytest.raises(ValidationError) as refused:
        services.record_flag(
            actor=world.manager,
            organisation=world.riverside,
            draft=services.FlagDraft(CHILD, "looked_after", timezone.localdate(), None, "A", phone),
        )
    assert "team_phone" in refused.value.message_dict
