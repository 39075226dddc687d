"""Writing the safeguarding check cannot read goes to a person first, routed to the duty
team as a disclosure is, never dropped (ADR 0030)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from candour.voice import services
from candour.voice.models import Feedback, SafeguardingAlert
from candour.voice.tests.factories import feedback_link
from candour.voice.vocabulary import AgeBand
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db

IN_ARABIC = "الأخصائية كانت لطيفة لكنها تأتي متأخرة دائمًا"  # kind, but always late


def _send(client: Client, token: str, band: str, answers: dict[str, str]) -> str:
    """Go through the journey in the client's language; returns the thank-you page."""
    client.post(reverse("voice:start", args=[token]), {"age_band": band})
    for key, value in answers.items():
        client.post(reverse("voice:question", args=[token, key]), {key: value})
    response = client.post(reverse("voice:check", args=[token]))
    assert response.status_code == 302, response.content.decode()[:400]
    return client.get(reverse("voice:thanks", args=[token])).content.decode()


def _in(language: str) -> Client:
    client = Client()
    client.get(reverse("core:start") + f"?lang={language}")
    return client


def test_a_family_writing_in_arabic_is_read_by_a_person_first(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    services.set_duty_contact(
        actor=world.admin, organisation=world.riverside, email="duty@riverside.example"
    )
    token = feedback_link(world).token
    with django_capture_on_commit_callbacks(execute=True):
        thanks = _send(
            _in("ar"),
            token,
            AgeBand.PARENT,
            {"rating": "good", "what_was_good": IN_ARABIC, "worked_with": "social_worker"},
        )
    feedback = Feedback.objects.get()
    assert feedback.language == "ar"
    assert feedback.needs_reading
    assert feedback.written_in == "ar"
    alert = SafeguardingAlert.objects.get(feedback=feedback)
    assert not alert.detected
    assert not alert.urgent
    assert alert.layers == [{"layer": "language", "written_in": "ar"}]
    # Read as staff read it (the test client leaves the page's language active here).
    with translation.override("en-gb"):
        assert alert.raised_by == ["Written in Arabic: read by a person first"]
    # The duty team is told in its own language, with the words to have read.
    [email] = [sent for sent in mail.outbox if sent.to == ["duty@riverside.example"]]
    assert "written in Arabic to be read by a person" in email.subject
    assert "Written in Arabic: read by a person first" in email.body
    assert IN_ARABIC in email.body
    # The family sees ordinary thanks: nothing was found, so nothing alarming is said.
    assert "شكرًا لك" in thanks
    assert "reply-code" in thanks
    assert "what-happens-next" not in thanks
    # The duty team's queue and the alert say so.
    lead = signed_in_client(world.admin)
    queue = lead.get(reverse("voice:alerts")).content.decode()
    assert "Written in Arabic: read by a person first" in queue
    page = lead.get(reverse("voice:alert", args=[alert.pk])).content.decode()
    assert 'id="needs-reading"' in page
    assert IN_ARABIC in page
    assert 'dir="auto"' in page
    # The learning team, checking feedback, sees it needs a reader too.
    checking = signed_in_client(world.analyst).get(reverse("voice:moderation-queue"))
    assert "Written in Arabic: read by a person first" in checking.content.decode()


def test_english_written_on_a_page_in_another_language_is_read_by_the_check(
    world: World,
) -> None:
    token = feedback_link(world).token
    _send(_in("pl"), token, AgeBand.TEEN, {"rating": "good", "what_was_good": "She listened."})
    feedback = Feedback.objects.get()
    assert feedback.language == "pl"
    assert not feedback.needs_reading
    assert not SafeguardingAlert.objects.exists()


def test_a_disclosure_in_english_on_the_urdu_page_is_found_by_the_detector(world: World) -> None:
    token = feedback_link(world).token
    thanks = _send(
        _in("ur"),
        token,
        AgeBand.TEEN,
        {"rating": "poor", "what_would_be_better": "my stepdad hits me and I am scared"},
    )
    alert = SafeguardingAlert.objects.get()
    assert alert.detected
    assert alert.reading_note == ""
    assert 'id="what-happens-next"' in thanks


def test_the_youngest_childs_choice_reaches_the_check_in_english_whatever_the_page(
    world: World,
) -> None:
    token = feedback_link(world).token
    _send(
        _in("cy"),
        token,
        AgeBand.YOUNG,
        {"rating": "poor", "what_was_good": "", "what_would_be_better": "scared", "idea": ""},
    )
    feedback = Feedback.objects.get()
    assert feedback.what_would_be_better == "Something made me scared or sad"
    assert not feedback.needs_reading
    assert SafeguardingAlert.objects.get(feedback=feedback).detected


def test_unread_writing_is_taken_even_past_the_feedback_limit(world: World, settings: Any) -> None:
    settings.CANDOUR_FEEDBACK_PER_SESSION = 1
    token = feedback_link(world).token
    client = _in("ro")
    _send(client, token, AgeBand.TEEN, {"rating": "good"})
    _send(client, token, AgeBand.TEEN, {"rating": "good", "what_was_good": "mi-e frica acasa"})
    unread = Feedback.objects.get(needs_reading=True)
    assert unread.written_in == "ro"
    alert = SafeguardingAlert.objects.get(feedback=unread)
    assert alert.over_limit
