"""The learning dashboard reads in a fixed number of queries, however many reports it
counts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from candour.learning import services
from candour.learning.models import Code
from candour.reporting.tests.factories import reviewed_report
from candour.reporting.vocabulary import Outcome
from conftest import World, signed_in_client
from tests.clock import A_THURSDAY
from tests.query_counts import queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(A_THURSDAY, tick=False)]

DASHBOARD = reverse("learning:dashboard")


def _coded_reports(world: World, count: int, start: int = 0) -> None:
    """Reports over the past months, of each outcome, coded with a few codes each."""
    codes = list(Code.objects.order_by("pk")[:6])
    outcomes = list(Outcome)
    today = timezone.localdate()
    for n in range(start, start + count):
        report = reviewed_report(
            world,
            today=today.replace(day=1) if n % 2 else today,
            outcome=outcomes[n % len(outcomes)],
            team=world.child_in_need if n % 3 == 0 else world.assessment,
        )
        chosen = [services.CodeChoice(codes[(n + k) % len(codes)]) for k in range(2)]
        services.save_coding(analyst=world.analyst, report=report, choices=chosen)


def test_the_learning_dashboard_takes_the_same_queries_for_one_report_as_for_twenty(
    world: World, django_assert_max_num_queries: Any
) -> None:
    client = signed_in_client(world.analyst)
    _coded_reports(world, 1)
    few, _page = queries_for(client, DASHBOARD)
    _coded_reports(world, 19, start=1)
    with django_assert_max_num_queries(18):  # 15 when written
        many, page = queries_for(client, DASHBOARD)
    assert many == few
    # Every report counted: those of 1 November fall in the week of Thursday 29 October.
    months = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Oct 2026 10 Nov 2026 10" in months
