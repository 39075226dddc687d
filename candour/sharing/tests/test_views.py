from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from candour.sharing.models import Attendance, ChildFlag, Lookup
from candour.sharing.tests.support import CHILD, NUMBERS, flag
from conftest import make_person, signed_in_client


def test_a_manager_adds_a_flag_and_sees_it_listed(world):
    client = signed_in_client(world.manager)

    response = client.post(
        "/sharing/flags/new/",
        {
            "nhs_number": "999 000 0018",
            "plan_type": "child_protection_plan",
            "start_date": "2026-01-05",
            "team_name": "Assessment",
            "team_phone": "01632 960000",
        },
    )

    flag_ = ChildFlag.objects.get()
    assert response.status_code == 302
    assert flag_.nhs_number == "9990000018"
    assert flag_.reference in client.get("/sharing/flags/").content.decode()


def test_a_bad_nhs_number_is_explained_on_the_page(world):
    response = signed_in_client(world.manager).post(
        "/sharing/flags/new/", {"nhs_number": "12345", "plan_type": "looked_after"}
    )

    assert response.status_code == 200
    assert "An NHS number has 10 digits; this has 5" in response.content.decode()
    assert not ChildFlag.objects.exists()


def test_upload_shows_every_problem_by_line(world):
    data = (
        "nhs_number,plan_type,start_date,team_name,team_phone\n"
        f"{NUMBERS[0]},cpp,2026-01-05,A,01632 960000\n"
        "123,cpp,2026-01-05,A,01632 960000\n"
    )
    page = signed_in_client(world.manager).post(
        "/sharing/flags/import/", {"file": SimpleUploadedFile("f.csv", data.encode())}
    )

    assert "Nothing was imported" in page.content.decode()
    assert "Line 3" in page.content.decode()
    assert not ChildFlag.objects.exists()


def test_other_local_authorities_and_staff_cannot_open_a_flag(world):
    child = flag(world)

    assert signed_in_client(world.other_admin).get(f"/sharing/flags/{child.pk}/").status_code == 404
    assert signed_in_client(world.staff).get(f"/sharing/flags/{child.pk}/").status_code == 404
    assert signed_in_client(world.staff).get("/sharing/flags/").status_code == 404


def test_a_nurse_looks_a_child_up_and_the_flag_page_shows_the_attendance(world, hospital):
    child = flag(world)
    nurse = signed_in_client(hospital.nurse)

    page = nurse.post(
        "/sharing/lookup/", {"nhs_number": CHILD, "reason": "safeguarding_concern"}, follow=True
    ).content.decode()

    assert "Child protection plan" in page
    assert "01632 960000" in page
    assert Attendance.objects.count() == 1
    flag_page = signed_in_client(world.manager).get(f"/sharing/flags/{child.pk}/").content.decode()
    assert "Riverside Hospital" in flag_page
    assert "A safeguarding concern" in flag_page


def test_a_miss_says_no_current_plan(world, hospital):
    page = signed_in_client(hospital.nurse).post(
        "/sharing/lookup/", {"nhs_number": NUMBERS[6], "reason": "attending_now"}, follow=True
    )

    assert "No current plan" in page.content.decode()


def test_the_reason_is_required(world, hospital):
    page = signed_in_client(hospital.nurse).post(
        "/sharing/lookup/", {"nhs_number": CHILD, "reason": "other"}, follow=True
    )

    assert "Say why you are looking the child up" in page.content.decode()
    assert not Lookup.objects.exists()


def test_people_outside_registered_settings_cannot_look_up(world, hospital):
    assert signed_in_client(world.staff).get("/sharing/lookup/").status_code == 404
    assert signed_in_client(world.manager).get("/sharing/lookups/").status_code == 404


def test_a_setting_sees_only_its_own_lookups(world, hospital):
    from candour.accounts.roles import Role
    from candour.core.models import OrganisationKind
    from candour.core.services import create_organisation, create_team
    from candour.sharing import services

    clinic = create_organisation(
        actor=None, name="Out of hours GP", kind=OrganisationKind.PARTNER_AGENCY
    )
    team = create_team(actor=None, organisation=clinic, name="Night")
    doctor = make_person("gp@clinic.example", clinic, Role.STAFF, team)
    setting = services.register_setting(actor=None, organisation=clinic)
    services.look_up(
        setting=setting, nhs=CHILD, reason="other", reason_other="GP review", user=doctor
    )
    services.look_up(setting=hospital.setting, nhs=CHILD, reason="admitted", user=hospital.nurse)

    page = signed_in_client(hospital.nurse).get("/sharing/lookups/").content.decode()

    assert "The child has been admitted" in page
    assert "GP review" not in page
    assert Lookup.objects.visible_to(doctor).count() == 1


def test_navigation_offers_information_sharing(world, hospital):
    # The navigation's Sharing section (issue 18) opens the information sharing page.
    def sharing_in_navigation(user) -> bool:
        page = signed_in_client(user).get("/").content.decode()
        navigation = page.split('id="navigation"')[1].split("</ul>")[0]
        return 'href="/sharing/"' in navigation and "Sharing" in navigation

    assert sharing_in_navigation(world.manager)
    assert sharing_in_navigation(hospital.nurse)
    assert not sharing_in_navigation(world.staff)


def test_an_invalid_number_on_the_page_is_explained_and_audited(world, hospital):
    from candour.audit.events import AuditEventType
    from candour.audit.models import AuditEvent

    page = signed_in_client(hospital.nurse).post(
        "/sharing/lookup/", {"nhs_number": "9990000019", "reason": "attending_now"}, follow=True
    )

    assert "last digit does not match" in page.content.decode()
    event = AuditEvent.objects.get(event_type=AuditEventType.SHARING_LOOKUP)
    assert (event.data["refused"], event.actor_id) == ("invalid_nhs_number", hospital.nurse.pk)
    assert "9990000019" not in str(event.data)


def test_a_person_in_no_setting_who_posts_a_lookup_is_refused_and_audited(world, hospital):
    from candour.audit.events import AuditEventType
    from candour.audit.models import AuditEvent

    response = signed_in_client(world.staff).post(
        "/sharing/lookup/", {"nhs_number": CHILD, "reason": "attending_now"}, follow=True
    )

    assert response.status_code == 404
    event = AuditEvent.objects.get(event_type=AuditEventType.SHARING_LOOKUP)
    assert (event.data["refused"], event.actor_id) == ("no_setting", world.staff.pk)


def _second_setting_for(person):
    from candour.accounts.roles import Role
    from candour.accounts.services import grant_role
    from candour.core.models import OrganisationKind
    from candour.core.services import create_organisation, create_team
    from candour.sharing import services

    clinic = create_organisation(
        actor=None, name="Another Minor Injuries Unit", kind=OrganisationKind.PARTNER_AGENCY
    )
    team = create_team(actor=None, organisation=clinic, name="Minor injuries")
    grant_role(actor=None, user=person, organisation=clinic, role=Role.STAFF, team=team)
    return services.register_setting(actor=None, organisation=clinic)


def test_a_person_in_two_settings_chooses_which_one_asks(world, hospital):
    client = signed_in_client(hospital.nurse)
    assert 'name="setting"' not in client.get("/sharing/lookup/").content.decode()
    clinic = _second_setting_for(hospital.nurse)

    form = client.get("/sharing/lookup/").content.decode()
    assert 'name="setting"' in form
    assert "Another Minor Injuries Unit" in form
    assert "Riverside Hospital" in form
    client.post(
        "/sharing/lookup/",
        {"setting": clinic.pk, "nhs_number": CHILD, "reason": "attending_now"},
    )
    assert Lookup.objects.get().setting == clinic
    missing = client.post(
        "/sharing/lookup/", {"nhs_number": CHILD, "reason": "attending_now"}, follow=True
    )
    assert missing.context["form"].errors["setting"]
    assert Lookup.objects.count() == 1


def test_the_lookups_page_pages_through_every_lookup(world, hospital):
    from candour.sharing import services
    from candour.sharing.views import LOOKUPS_PAGE_SIZE
    from candour.sharing.vocabulary import Refusal

    total = LOOKUPS_PAGE_SIZE + 5
    for _ in range(total):
        services.record_refused_lookup(
            refusal=Refusal.RATE_LIMITED, setting=hospital.setting, user=hospital.nurse
        )
    client = signed_in_client(hospital.nurse)

    first = client.get("/sharing/lookups/")
    assert len(first.context["lookups"]) == LOOKUPS_PAGE_SIZE
    older = first.context["page"].older
    assert f"before={older}" in first.content.decode()
    second = client.get(f"/sharing/lookups/?setting={hospital.setting.pk}&before={older}")
    assert len(second.context["lookups"]) == 5
    seen = {lookup.pk for lookup in first.context["lookups"]} | {
        lookup.pk for lookup in second.context["lookups"]
    }
    assert seen == set(Lookup.objects.values_list("pk", flat=True))


@pytest.mark.parametrize("phone", ["ring duty", "n/a", "0163296000x"])
def test_one_phone_check_for_the_page_the_api_and_the_import(world, phone):
    from candour.api.tests.support import caller_for

    page = signed_in_client(world.manager).post(
        "/sharing/flags/new/",
        {
            "nhs_number": CHILD,
            "plan_type": "looked_after",
            "start_date": "2026-01-05",
            "team_name": "Assessment",
            "team_phone": phone,
        },
    )
    assert "Enter the team&#x27;s phone number" in page.content.decode()
    api = caller_for(world.manager).post(
        "/api/v1/sharing/flags",
        {
            "nhs_number": CHILD,
            "plan_type": "looked_after",
            "start_date": "2026-01-05",
            "team_name": "Assessment",
            "team_phone": phone,
        },
    )
    assert api.status_code == 422
    assert api.json()["errors"][0]["field"] == "team_phone"
    data = (
        f"nhs_number,plan_type,start_date,team_name,team_phone\n{CHILD},cpp,2026-01-05,A,{phone}\n"
    )
    imported = signed_in_client(world.manager).post(
        "/sharing/flags/import/", {"file": SimpleUploadedFile("f.csv", data.encode())}
    )
    assert "is not a phone number" in imported.content.decode()
    assert not ChildFlag.objects.exists()
