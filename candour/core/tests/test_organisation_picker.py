"""The one organisation picker: only the person's own organisations, and anything else
asked for in the address is "not found"."""

import pytest
from django.http import Http404

from candour.accounts.roles import Role
from candour.core.organisation_picker import (
    chosen_filter,
    chosen_organisation,
    chosen_team,
    organisations_with_roles,
)
from conftest import World

pytestmark = pytest.mark.django_db


def test_a_manager_picks_only_among_their_own_organisations(world: World) -> None:
    mine = organisations_with_roles(world.manager, (Role.MANAGER, Role.ORG_ADMIN))

    assert [o.pk for o in mine] == [world.riverside.pk]
    assert chosen_organisation(mine, None) == world.riverside
    assert chosen_organisation(mine, str(world.riverside.pk)) == world.riverside
    with pytest.raises(Http404):
        chosen_organisation(mine, str(world.hub.pk))
    with pytest.raises(Http404):
        chosen_organisation([], None)


def test_staff_hold_no_picking_role(world: World) -> None:
    assert organisations_with_roles(world.staff, (Role.MANAGER, Role.ORG_ADMIN)) == []


def test_an_optional_filter_and_a_team(world: World) -> None:
    mine = organisations_with_roles(world.analyst, (Role.ANALYST,))
    teams = [world.assessment]

    assert chosen_filter(mine, "") is None
    assert chosen_filter(mine, str(world.riverside.pk)) == world.riverside
    with pytest.raises(Http404):
        chosen_filter(mine, "not-a-number")
    assert chosen_team(teams, None) is None
    assert chosen_team(teams, str(world.assessment.pk)) == world.assessment
    with pytest.raises(Http404):
        chosen_team(teams, str(world.assessment.pk + 999))
