from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from candour.learning.dashboard import build_dashboard
from candour.reporting.tests.test_services import submit
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db


def test_the_dashboard_counts_and_hides_small_numbers(world: World) -> None:
    for _ in range(5):
        submit(world, today=timezone.localdate())
    today = timezone.localdate()
    dashboard = build_dashboard(world.riverside, start=today.replace(day=1), end=today)
    outcome = next(c for c in dashboard.charts if c.title == "Outcome")
    shown = {row.label: row.shown for row in outcome.rows}
    assert shown["It was caught before it reached a child or family"] == "5"
    assert shown["A child or family was harmed"] == "fewer than 5"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("analyst", 200), ("manager", 200), ("staff", 200), ("other_admin", 200)],
)
def test_everyone_sees_only_their_own_organisations_dashboard(
    world: World, persona: str, status: int
) -> None:
    submit(world)
    client = signed_in_client(getattr(world, persona))
    response = client.get(reverse("learning:dashboard"))
    assert response.status_code == status
    body = response.content.decode()
    own = getattr(world, persona).organisation_ids()
    assert ("Riverside" in body) == (world.riverside.pk in own)
    other = client.get(reverse("learning:dashboard") + f"?organisation={world.hub.pk}")
    assert other.status_code == (200 if world.hub.pk in own else 404)
