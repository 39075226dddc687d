"""The organisational health pages read in a fixed number of queries, however many teams
and people they summarise."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from candour.core.models import Team
from candour.workforce.tests.builders import monthly_demand, post, spell
from conftest import World, signed_in_client
from tests.query_counts import queries_for

# The builders' figures are for June 2025; the pages are read in July.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(date(2025, 7, 10), tick=False),
]

HEALTH = reverse("workforce:health")
INDICATORS = reverse("workforce:health-workforce")


def _teams(world: World, count: int, start: int = 0) -> None:
    """Teams of six, each with a leaver and a spell of absence."""
    for n in range(start, start + count):
        team = Team.objects.create(organisation=world.riverside, name=f"Locality {n}")
        for person in range(6):
            post(team, f"T{n}-{person}", started_on=date(2023, 1, 1))
        post(team, f"T{n}-L", ended_on=date(2025, 2, 28))
        spell(team, f"T{n}-0", date(2025, 6, 2), date(2025, 6, 4))


# The bound is the count when written plus a little: /health/ 24 (20 before issue 20 added
# the DfE figures, national quartiles and control-chart flags), indicators 17.
@pytest.mark.parametrize(("url", "bound"), [(HEALTH, 27), (INDICATORS, 20)])
def test_a_health_page_takes_the_same_queries_for_one_team_as_for_twenty(
    world: World, url: str, bound: int, django_assert_max_num_queries: Any
) -> None:
    monthly_demand(world.riverside, [40 + n % 7 for n in range(36)])
    client = signed_in_client(world.admin)
    _teams(world, 1)
    few, _page = queries_for(client, url)
    _teams(world, 19, start=1)
    with django_assert_max_num_queries(bound):
        many, page = queries_for(client, url)
    assert many == few
    if url == INDICATORS:  # the team chooser lists every team
        assert all(f"Locality {n}" in page for n in range(20))
