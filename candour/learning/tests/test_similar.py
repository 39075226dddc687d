from __future__ import annotations

import pytest
from django.urls import reverse

from candour.learning.similar.search import similar_reports
from candour.reporting.tests.factories import reviewed_report, submit
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db


def test_the_most_similar_earlier_report_comes_first(world: World) -> None:
    visit = reviewed_report(world, "On a home visit the baby was asleep upstairs and was not seen.")
    reviewed_report(world, "The court statement was filed late because the locum left.")
    reviewed_report(world, "A strategy discussion went ahead without the police.")
    new = reviewed_report(
        world, "At the home visit I did not see the infant, who mum said was sleeping."
    )
    found = similar_reports(new, k=3)
    assert found[0].reference == visit.reference
    assert new.reference not in [item.reference for item in found]
    page = signed_in_client(world.analyst).get(
        reverse("reporting:learning-detail", args=[new.reference])
    )
    assert visit.reference in page.content.decode().split('id="similar-reports"')[1]


def test_unreviewed_reports_are_not_offered(world: World) -> None:
    hidden = submit(world).report
    new = reviewed_report(world, "A visit went ahead without seeing the child.")
    assert hidden.reference not in [item.reference for item in similar_reports(new)]


def test_only_earlier_reports_are_similar(world: World) -> None:
    first = reviewed_report(world, "On a home visit the baby was asleep upstairs and was not seen.")
    later = reviewed_report(
        world, "At the home visit I did not see the infant, who mum said was sleeping."
    )
    assert [item.reference for item in similar_reports(later)] == [first.reference]
    # The later report is not "earlier" for the first one, though it is the most alike.
    assert similar_reports(first) == []
