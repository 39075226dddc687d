"""Feedback a child or family gave on paper, by phone or in person, typed in by an advocate
or the learning team through the online route's own service (ADR 0035)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.core.channels import Channel
from candour.voice import services
from candour.voice.assisted.services import enter_feedback
from candour.voice.models import Feedback, FeedbackLink, SafeguardingAlert
from candour.voice.tests.factories import NAMED, feedback_link
from conftest import World, make_person, signed_in_client

pytestmark = pytest.mark.django_db

ENTRY = "/organisation/riverside/paper-and-phone/feedback/"
DISCLOSURE = "my stepdad hits me and im scared to go home"


def _advocate(world: World) -> User:
    return make_person("advocate@riverside.example", world.riverside, Role.ADVOCATE)


def _duty(world: World) -> None:
    services.set_duty_contact(
        actor=world.admin, organisation=world.riverside, email="duty@riverside.example"
    )


def test_phone_feedback_goes_through_the_same_service_and_keeps_its_channel(
    world: World,
) -> None:
    link = feedback_link(world)
    entered = enter_feedback(
        actor=_advocate(world),
        link=link,
        channel=Channel.PHONE,
        answers=services.Answers(age_band="parent", rating="good", what_was_good=NAMED),
        language="en-gb",
    )
    feedback = Feedback.objects.get()
    assert feedback.channel == Channel.PHONE
    assert feedback.team == world.assessment
    # The same de-identification as online.
    assert "Sarah Jones" not in feedback.what_was_good
    assert "12 Oak Road" not in feedback.what_was_good
    # A private code to pass on, which opens the answer as it does online.
    assert entered.reply_code
    found = services.feedback_for_reply_code(link=link, code=entered.reply_code, client_tag="t")
    assert found == feedback
    entry = AuditEvent.objects.get(event_type=AuditEventType.ENTERED_ON_BEHALF)
    assert entry.data == {"kind": "feedback", "channel": "phone"}
    assert entry.object_id == ""


def test_a_disclosure_on_paper_reaches_the_duty_team_naming_who_typed_it(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    _duty(world)
    advocate = _advocate(world)
    with django_capture_on_commit_callbacks(execute=True):
        entered = enter_feedback(
            actor=advocate,
            link=feedback_link(world),
            channel=Channel.PAPER,
            answers=services.Answers(
                age_band="8_12", rating="very_poor", what_would_be_better=DISCLOSURE
            ),
            language="en-gb",
        )
    alert = SafeguardingAlert.objects.get()
    assert entered.concern
    assert entered.reply_code == ""
    assert alert.sent_to == "duty@riverside.example"
    duty = [m for m in mail.outbox if m.to == ["duty@riverside.example"]]
    assert len(duty) == 1
    assert DISCLOSURE in duty[0].body
    assert "On a paper form" in duty[0].body
    assert "advocate@riverside.example" in duty[0].body


def test_a_burst_of_typed_in_disclosures_names_who_typed_them(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    # Before: three disclosures typed in from a postbag of paper forms made a burst whose
    # one email did not say who typed them in, so the duty team could not find the paper.
    _duty(world)
    advocate = _advocate(world)
    link = feedback_link(world)
    with django_capture_on_commit_callbacks(execute=True):
        for _number in range(3):
            enter_feedback(
                actor=advocate,
                link=link,
                channel=Channel.PAPER,
                answers=services.Answers(
                    age_band="8_12", rating="very_poor", what_would_be_better=DISCLOSURE
                ),
                language="en-gb",
            )
    burst_mail = [
        m
        for m in mail.outbox
        if m.to == ["duty@riverside.example"] and "alerts from one feedback link" in m.subject
    ]
    assert len(burst_mail) == 1
    assert "advocate@riverside.example) typed it in" in burst_mail[0].body
    alert = SafeguardingAlert.objects.filter(burst__isnull=False).first()
    assert alert is not None
    assert alert.entered_by == advocate
    page = signed_in_client(world.manager).get(reverse("voice:alert", args=[alert.pk]))
    typed = re.search(rf'id="typed-in-{alert.pk}">([^<]+)<', page.content.decode())
    assert typed is not None
    assert typed.group(1).startswith("On a paper form: typed in by")
    assert "advocate@riverside.example" in typed.group(1)


def test_only_the_learning_team_and_advocates_of_its_organisation_may_enter(
    world: World,
) -> None:
    link = feedback_link(world)
    answers = services.Answers(age_band="parent", rating="good")
    outsider = make_person("advocate@moorland.example", world.moorland, Role.ADVOCATE)
    for person in (world.staff, world.manager, world.admin, outsider):
        with pytest.raises(PermissionDenied):
            enter_feedback(
                actor=person, link=link, channel=Channel.PAPER, answers=answers, language="cy"
            )
    enter_feedback(
        actor=world.analyst, link=link, channel=Channel.IN_PERSON, answers=answers, language="cy"
    )
    assert Feedback.objects.get().language == "cy"


def _posted(link: FeedbackLink, **overrides: str) -> dict[str, str]:
    return {
        "channel": "phone",
        "link": str(link.pk),
        "language": "en-gb",
        "age_band": "13_plus",
        "rating": "poor",
        "what_was_good": "They came on time.",
        "what_would_be_better": "Tell me about meetings before they happen.",
        "idea": "",
        "worked_with": "",
        **overrides,
    }


def test_the_entry_page_keeps_what_was_typed_when_an_answer_is_missing(world: World) -> None:
    link = feedback_link(world)
    client = signed_in_client(_advocate(world))
    page = client.get(ENTRY).content.decode()
    assert "Visits" in page  # the organisation's link to choose
    # A child's paper form says "Not good" or "Bad" where the family form says "Poor".
    assert "Poor (on children&#x27;s forms: Not good or Bad)" in page
    assert "Neither good nor poor (on children&#x27;s forms: OK or Neither good nor bad)" in page
    refused = client.post(ENTRY, _posted(link, rating="", channel=""))
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "Choose how they said it was" in text
    assert "Choose how the feedback was given to you" in text
    assert "Tell me about meetings before they happen." in text
    assert "They came on time." in text
    assert not Feedback.objects.exists()


def test_the_advocate_is_shown_the_private_code_to_pass_on(world: World) -> None:
    link = feedback_link(world)
    client = signed_in_client(_advocate(world))
    sent = client.post(ENTRY, _posted(link))
    assert sent.status_code == 200
    text = sent.content.decode()
    code = re.search(r'id="reply-code">([^<]+)<', text)
    assert code
    assert f"/feedback/{link.token}/your-reply/" in text
    assert Feedback.objects.get().channel == Channel.PHONE


def test_another_organisations_link_is_refused(world: World) -> None:
    theirs = services.create_link(
        actor=world.other_admin, organisation=world.moorland, team=None, name="Moorland visits"
    )
    client = signed_in_client(_advocate(world))
    refused = client.post(ENTRY, _posted(theirs))
    assert refused.status_code == 400
    assert "Choose the feedback link it is about" in refused.content.decode()
    assert not Feedback.objects.exists()
    assert signed_in_client(world.staff).get(ENTRY).status_code == 404


def test_the_paper_forms_page_lists_every_band_and_language(world: World) -> None:
    link = feedback_link(world)
    page = signed_in_client(_advocate(world)).get(reverse("voice:paper-forms", args=["riverside"]))
    text = page.content.decode()
    for band in ("4_7", "8_12", "13_plus", "parent"):
        for code in ("en-gb", "cy", "pl", "ur", "ro", "ar"):
            assert f"/feedback/{link.token}/paper/{band}/?language={code}" in text


def test_the_start_page_offers_a_paper_copy_for_each_age_band(world: World) -> None:
    link = feedback_link(world)
    page = Client().get(reverse("voice:start", args=[link.token])).content.decode()
    assert "Print a paper copy" in page
    for band in ("4_7", "8_12", "13_plus", "parent"):
        assert f'href="/feedback/{link.token}/paper/{band}/"' in page
