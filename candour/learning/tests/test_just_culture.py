from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.learning.just_culture import services as just_culture
from candour.learning.just_culture.services import Answers, conclude
from candour.learning.models import (
    JustCultureConclusion,
    JustCultureReferral,
    JustCultureReview,
)
from candour.reporting.tests.factories import submit
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
    assert "Refer this report" in page
    assert 'name="deliberate_harm"' not in page
    assert client.post(url, {"reason": " "}).status_code == 400
    referred = client.post(url, {"reason": "The service manager asked about accountability"})
    assert referred.status_code == 302
    assert JustCultureReferral.objects.get(report=report).referred_by == world.analyst
    assert AuditEvent.objects.filter(event_type=AuditEventType.JUST_CULTURE_REFERRED).exists()
    page = client.get(url).content.decode()
    assert "The service manager asked about accountability" in page
    assert 'name="deliberate_harm"' in page
    missing = client.post(url, {"deliberate_harm": "no", "deliberate_harm_reason": "None seen"})
    assert missing.status_code == 400
    assert "Answer the incapacity (health) test" in missing.content.decode()
    answers = {
        "deliberate_harm": "no",
        "deliberate_harm_reason": "No sign of intent",
        "incapacity": "no",
        "foresight": "yes",
        "substitution": "yes",
        "substitution_reason": "Everyone on the team works this way under this caseload",
    }
    unreasoned = client.post(url, answers)
    assert unreasoned.status_code == 400
    assert unreasoned.content.decode().count("Give the reason for your answer") >= 2
    assert not JustCultureReview.objects.exists()
    answers["incapacity_reason"] = "Well and rested, by their own account"
    answers["foresight_reason"] = "The checklist exists and is in routine use"
    done = client.post(url, answers)
    body = done.content.decode()
    assert "A system failure" in body
    review = JustCultureReview.objects.get()
    assert review.conclusion == JustCultureConclusion.SYSTEM
    event = AuditEvent.objects.get(event_type=AuditEventType.JUST_CULTURE_REVIEWED)
    assert event.data == {}  # the result itself stays out of the trail
    for persona in ("manager", "staff", "admin"):
        assert signed_in_client(getattr(world, persona)).get(url).status_code == 404


@pytest.mark.django_db
def test_the_service_refuses_unreferred_reports_and_unreasoned_answers(world: World) -> None:
    report = submit(world).report
    answers = Answers(False, "No intent", incapacity=False, incapacity_reason="Well")
    answers = Answers(**{**answers.__dict__, "foresight": False, "substitution": True})
    with pytest.raises(ValidationError, match="Refer the report"):
        just_culture.record_review(analyst=world.analyst, report=report, answers=answers)
    just_culture.refer_report(analyst=world.analyst, report=report, reason="Asked by HR")
    with pytest.raises(ValidationError) as raised:
        just_culture.record_review(analyst=world.analyst, report=report, answers=answers)
    assert set(raised.value.message_dict) == {"foresight_reason", "substitution_reason"}
