"""Who sees what: each persona against each page, including other organisations'."""

from __future__ import annotations

import pytest
from django.urls import reverse

from candour.accounts.models import Membership
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db

PERSONAS = ["staff", "analyst", "manager", "other_manager", "admin", "other_admin",
            "national_analyst"]  # fmt: skip

# Which personas may open Riverside's administration pages (everyone else: not found).
RIVERSIDE_ADMINS = {"admin"}
MOORLAND_ADMINS = {"other_admin"}


def _org_pages(slug: str) -> list[str]:
    return [
        reverse("core:organisation", args=[slug]),
        reverse("core:add-team", args=[slug]),
        reverse("accounts:add-person", args=[slug]),
        reverse("audit:organisation-audit", args=[slug]),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_organisation_pages_are_for_that_organisations_administrators_only(
    world: World, persona: str
) -> None:
    client = signed_in_client(getattr(world, persona))
    for slug, allowed in ((world.riverside.slug, RIVERSIDE_ADMINS),
                          (world.moorland.slug, MOORLAND_ADMINS)):  # fmt: skip
        for url in _org_pages(slug):
            expected = 200 if persona in allowed else 404
            assert client.get(url).status_code == expected, (persona, url)


@pytest.mark.parametrize("persona", PERSONAS)
def test_role_pages_for_people_in_another_organisation_are_not_found(
    world: World, persona: str
) -> None:
    client = signed_in_client(getattr(world, persona))
    moorland_membership = Membership.objects.get(user=world.other_admin)
    # Even Riverside's administrator cannot reach a Moorland role through Riverside's pages.
    urls = [
        reverse("accounts:revoke-role", args=[world.riverside.slug, moorland_membership.pk]),
        reverse("accounts:grant-role", args=[world.riverside.slug, world.other_admin.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, (persona, url)
        assert client.post(url, {"role": "staff"}).status_code == 404, (persona, url)
    moorland_membership.refresh_from_db()
    assert moorland_membership.revoked_at is None


EXPECTED_HOME = {
    "staff": (["Your team", "Assessment"], ["Organisations you administer", "Teams you manage",
                                            "Organisations sharing learning", "Learning team"]),
    "analyst": (["Learning team", "Riverside"], ["Organisations you administer",
                                                 "Organisations sharing learning"]),
    "manager": (["Teams you manage", "Assessment"], ["Child in Need", "Organisations you"]),
    "other_manager": (["Teams you manage", "Child in Need"], ["Organisations you"]),
    "admin": (["Organisations you administer", "Riverside"], ["Moorland"]),
    "other_admin": (["Organisations you administer", "Moorland"], ["Riverside"]),
    "national_analyst": (["Organisations sharing learning", "Riverside", "Moorland", "Hub"],
                         ["Organisations you administer"]),
}  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_sees_their_own_home_page(world: World, persona: str) -> None:
    body = signed_in_client(getattr(world, persona)).get(reverse("core:home")).content.decode()
    shown, hidden = EXPECTED_HOME[persona]
    for text in shown:
        assert text in body, (persona, text)
    for text in hidden:
        assert text not in body, (persona, text)


def test_the_audit_trail_shows_only_the_administrators_organisation(world: World) -> None:
    body = (
        signed_in_client(world.admin)
        .get(reverse("audit:organisation-audit", args=[world.riverside.slug]))
        .content.decode()
    )
    assert "Team created" in body
    assert "Role granted" in body
    # Moorland's team was created too, but belongs to Moorland's trail.
    moorland_body = (
        signed_in_client(world.other_admin)
        .get(reverse("audit:organisation-audit", args=[world.moorland.slug]))
        .content.decode()
    )
    assert body.count("Team created") == 2
    assert moorland_body.count("Team created") == 1


def test_pages_need_a_signed_in_person(world: World) -> None:
    from django.test import Client

    client = Client()
    for url in [reverse("core:home"), *_org_pages(world.riverside.slug)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_two_factor_roles_are_held_at_the_door_until_verified(world: World) -> None:
    for persona in ("analyst", "admin", "other_admin", "national_analyst"):
        client = signed_in_client(getattr(world, persona), verified=False)
        response = client.get(reverse("core:home"))
        assert response.status_code == 302, persona
        assert response["Location"] == reverse("accounts:two-factor-setup")


def test_list_pages_do_not_make_more_queries_as_the_organisation_grows(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from candour.accounts.roles import Role
    from candour.core.services import create_team
    from conftest import make_person

    client = signed_in_client(world.admin)
    urls = [
        reverse("core:home"),
        reverse("core:organisation", args=[world.riverside.slug]),
        reverse("audit:organisation-audit", args=[world.riverside.slug]),
    ]

    def counts() -> list[int]:
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            result.append(len(captured))
        return result

    before = counts()
    for index in range(8):
        team = create_team(actor=None, organisation=world.riverside, name=f"Team {index}")
        make_person(f"person{index}@riverside.example", world.riverside, Role.STAFF, team)
    assert counts() == before
    # The layout costs one query for the unread-notifications count in the navigation.
    assert max(before[1:]) <= 13
    # The home page also asks each domain app what waits for the person (core.hooks).
    assert before[0] <= 18
