"""The board stays a board: each column shows its first ideas and says how many more."""

from __future__ import annotations

import pytest
from django.urls import reverse

from candour.ideas import board as board_module
from candour.ideas.models import Idea
from candour.ideas.tests.factories import submit
from candour.ideas.vocabulary import IdeaStatus
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db


def test_a_long_column_shows_its_first_ideas_and_counts_the_rest(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(board_module, "OPEN_SHOWN", 3)
    monkeypatch.setattr(board_module, "DONE_SHOWN", 2)
    ideas = [submit(world, problem=f"Problem number {n}.") for n in range(8)]
    Idea.objects.filter(pk__in=[i.pk for i in ideas[5:]]).update(status=IdeaStatus.ADOPTED)

    page = signed_in_client(world.staff).get(reverse("ideas:board"), {"team": world.assessment.pk})
    content = page.content.decode()
    todo = content[content.index('id="column-todo"') : content.index('id="column-doing"')]
    done = content[content.index('id="column-done"') :]
    assert "(5)" in todo  # the whole column is counted
    assert todo.count("candour-idea-card") == 3
    assert "And 2 more." in todo
    assert "(3)" in done
    assert done.count("candour-idea-card") == 2
    assert "And 1 more done." in done
    assert reverse("ideas:changed") in done
