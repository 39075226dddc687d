from __future__ import annotations

import re

import pytest
from django.urls import reverse

from candour.accounts.models import Membership, User
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.audit.verification import verify_audit_chain
from candour.core.models import Team
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db


def test_an_administrator_adds_a_team(world: World) -> None:
    client = signed_in_client(world.admin)
    url = reverse("core:add-team", args=[world.riverside.slug])
    response = client.post(url, {"name": "  Fostering Team "})
    assert response.status_code == 302
    team = Team.objects.get(name="Fostering Team")
    assert team.organisation == world.riverside
    event = AuditEvent.objects.get(event_type=AuditEventType.TEAM_CREATED, object_id=str(team.pk))
    assert event.actor_id == world.admin.pk
    assert event.organisation_id == world.riverside.pk
    page = client.get(reverse("core:organisation", args=[world.riverside.slug]))
    assert "Fostering Team" in page.content.decode()
    assert "Team Fostering Team added" in page.content.decode()


def test_a_duplicate_team_name_is_explained(world: World) -> None:
    client = signed_in_client(world.admin)
    url = reverse("core:add-team", args=[world.riverside.slug])
    body = client.post(url, {"name": "assessment"}).content.decode()
    assert "There is already a team with this name" in body
    assert 'value="assessment"' in body
    assert Team.objects.filter(organisation=world.riverside).count() == 2


def test_adding_a_person_with_a_missing_team_keeps_what_was_typed(world: World) -> None:
    client = signed_in_client(world.admin)
    url = reverse("accounts:add-person", args=[world.riverside.slug])
    response = client.post(
        url, {"full_name": "Kasia Nowak", "email": "kasia@riverside.example", "role": "staff"}
    )
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Choose the team this role is for" in body
    assert 'value="Kasia Nowak"' in body
    assert 'value="kasia@riverside.example"' in body
    assert re.search(r'<input[^>]*value="staff"[^>]*checked', body)
    assert not User.objects.filter(email="kasia@riverside.example").exists()


def test_an_administrator_adds_a_person_with_a_role(world: World) -> None:
    client = signed_in_client(world.admin)
    url = reverse("accounts:add-person", args=[world.riverside.slug])
    response = client.post(
        url,
        {
            "full_name": "Kasia Nowak",
            "email": "Kasia@Riverside.example",
            "role": "manager",
            "team": world.child_in_need.pk,
        },
    )
    assert response.status_code == 302
    person = User.objects.get(email="kasia@riverside.example")
    assert not person.has_usable_password()
    membership = Membership.objects.get(user=person)
    assert (membership.role, membership.team) == ("manager", world.child_in_need)
    events = AuditEvent.objects.filter(organisation=world.riverside).values_list(
        "event_type", flat=True
    )
    assert AuditEventType.USER_CREATED in events
    assert AuditEventType.MEMBERSHIP_GRANTED in events
    assert verify_audit_chain().ok


def test_an_email_already_in_use_is_refused_and_nothing_is_created(world: World) -> None:
    client = signed_in_client(world.admin)
    before = Membership.objects.count()
    body = client.post(
        reverse("accounts:add-person", args=[world.riverside.slug]),
        {"full_name": "Copy", "email": world.staff.email, "role": "analyst"},
    ).content.decode()
    assert "Someone already has an account with this email address" in body
    assert Membership.objects.count() == before


def test_national_analyst_is_only_offered_in_the_national_hub(world: World) -> None:
    body = (
        signed_in_client(world.admin)
        .get(reverse("accounts:add-person", args=[world.riverside.slug]))
        .content.decode()
    )
    assert "National analyst" not in body
    assert "Learning team analyst" in body


def test_giving_and_removing_a_role(world: World) -> None:
    client = signed_in_client(world.admin)
    grant = reverse("accounts:grant-role", args=[world.riverside.slug, world.staff.pk])
    assert client.post(grant, {"role": "analyst"}).status_code == 302
    membership = Membership.objects.active().get(user=world.staff, role="analyst")
    again = client.post(grant, {"role": "analyst"}).content.decode()
    assert "This person already has this role" in again

    revoke = reverse("accounts:revoke-role", args=[world.riverside.slug, membership.pk])
    confirm = client.get(revoke).content.decode()
    assert "Remove this role from" in confirm
    assert client.post(revoke).status_code == 302
    membership.refresh_from_db()
    assert membership.revoked_at is not None
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.MEMBERSHIP_REVOKED, object_id=str(membership.pk)
    ).exists()
    # The person loses what the role gave them at once.
    world.staff.forget_roles()
    assert not world.staff.requires_two_factor()


def test_audit_rows_written_by_administration_hold_no_names_or_addresses(world: World) -> None:
    client = signed_in_client(world.admin)
    client.post(
        reverse("accounts:add-person", args=[world.riverside.slug]),
        {"full_name": "Kasia Nowak", "email": "kasia@riverside.example", "role": "analyst"},
    )
    for event in AuditEvent.objects.all():
        text = str(event.data) + event.object_type + event.object_id
        assert "Kasia" not in text
        assert "@" not in text


def test_case_number_formats_are_validated_saved_and_used_by_de_identification(
    world: World,
) -> None:
    client = signed_in_client(world.admin)
    url = reverse("core:case-reference-patterns", args=[world.riverside.slug])
    bad = client.post(url, {"patterns": "RIV-(\\d{5}"})
    assert "is not a valid pattern" in bad.content.decode()
    assert client.post(url, {"patterns": "RIV-\\d{5}\n\n"}).status_code == 302
    world.riverside.refresh_from_db()
    assert world.riverside.case_reference_patterns == ["RIV-\\d{5}"]
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.ORGANISATION_SETTINGS_CHANGED
    ).exists()
    from datetime import date

    from candour.reporting import services
    from candour.reporting.vocabulary import Outcome, PartOfDay, Route, Setting

    report = services.submit_report(
        organisation=world.riverside,
        team=None,
        route=Route.ANONYMOUS,
        outcome=Outcome.NO_HARM,
        setting=Setting.OFFICE,
        occurred_month=date(2026, 11, 1),
        part_of_day=PartOfDay.MORNING,
        factors=[],
        narrative=services.Narrative(what_happened="The record RIV-48213 was merged wrongly."),
    ).report
    assert "RIV-48213" not in report.what_happened
    assert (
        signed_in_client(world.other_admin)
        .get(reverse("core:case-reference-patterns", args=[world.riverside.slug]))
        .status_code
        == 404
    )


def test_administrators_find_the_idea_response_time_from_the_organisation_page(
    world: World,
) -> None:
    url = reverse("core:organisation", args=[world.riverside.slug])
    link = reverse("ideas:response-standard", args=[world.riverside.slug])
    page = signed_in_client(world.admin).get(url).content.decode()
    assert f'href="{link}"' in page
    # Everyone else is refused the page, link and all: managers, staff and the
    # administrator of another organisation.
    for person in (world.manager, world.staff, world.analyst, world.other_admin):
        response = signed_in_client(person).get(url)
        assert response.status_code == 404
        assert link not in response.content.decode()


def test_the_menu_gives_staff_their_teams_feedback_and_leaders_the_health_pages(world):
    from django.urls import reverse

    from conftest import signed_in_client

    staff = signed_in_client(world.staff).get(reverse("core:home")).content.decode()
    assert f'href="{reverse("voice:published")}"' in staff
    assert f'href="{reverse("workforce:health")}"' not in staff
    manager = signed_in_client(world.manager)
    home = manager.get(reverse("core:home")).content.decode()
    for name in ("voice:results", "workforce:health"):
        assert f'href="{reverse(name)}"' in home
    # The survey is a page of the Health section, listed once a leader is in it (ADR 0037).
    health = manager.get(reverse("workforce:health")).content.decode()
    assert f'href="{reverse("surveys:waves")}"' in health
