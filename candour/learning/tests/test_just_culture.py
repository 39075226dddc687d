from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.learning.just_culture import Answers, conclude
from candour.learning.models import JustCultureConclusion, JustCultureReview
from candour.reporting.tests.test_services import submit
from conftest import World, signed_in_client


def test_the_tests_apply_in_order() -> None:
    assert conclude(Answers(True, "x")) == JustCultureConclusion.OUTSIDE_LEARNING
    assert conclude(Answers(False, "x", incapacity=True)) == JustCultureConclusion.HEALTH
    assert (
        conclude(Answers(False, "x", incapacity=False, foresight=True, substitution=False))
        == JustCultureConclusion.INDIVIDUAL
    )
    # A peer would have done the same: a system problem, even if a procedure was broken.
    assert (
        conclude(Answers(False, "x", incapacity=False, foresight=True, substitution=True))
        == JustCultureConclusion.SYSTEM
    )
    assert (
        conclude(Answers(False, "x", incapacity=False, foresight=False, substitution=False))
        == JustCultureConclusion.SYSTEM
    )
    with pytest.raises(ValidationError):
        conclude(Answers(False, "x"))


@pytest.mark.django_db
def test_analysts_record_it_managers_never_see_it(world: World) -> None:
    report = submit(world).report
    url = reverse("learning:just-culture", args=[report.reference])
    client = signed_in_client(world.analyst)
    page = client.get(url).content.decode()
    assert "Most events are system failures" in page
    missing = client.post(url, {"deliberate_harm": "no", "deliberate_harm_reason": "None seen"})
    assert missing.status_code == 400
    assert "Answer the incapacity (health) test" in missing.content.decode()
    done = client.post(
        url,
        {
            "deliberate_harm": "no",
            "deliberate_harm_reason": "No sign of intent",
            "incapacity": "no",
            "foresight": "yes",
            "substitution": "yes",
            "substitution_reason": "Everyone on the team works this way under this caseload",
        },
    )
    body = done.content.decode()
    assert "A system failure" in body
    review = JustCultureReview.objects.get()
    assert review.conclusion == JustCultureConclusion.SYSTEM
    event = AuditEvent.objects.get(event_type=AuditEventType.JUST_CULTURE_REVIEWED)
    assert event.data == {}  # the result itself stays out of the trail
    for persona in ("manager", "staff", "admin"):
        assert signed_in_client(getattr(world, persona)).get(url).status_code == 404
