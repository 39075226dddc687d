"""Route 1 (issue 16): flooding the duty team and the learning team.

The attacks: a scripted feedback journey made 8 fake disclosures in 7 seconds (8 alerts,
16 urgent emails, each chased every 15 minutes), and anonymous reports had no limit (20
in 4 seconds). Limits must never stop a child's real disclosure.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from time_machine import TimeMachineFixture

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.keys import envelope
from candour.notifications.models import Notification, OutboundEmail
from candour.reporting.models import Report
from candour.reporting.tests.factories import answer_every_page, page_answers, send_checked
from candour.voice import services as voice
from candour.voice.alerts.services import burst_for_secret
from candour.voice.models import AlertBurst, Feedback, FeedbackLink, SafeguardingAlert
from candour.voice.services import chase_alerts
from candour.voice.vocabulary import AlertState
from conftest import World, signed_in_client
from tests.security.frozen_time_16a import Clock, hold_time

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(time_machine: TimeMachineFixture) -> Clock:
    return hold_time(time_machine)


def _report(client: Client, world: World, what_happened: str) -> Any:
    """Answer every question page and press Send report on the check page."""
    check = answer_every_page(client, page_answers(world, what_happened=what_happened))
    return send_checked(client, check)


def _sent(response: Any) -> bool:
    return bool(re.search(r'id="receipt-code">[0-9A-Z-]{19}<', response.content.decode()))


def test_one_session_cannot_flood_anonymous_reports(world: World, clock: Clock) -> None:
    script = Client(REMOTE_ADDR="203.0.113.9")
    sent = [_sent(_report(script, world, f"Made up {n}.")) for n in range(20)]
    assert sent == [True] * 5 + [False] * 15
    assert Report.objects.count() == 5


def test_a_refused_report_keeps_everything_typed(world: World, clock: Clock) -> None:
    reporter = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(5):
        _report(reporter, world, f"Report number {n}.")
    words = "The medication chart for the evening round was not signed & nobody checked."
    refused = _report(reporter, world, words)
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "Your report has not been sent yet" in body
    assert "Nothing you wrote is lost" in body
    # Every answer is still on the page and in the draft, ready to send again.
    assert "The medication chart for the evening round was not signed &amp; nobody" in body
    assert 'name="submission_token"' in body
    assert Report.objects.count() == 5
    # After the hour (within the draft's two hours), the same page sends it.
    clock.advance(hours=1)
    assert _sent(send_checked(reporter, refused))
    assert Report.objects.filter(what_happened=words).count() == 1


def test_a_client_throwing_away_its_cookies_is_held_per_client(
    world: World, clock: Clock, settings: Any
) -> None:
    settings.CANDOUR_REPORTS_PER_CLIENT = 8
    sent = [
        _sent(_report(Client(REMOTE_ADDR="203.0.113.9"), world, f"Fake {n}.")) for n in range(20)
    ]
    assert sent.count(True) == 8
    # Someone else, elsewhere, still reports.
    assert _sent(_report(Client(REMOTE_ADDR="198.51.100.7"), world, "Real."))


# Feedback links: the duty team must not be buried, and no real disclosure may be lost.

DISCLOSURE = "My stepdad hits me when mum is at work and I am scared to go home."
# Words no phrase pattern holds; the learned layer finds them (issue 15).
QUIET = "mum hasnt got up for weeks so i feed my brothers and get them to school"


def _link(world: World) -> FeedbackLink:
    voice.set_duty_contact(
        actor=world.admin, organisation=world.riverside, email="duty@riverside.example"
    )
    return voice.create_link(
        actor=world.admin, organisation=world.riverside, team=world.assessment, name="Poster"
    )


def _send(client: Client, token: str, better: str) -> Any:
    """The whole journey as a script would run it: age band, rating, one answer, send."""
    client.post(reverse("voice:start", args=[token]), {"age_band": "13_plus"})
    client.post(reverse("voice:question", args=[token, "rating"]), {"rating": "very_poor"})
    client.post(
        reverse("voice:question", args=[token, "what_would_be_better"]),
        {"what_would_be_better": better},
    )
    return client.post(reverse("voice:check", args=[token]))


def _duty_emails() -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(to="duty@riverside.example"))


def test_a_scripted_flood_of_disclosures_is_one_burst_for_the_duty_team(
    world: World, clock: Clock
) -> None:
    link = _link(world)
    script = Client()
    for n in range(8):
        _send(script, link.token, f"{DISCLOSURE} ({n})")
        clock.advance(seconds=1)
    # Every one is kept and shown: any of them may be real.
    alerts = list(SafeguardingAlert.objects.order_by("sent_at"))
    assert len(alerts) == 8
    burst = AlertBurst.objects.get()
    assert {alert.burst_id for alert in alerts} == {burst.pk}
    assert burst.size == 8
    # Two alerts emailed on their own, then one email for the burst: not 8 (or 16).
    subjects = [email.subject for email in _duty_emails()]
    assert len(subjects) == 3
    assert "3 alerts from one feedback link" in subjects[2]
    people_told = Notification.objects.filter(recipient=world.admin).count()
    assert people_told == 3
    # The duty worker sees the burst together, marked.
    page = signed_in_client(world.admin).get(reverse("voice:alerts")).content.decode()
    assert page.count("Part of a burst of 8 from link “Poster” in 1 minute") == 8


def test_a_burst_is_chased_once_not_once_per_alert(world: World, clock: Clock) -> None:
    link = _link(world)
    script = Client()
    for n in range(8):
        _send(script, link.token, f"{DISCLOSURE} ({n})")
    before = len(_duty_emails())
    clock.advance(minutes=16)
    assert chase_alerts() == 1
    chases = _duty_emails()[before:]
    assert len(chases) == 1
    assert "8 safeguarding alerts from one feedback link" in chases[0].subject
    clock.advance(minutes=5)
    assert chase_alerts() == 0  # not again until a quarter of an hour has passed
    clock.advance(minutes=11)
    assert chase_alerts() == 1


def test_the_burst_link_shows_every_disclosure_and_acknowledges_them_all(
    world: World, clock: Clock
) -> None:
    link = _link(world)
    script = Client()
    for n in range(4):
        _send(script, link.token, f"{DISCLOSURE} ({n})")
    email = _duty_emails()[-1]
    body = envelope.decrypt(
        envelope.derive_kek(settings.CANDOUR_KEY_ENCRYPTION_KEY),
        bytes(email.body_sealed),
        context=f"outbox:{email.message_id}",
    )
    assert DISCLOSURE not in body  # one email for many: the words stay behind the link
    secret = body.rsplit("/safeguarding/burst/", 1)[1].strip().rstrip("/")
    burst = AlertBurst.objects.get()
    assert burst_for_secret(secret) == burst
    duty = Client()
    page = duty.get(reverse("voice:burst", args=[secret])).content.decode()
    for n in range(4):
        assert f"({n})" in page
    done = duty.post(
        reverse("voice:burst", args=[secret]), {"name": "Sam Duty", "action": "Calling school."}
    )
    assert done.status_code == 302
    assert not SafeguardingAlert.objects.filter(state=AlertState.SENT).exists()
    after = duty.get(reverse("voice:burst", args=[secret])).content.decode()
    assert DISCLOSURE not in after


def test_ordinary_feedback_past_the_limit_is_refused_kindly_and_kept_on_the_device(
    world: World, clock: Clock
) -> None:
    link = _link(world)
    client = Client()
    for n in range(3):
        _send(client, link.token, f"The waiting room was cold ({n}).")
    refused = _send(client, link.token, "Tell me when she is coming.")
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "Please try again later" in body
    assert "Your answers are saved on this device" in body
    assert Feedback.objects.count() == 3
    # Nothing was written to the audit trail for the refusal.
    assert AuditEvent.objects.filter(event_type=AuditEventType.FEEDBACK_RECEIVED).count() == 3
    before = AuditEvent.objects.count()
    for _ in range(10):
        client.post(reverse("voice:check", args=[link.token]))
    assert AuditEvent.objects.count() == before
    # What they typed is still there, and sends once the window has passed.
    check = client.get(reverse("voice:check", args=[link.token])).content.decode()
    assert "Tell me when she is coming." in check
    clock.advance(minutes=15)
    client.post(reverse("voice:check", args=[link.token]))
    assert Feedback.objects.filter(what_would_be_better="Tell me when she is coming.").exists()


def test_a_disclosure_past_the_limit_is_still_taken_and_marked(world: World, clock: Clock) -> None:
    link = _link(world)
    client = Client()
    for n in range(3):
        _send(client, link.token, f"The waiting room was cold ({n}).")
    thanks = _send(client, link.token, DISCLOSURE)
    assert thanks.status_code == 302
    alert = SafeguardingAlert.objects.get()
    assert alert.over_limit
    assert alert.burst is not None
    assert len(_duty_emails()) == 1
    page = signed_in_client(world.admin).get(reverse("voice:alert", args=[alert.pk]))
    assert "Part of a burst of 1 from link “Poster”" in page.content.decode()


def test_the_link_limit_holds_against_fresh_sessions(
    world: World, clock: Clock, settings: Any
) -> None:
    settings.CANDOUR_FEEDBACK_PER_LINK = 5
    link = _link(world)
    statuses = [_send(Client(), link.token, f"Cold room ({n}).").status_code for n in range(8)]
    assert statuses == [302] * 5 + [429] * 3
    # A child's disclosure through the same poster is taken all the same.
    assert _send(Client(), link.token, DISCLOSURE).status_code == 302
    assert SafeguardingAlert.objects.count() == 1


def test_the_burst_page_says_why_each_alert_was_raised_whichever_layer(
    world: World, clock: Clock
) -> None:
    # A disclosure only the learned layer finds has no matched words: the burst page must
    # still say why it was raised, as the single alert's page does (issue 15 item 2).
    link = _link(world)
    script = Client()
    for words in (f"{DISCLOSURE} (1)", f"{DISCLOSURE} (2)", QUIET):
        _send(script, link.token, words)
    email = _duty_emails()[-1]
    body = envelope.decrypt(
        envelope.derive_kek(settings.CANDOUR_KEY_ENCRYPTION_KEY),
        bytes(email.body_sealed),
        context=f"outbox:{email.message_id}",
    )
    secret = body.rsplit("/safeguarding/burst/", 1)[1].strip().rstrip("/")
    page = Client().get(reverse("voice:burst", args=[secret])).content.decode()

    assert page.count("Raised by: word patterns") == 2
    assert "Raised by: meaning, not exact words (the learned layer)" in page
