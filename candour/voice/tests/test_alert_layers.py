"""Each alert says which detector layer raised it and why, on the duty worker's page and in
the email (issue 15 item 2), through the real feedback service."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from candour.lib.safeguarding import Category, detect
from candour.lib.safeguarding.detector import assess
from candour.lib.safeguarding.exemplars import EXEMPLARS
from candour.lib.safeguarding.exemplars import VERSION as BANK_VERSION
from candour.voice import services
from candour.voice.alerts.reasons import CATEGORY_LABELS
from candour.voice.models import SafeguardingAlert
from candour.voice.vocabulary import AgeBand
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db

# A young carer's neglect in words no phrase pattern holds: the learned layer finds it.
QUIET = "mum hasnt got up for weeks so i feed my brothers and get them to school"


def _send(world: World, words: str, captured: Any) -> tuple[SafeguardingAlert, str]:
    services.set_duty_contact(
        actor=world.admin, organisation=world.riverside, email="duty@riverside.example"
    )
    link = services.create_link(
        actor=world.admin, organisation=world.riverside, team=world.assessment, name="Visits"
    )
    with captured(execute=True):
        submitted, _secret = services.submit_feedback(
            link=link,
            answers=services.Answers(
                age_band=AgeBand.MIDDLE, rating="neither", what_would_be_better=words
            ),
        )
    assert submitted.alert is not None
    duty = [m for m in mail.outbox if m.to == ["duty@riverside.example"]]
    assert len(duty) == 1
    return SafeguardingAlert.objects.get(pk=submitted.alert.pk), str(duty[0].body)


def test_the_quiet_disclosure_is_missed_by_the_patterns_and_found_by_the_learned_layer():
    assert not assess(QUIET, None).concern
    assessment = detect(QUIET)
    assert assessment.concern
    assert assessment.similar is not None
    assert assessment.similar.category == "neglect"


def test_an_alert_raised_by_the_learned_layer_alone_names_the_nearest_example(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    alert, body = _send(world, QUIET, django_capture_on_commit_callbacks)

    assert alert.matched == []
    assert alert.categories == ["neglect"]
    [layer] = alert.layers
    assert layer["layer"] == "similarity"
    assert layer["category"] == "neglect"
    assert layer["bank_version"] == BANK_VERSION
    assert 0.0 < layer["similarity"] <= 1.0
    assert layer["exemplar"] in {e.text for e in EXEMPLARS}
    # In the email ...
    assert "Raised by: meaning, not exact words (the learned layer)" in body
    assert f"reads like the known disclosure \u2018{layer['exemplar']}\u2019" in body
    assert f"(neglect, similarity {layer['similarity']:.2f}" in body
    assert layer["score"] is not None
    # ... and on the duty worker's page and list.
    page = signed_in_client(world.admin).get(reverse("voice:alert", args=[alert.pk]))
    text = page.content.decode()
    assert "Raised by: meaning, not exact words" in text
    assert layer["exemplar"] in text
    assert "(neglect, similarity" in text
    listing = signed_in_client(world.admin).get(reverse("voice:alerts")).content.decode()
    assert "Found by meaning, not exact words" in listing


def test_an_alert_raised_by_the_patterns_names_the_words(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    alert, body = _send(world, "im scard of my stepdad", django_capture_on_commit_callbacks)

    assert alert.layers[0] == {
        "layer": "patterns",
        "words": ["scard of my stepdad"],
        "patterns_version": detect("x").patterns_version,
    }
    assert "Raised by: word patterns \u2014 \u2018scard of my stepdad\u2019" in body
    secret = body.rsplit("/safeguarding/acknowledge/", 1)[1].split("/", 1)[0]
    page = Client().get(reverse("voice:acknowledge", args=[secret])).content.decode()
    assert "Raised by: word patterns" in page
    assert "scard of my stepdad" in page


def test_a_past_harm_is_routed_but_not_marked_urgent(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    words = "he used to hit me and there was blood"
    alert, _body = _send(world, words, django_capture_on_commit_callbacks)

    assert "abuse_physical" in alert.categories
    assert not alert.urgent
    subjects = [m.subject for m in mail.outbox if m.to == ["duty@riverside.example"]]
    assert not any(subject.startswith("URGENT") for subject in subjects)


def test_every_category_has_a_label_for_the_duty_worker():
    assert set(CATEGORY_LABELS) == {c.value for c in Category}
