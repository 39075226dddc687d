"""The triage queue puts reports where a child or family was harmed first, and says so."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from candour.reporting.tests.factories import submit
from candour.reporting.vocabulary import Outcome
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db


def test_harm_comes_first_whatever_the_due_date(world: World) -> None:
    near_miss = submit(world, outcome=Outcome.NEAR_MISS).report
    free_lesson = submit(world, outcome=Outcome.FREE_LESSON).report
    harm = submit(world, outcome=Outcome.HARM).report
    # The harm report is due last of all, and still comes first.
    type(harm).objects.filter(pk=harm.pk).update(due_on=near_miss.due_on.replace(year=2027))
    html = signed_in_client(world.analyst).get(reverse("reporting:queue")).content.decode()
    order = re.findall(r"learning/reports/([A-Z0-9-]+)/", html)
    references = [r for r in dict.fromkeys(order) if r in {near_miss.reference,
                  free_lesson.reference, harm.reference}]  # fmt: skip
    assert references == [harm.reference, near_miss.reference, free_lesson.reference]
    row = re.search(rf"{harm.reference}.*?</tr>", html, re.S)
    assert row
    assert '<strong class="govuk-tag govuk-tag--red">Harm</strong>' in row.group(0)
    assert "A home visit:" in row.group(0)
