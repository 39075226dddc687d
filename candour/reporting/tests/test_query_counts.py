"""The triage queue reads in a fixed number of queries, however many reports it lists."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from candour.accounts.roles import Role
from candour.reporting import services
from candour.reporting.models import Report
from candour.reporting.tests.factories import reviewed_report, submit
from candour.reporting.vocabulary import Status
from conftest import World, make_person, signed_in_client
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db

QUEUE = reverse("reporting:queue")


def _reports(world: World, count: int, start: int = 0) -> None:
    """Open reports across both teams and none, some reviewed, assigned or in progress."""
    second = make_person(f"second{start}@riverside.example", world.riverside, Role.ANALYST)
    teams = [world.assessment, world.child_in_need, None]
    for n in range(start, start + count):
        team = teams[n % 3]
        report: Report = (
            reviewed_report(world, team=team) if n % 2 else submit(world, team=team).report
        )
        if n % 4 == 1:
            services.assign_report(actor=world.analyst, report=report, analyst=second)
        if n % 4 == 3:
            services.assign_report(actor=world.analyst, report=report, analyst=world.analyst)
            services.change_status(actor=world.analyst, report=report, status=Status.IN_REVIEW)


def test_the_triage_queue_takes_the_same_queries_for_one_report_as_for_twenty(
    world: World, django_assert_max_num_queries: Any
) -> None:
    client = signed_in_client(world.analyst)
    _reports(world, 1)
    few, _page = queries_for(client, QUEUE)
    _reports(world, 19, start=1)
    with django_assert_max_num_queries(15):  # 12 when written
        many, page = queries_for(client, QUEUE)
    assert many == few
    references = Report.objects.values_list("reference", flat=True)
    assert len(references) == 20
    assert all(reference in page for reference in references)
