"""Route 10: a partner organisation that an idea is shared with must not learn the names
of the other organisation's managers from the idea's history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from candour.accounts.roles import Role
from candour.ideas import services
from candour.ideas.models import Idea
from candour.ideas.vocabulary import IdeaStatus, ProblemKind
from conftest import World, make_person, signed_in_client

pytestmark = pytest.mark.django_db


def _shared_idea(world: World) -> Idea:
    idea = services.submit_idea(
        author=world.staff,
        draft=services.IdeaDraft(
            team=world.assessment,
            problem_kind=ProblemKind.WASTE,
            problem="We type the family's details three times.",
            idea="Carry the details forward from the referral.",
            expected_benefit="Twenty minutes saved per assessment.",
        ),
    )
    services.comment_on_idea(actor=world.manager, idea=idea, note="Trying it next week.")
    services.move_idea(
        actor=world.manager, idea=idea, to_status=IdeaStatus.ADOPTED, what_changed="Done."
    )
    services.share_idea(actor=world.manager, idea=idea, organisation=world.moorland)
    return idea


def test_the_partner_sees_roles_not_names(world: World) -> None:
    idea = _shared_idea(world)
    partner = make_person(
        "boss@moorland.example", world.moorland, Role.MANAGER, world.moorland_team
    )
    page = signed_in_client(partner).get(reverse("ideas:idea", args=[idea.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Moved to" in body  # the history is shown...
    assert world.manager.full_name not in body  # ...without the other council's names
    assert world.staff.full_name not in body
    assert "a manager at Riverside" in body


def test_colleagues_still_see_names(world: World) -> None:
    idea = _shared_idea(world)
    body = signed_in_client(world.other_manager).get(reverse("ideas:idea", args=[idea.pk]))
    assert world.manager.full_name in body.content.decode()
