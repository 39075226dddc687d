"""The ideas board reads in a fixed number of queries, however many ideas it shows."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from candour.accounts.roles import Role
from candour.ideas import services
from candour.ideas.tests.factories import IdeaFactory, draft
from candour.ideas.vocabulary import IdeaStatus
from conftest import World, make_person, signed_in_client
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db

BOARD = reverse("ideas:board")


def _ideas(world: World, count: int, start: int = 0) -> None:
    """Ideas from several people, some named and some not, moved on and commented on."""
    authors = [world.staff] + [
        make_person(
            f"author{n}-{start}@riverside.example", world.riverside, Role.STAFF, world.assessment
        )
        for n in range(min(count, 3))
    ]
    for n in range(start, start + count):
        idea = IdeaFactory.create(
            author=authors[n % len(authors)],
            draft=draft(world, idea=f"Idea number {n}", name_hidden_from_colleagues=n % 3 == 0),
        )
        if n % 4 == 1:
            services.move_idea(actor=world.manager, idea=idea, to_status=IdeaStatus.UNDER_REVIEW)
        if n % 4 == 2:
            services.comment_on_idea(actor=world.manager, idea=idea, note=f"Question {n}")


def test_the_ideas_board_takes_the_same_queries_for_one_idea_as_for_twenty(
    world: World, django_assert_max_num_queries: Any
) -> None:
    client = signed_in_client(world.manager)
    _ideas(world, 1)
    few, _page = queries_for(client, BOARD)
    _ideas(world, 19, start=1)
    with django_assert_max_num_queries(20):  # 17 when written
        many, page = queries_for(client, BOARD)
    assert many == few
    assert all(f"Idea number {n}" in page for n in range(20))
