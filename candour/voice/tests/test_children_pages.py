"""The pages a child or family reaches from a link: safe to leave, no staff furniture,
honest after a disclosure, with a way to be reached if they choose."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.lib.codes import LOOK_ALIKES
from candour.voice import services
from candour.voice.models import DisclosureContact, Feedback, SafeguardingAlert
from candour.voice.tests.factories import feedback_link
from candour.voice.tests.pages import walk
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db


def test_childrens_pages_offer_exit_this_page_and_no_staff_navigation_or_beta_banner(
    world: World,
) -> None:
    token = feedback_link(world).token
    client = Client()
    start = client.get(reverse("voice:start", args=[token])).content.decode()
    assert 'class="govuk-exit-this-page"' in start
    assert 'href="https://www.bbc.co.uk/weather"' in start
    assert "govuk-service-navigation" not in start
    assert "Sign in" not in start
    assert "Report a mistake" not in start
    assert "govuk-phase-banner" not in start
    assert "mailto:" not in start
    # Staff pages keep theirs.
    staff = signed_in_client(world.manager).get(reverse("core:home")).content.decode()
    assert "govuk-service-navigation" in staff
    assert "govuk-exit-this-page" not in staff


def test_new_link_codes_have_no_look_alike_characters(world: World) -> None:
    link = services.create_link(
        actor=world.admin, organisation=world.riverside, team=None, name="Poster"
    )
    assert len(link.token) == 12
    assert not set(link.token) & LOOK_ALIKES


def test_an_anonymous_child_who_disclosed_is_told_honestly_and_may_say_how_to_reach_them(
    world: World,
) -> None:
    token = feedback_link(world).token
    client = Client()
    walk(
        client,
        token,
        "8_12",
        {"rating": "very_poor", "what_would_be_better": "my stepdad hits me and im scared"},
    )
    thanks = client.post(reverse("voice:check", args=[token]), follow=True).content.decode()
    assert "they may not know who you are" in thanks
    assert "Would you like someone to contact you? (optional)" in thanks

    url = reverse("voice:thanks", args=[token])
    refused = client.post(url, {"contact": "   "})
    assert refused.status_code == 400
    assert "<title>Error: " in refused.content.decode()
    assert 'href="#contact"' in refused.content.decode()

    done = client.post(url, {"contact": "Sam, 07700 900123, Hill School"}, follow=True)
    assert "We have passed on how to reach you" in done.content.decode()
    given = DisclosureContact.objects.get()
    assert b"07700" not in bytes(given.sealed or b"")
    assert AuditEvent.objects.filter(event_type=AuditEventType.FEEDBACK_CONTACT_GIVEN).exists()
    assert "07700" not in str(AuditEvent.objects.values_list("data", flat=True)[::1])

    alert = SafeguardingAlert.objects.get()
    page = signed_in_client(world.admin).get(reverse("voice:alert", args=[alert.pk]))
    assert "Sam, 07700 900123, Hill School" in page.content.decode()


def test_feedback_without_a_disclosure_offers_no_contact_box(world: World) -> None:
    token = feedback_link(world).token
    client = Client()
    walk(client, token, "13_plus", {"rating": "good", "what_was_good": "Listened."})
    thanks = client.post(reverse("voice:check", args=[token]), follow=True).content.decode()
    assert "contact-form" not in thanks
    assert client.post(reverse("voice:thanks", args=[token]), {"contact": "x"}).status_code == 404


def test_a_family_reads_the_answer_to_its_own_feedback_with_its_private_code(
    world: World,
) -> None:
    from candour.voice.moderation import services as moderation

    link = feedback_link(world)
    client = Client()
    walk(client, link.token, "parent", {"rating": "poor", "what_would_be_better": "Call back."})
    thanks = client.post(reverse("voice:check", args=[link.token]), follow=True).content.decode()
    code = re.search(r'id="reply-code">([0-9A-Z-]{19})<', thanks)
    assert code
    feedback = Feedback.objects.get()
    assert code.group(1) not in feedback.reply_code_digest

    url = reverse("voice:your-reply", args=[link.token])
    waiting = Client().post(url, {"code": code.group(1).lower()}).content.decode()
    assert "The team has not answered yet" in waiting
    services.publish_feedback(actor=world.analyst, feedback=feedback)
    moderation.reply(
        actor=world.analyst, feedback=feedback, you_said="Nobody rang back.", we_did="We rang."
    )
    answered = Client().post(url, {"code": code.group(1)}).content.decode()
    assert "We rang." in answered
    wrong = Client().post(url, {"code": "2222-3333-4444-5555"})
    assert wrong.status_code == 400
    assert "We could not find your feedback with that code" in wrong.content.decode()
    assert "We rang." not in wrong.content.decode()
