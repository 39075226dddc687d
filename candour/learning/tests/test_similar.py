from __future__ import annotations

import pytest
from django.urls import reverse

from candour.learning.similar.search import similar_reports
from candour.reporting import services
from candour.reporting.tests.test_services import submit
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db


def _reviewed(world: World, what_happened: str):
    report = submit(world, narrative=services.Narrative(what_happened=what_happened)).report
    services.review_redactions(actor=world.analyst, report=report, keep={}, add_phrases={})
    return report


def test_the_most_similar_earlier_report_comes_first(world: World) -> None:
    visit = _reviewed(world, "On a home visit the baby was asleep upstairs and was not seen.")
    _reviewed(world, "The court statement was filed late because the locum left.")
    _reviewed(world, "A strategy discussion went ahead without the police.")
    new = _reviewed(world, "At the home visit I did not see the infant, who mum said was sleeping.")
    found = similar_reports(new, k=3)
    assert found[0].reference == visit.reference
    assert new.reference not in [item.reference for item in found]
    page = signed_in_client(world.analyst).get(
        reverse("reporting:learning-detail", args=[new.reference])
    )
    assert visit.reference in page.content.decode().split('id="similar-reports"')[1]


def test_unreviewed_reports_are_not_offered(world: World) -> None:
    hidden = submit(world).report
    new = _reviewed(world, "A visit went ahead without seeing the child.")
    assert hidden.reference not in [item.reference for item in similar_reports(new)]


def test_only_earlier_reports_are_similar(world: World) -> None:
    first = _reviewed(world, "On a home visit the baby was asleep upstairs and was not seen.")
    later = _reviewed(
        world, "At the home visit I did not see the infant, who mum said was sleeping."
    )
    assert [item.reference for item in similar_reports(later)] == [first.reference]
    # The later report is not "earlier" for the first one, though it is the most alike.
    assert similar_reports(first) == []
