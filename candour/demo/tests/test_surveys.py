from __future__ import annotations

import pytest

from candour.core.services import create_team
from candour.demo import surveys as demo
from candour.surveys.results.figures import wave_results
from conftest import World

pytestmark = pytest.mark.django_db


def test_the_demo_shows_some_teams_and_hides_a_small_one(world: World) -> None:
    for name in demo.EXTRA_PEOPLE:
        create_team(actor=None, organisation=world.riverside, name=name)
    year_ago, past, current = demo.load(world.riverside, world.admin)
    # A year-ago wave too, so a change adopted since has survey scores either side.
    assert year_ago.closed_at is not None
    assert year_ago.opens_on < past.opens_on
    results = wave_results(past, with_links=False)
    shown = {t.name for t in results.teams if t.scores is not None}
    texts = {t.name: t.respondents.text for t in results.teams}
    assert shown
    assert texts["Children in Care Team"] == "fewer than 5"
    assert current.closed_at is None
    assert current.responses.exists()
