from __future__ import annotations

import re
from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.core.services import set_safety_lead
from candour.notifications.models import Notification
from candour.voice import services
from candour.voice.models import Feedback, FeedbackLink, SafeguardingAlert
from candour.voice.tests.factories import feedback_link
from candour.voice.tests.pages import walk
from candour.voice.vocabulary import AlertState, FeedbackStatus
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db


def test_the_8_to_12_journey_asks_one_question_a_page_and_sends_nothing_until_the_end(
    world: World,
) -> None:
    token = feedback_link(world).token
    client = Client()
    start = client.get(reverse("voice:start", args=[token])).content.decode()
    assert "Who is filling this in?" in start
    assert "0800 1111" in start
    first = client.post(reverse("voice:start", args=[token]), {"age_band": "8_12"})
    assert first["Location"] == reverse("voice:question", args=[token, "rating"])
    page = client.get(first["Location"]).content.decode()
    assert "How was it?" in page
    assert "Question 1 of 5" in page
    assert "Really good" in page
    refused = client.post(first["Location"], {})
    assert refused.status_code == 400
    assert "Choose one answer" in refused.content.decode()

    check = walk(
        client,
        token,
        "8_12",
        {
            "rating": "good",
            "what_was_good": "She listened to me.",
            "what_would_be_better": "Tell me when she is coming.",
            "idea": "A text the day before.",
            "worked_with": "social_worker",
        },
    )
    assert "Check your answers" in check
    assert "She listened to me." in check
    assert "My social worker" in check
    assert not Feedback.objects.exists()

    thanks = client.post(reverse("voice:check", args=[token]), follow=True).content.decode()
    assert "We have got your answers" in thanks
    feedback = Feedback.objects.get()
    assert (feedback.age_band, feedback.rating, feedback.team) == ("8_12", "good", world.assessment)
    assert feedback.received_week.weekday() == 0
    assert feedback.status == FeedbackStatus.NEW
    assert not SafeguardingAlert.objects.exists()
    event = AuditEvent.objects.get(event_type=AuditEventType.FEEDBACK_RECEIVED)
    assert "listened" not in str(event.data)
    # The answers have left the session: going back starts again.
    again = client.get(reverse("voice:check", args=[token]))
    assert again["Location"] == reverse("voice:start", args=[token])


def test_the_youngest_children_get_faces_and_four_short_questions_with_an_idea(
    world: World,
) -> None:
    token = feedback_link(world).token
    client = Client()
    client.post(reverse("voice:start", args=[token]), {"age_band": "4_7"})
    page = client.get(reverse("voice:question", args=[token, "rating"])).content.decode()
    assert "Question 1 of 4" in page
    assert "candour/faces/very_good" in page
    assert "candour-pictures" in page
    good = client.get(reverse("voice:question", args=[token, "what_was_good"])).content.decode()
    # Choices to pick, not a box to write in.
    assert "<textarea" not in good
    assert "They listened to me" in good
    check = walk(
        client, token, "4_7", {"rating": "very_good", "what_was_good": "fun", "idea": "play"}
    )
    assert "Is there something you would like us to do?" in check
    assert "More time to play" in check
    assert "Who did you see" not in check
    thanks = client.post(reverse("voice:check", args=[token]), follow=True).content.decode()
    feedback = Feedback.objects.get()
    assert (feedback.what_was_good, feedback.idea) == ("We did fun things", "More time to play")
    # The thank-you page has a picture too (decorative: the words say the same).
    what_next = thanks[thanks.index('id="what-next"') :]
    assert '<img src="/static/candour/pictures/thumbs_up.svg" alt=""' in what_next


def test_8_to_12_year_olds_are_offered_people_in_plain_words(world: World) -> None:
    token = feedback_link(world).token
    client = Client()
    walk(client, token, "8_12", {"rating": "good"})
    page = client.get(reverse("voice:question", args=[token, "worked_with"])).content.decode()
    assert "The person who runs my review meetings" in page
    assert "IRO" not in page


def test_answers_to_questions_a_new_age_band_is_not_asked_are_not_sent(world: World) -> None:
    token = feedback_link(world).token
    client = Client()
    walk(
        client,
        token,
        "8_12",
        {"rating": "good", "idea": "A games room.", "worked_with": "social_worker"},
    )
    # The child goes back to the start and says they are 4 to 7: not asked who they saw.
    client.post(reverse("voice:start", args=[token]), {"age_band": "4_7"})
    check = client.get(reverse("voice:check", args=[token])).content.decode()
    assert "My social worker" not in check
    client.post(reverse("voice:check", args=[token]))
    feedback = Feedback.objects.get()
    assert (feedback.age_band, feedback.worked_with) == ("4_7", "")
    # 4 to 7 year olds choose from pictures and words: writing from another band is not
    # one of their choices, is shown as not said, and is not sent.
    assert feedback.idea == ""


def test_parents_are_asked_the_friends_and_family_test_question(world: World) -> None:
    token = feedback_link(world).token
    client = Client()
    client.post(reverse("voice:start", args=[token]), {"age_band": "parent"})
    page = client.get(reverse("voice:question", args=[token, "rating"])).content.decode()
    assert "Overall, how was your experience of our service?" in page
    assert "Neither good nor poor" in page


def test_names_in_feedback_are_de_identified_and_the_words_sealed(world: World) -> None:
    submitted, _secret = services.submit_feedback(
        link=feedback_link(world),
        answers=services.Answers(
            age_band="13_plus",
            rating="good",
            what_was_good="Kasia Nowak from 14 Elm Road helped me with college.",
        ),
    )
    feedback = submitted.feedback
    assert "Kasia" not in feedback.what_was_good
    assert "college" in feedback.what_was_good
    raw = services.raw_answers(feedback)
    assert raw is not None
    assert "Kasia Nowak" in raw["what_was_good"]


def test_a_disclosure_is_routed_at_once_and_tracked_until_acknowledged(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    services.set_duty_contact(
        actor=world.admin, organisation=world.riverside, email="duty@riverside.example"
    )
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.manager)
    token = feedback_link(world).token
    client = Client()
    walk(
        client,
        token,
        "8_12",
        {
            "rating": "very_poor",
            "what_would_be_better": "my stepdad hits me and im scared to go home",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        thanks = client.post(reverse("voice:check", args=[token]), follow=True).content.decode()
    assert "What happens next" in thanks
    assert "0800 1111" in thanks
    assert "999" in thanks
    alert = SafeguardingAlert.objects.get()
    assert alert.sent_to == "duty@riverside.example"
    assert alert.state == AlertState.SENT
    assert Notification.objects.filter(recipient=world.manager).exists()

    # The email went once the transaction committed.
    duty = [m for m in mail.outbox if m.to == ["duty@riverside.example"]]
    assert len(duty) == 1
    assert ["manager@riverside.example"] in [m.to for m in mail.outbox]  # the safety lead
    body = duty[0].body
    assert "my stepdad hits me" in body
    secret = body.rsplit("/safeguarding/acknowledge/", 1)[1].split("/", 1)[0]
    page = Client().get(reverse("voice:acknowledge", args=[secret])).content.decode()
    assert "my stepdad hits me" in page
    refused = Client().post(reverse("voice:acknowledge", args=[secret]), {"name": "", "action": ""})
    assert refused.status_code == 400
    assert "Enter your name" in refused.content.decode()
    Client().post(
        reverse("voice:acknowledge", args=[secret]),
        {"name": "Duty SW", "action": "Called the school; child seen today."},
    )
    alert.refresh_from_db()
    assert alert.state == AlertState.ACKNOWLEDGED
    assert alert.acknowledged_by_name == "Duty SW"
    assert Client().get(reverse("voice:acknowledge", args=["not-a-secret"])).status_code == 404


def test_the_acknowledgement_link_is_single_use(world: World) -> None:
    submitted, secret = services.submit_feedback(
        link=feedback_link(world),
        answers=services.Answers(
            age_band="8_12", rating="poor", what_would_be_better="my stepdad hits me"
        ),
    )
    assert secret is not None
    url = reverse("voice:acknowledge", args=[secret])
    Client().post(url, {"name": "Duty SW", "action": "Called the school."})
    # The feedback is not yet checked, so the words are still sealed for the learning team,
    # but the link no longer shows them: only who has it, when, and what they are doing.
    assert services.raw_answers(submitted.feedback) is not None
    page = Client().get(url).content.decode()
    assert "stepdad" not in page
    assert "hits me" not in page  # not even as why it was flagged
    assert "by Duty SW at" in page
    assert "Called the school." in page
    assert 'name="action"' not in page
    again = Client().post(url, {"name": "Someone else", "action": "Again"})
    assert again.status_code == 200
    alert = SafeguardingAlert.objects.get()
    assert (alert.acknowledged_by_name, alert.action) == ("Duty SW", "Called the school.")


def _disclosure_sent(world: World, words: str, *, ago: timedelta) -> SafeguardingAlert:
    """A child's disclosure whose alert went to the duty contact ``ago``."""
    submitted, _secret = services.submit_feedback(
        link=feedback_link(world),
        answers=services.Answers(age_band="13_plus", rating="poor", what_was_good=words),
    )
    alert = submitted.alert
    assert alert is not None
    SafeguardingAlert.objects.filter(pk=alert.pk).update(sent_at=timezone.now() - ago)
    return alert


def test_waiting_alerts_are_all_listed_however_many_are_acknowledged(world: World) -> None:
    # The waiting alert is the oldest, so it would sort after every acknowledged one.
    waiting = _disclosure_sent(world, "he touches me", ago=timedelta(days=30))
    old = Feedback.objects.bulk_create(
        Feedback(
            organisation=world.riverside,
            age_band="8_12",
            rating="good",
            received_week=date(2026, 1, 5),
        )
        for _ in range(205)
    )
    SafeguardingAlert.objects.bulk_create(
        SafeguardingAlert(
            feedback=feedback,
            organisation=world.riverside,
            sent_at=timezone.now(),
            ack_digest=f"digest-{feedback.pk}",
            state=AlertState.ACKNOWLEDGED,
            acknowledged_at=timezone.now(),
            acknowledged_by_name="Duty",
            action="Done",
        )
        for feedback in old
    )
    page = signed_in_client(world.admin).get(reverse("voice:alerts")).content.decode()
    assert "Waiting for acknowledgement (1)" in page
    waiting_table = page[page.index('id="alerts-waiting"') : page.index('id="alerts-done"')]
    assert reverse("voice:alert", args=[waiting.pk]) in waiting_table
    assert "Acknowledged (205)" in page
    assert 'rel="next"' in page  # the acknowledged ones are paged


def test_unacknowledged_disclosures_are_chased_every_15_minutes_until_acknowledged(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    services.set_duty_contact(
        actor=world.admin, organisation=world.riverside, email="duty@riverside.example"
    )
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.analyst)
    submitted, _secret = services.submit_feedback(
        link=feedback_link(world),
        answers=services.Answers(
            age_band="13_plus", rating="poor", what_would_be_better="i want to kill myself"
        ),
    )
    alert = submitted.alert
    assert alert is not None
    sent = alert.sent_at

    def chased(person: User) -> int:
        return Notification.objects.filter(
            recipient=person, subject__startswith="Not yet acknowledged"
        ).count()

    assert services.chase_alerts(now=sent + timedelta(minutes=10)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.chase_alerts(now=sent + timedelta(minutes=16)) == 1
    # First chase: the safety lead and the learning team, and a reminder to the duty inbox
    # without the child's words.
    assert chased(world.analyst) == 1
    assert chased(world.admin) == 0
    reminder = [m for m in mail.outbox if m.to == ["duty@riverside.example"]][-1]
    assert "Not yet acknowledged" in reminder.subject
    assert "kill" not in reminder.body
    assert services.chase_alerts(now=sent + timedelta(minutes=21)) == 0
    # Still nobody: chased again, and now to every administrator and the team's managers.
    assert services.chase_alerts(now=sent + timedelta(minutes=32)) == 1
    assert chased(world.admin) == 1
    assert chased(world.manager) == 1
    assert chased(world.other_manager) == 0  # another team's manager
    assert services.chase_alerts(now=sent + timedelta(minutes=48)) == 1
    alert.refresh_from_db()
    assert alert.chase_count == 3
    assert AuditEvent.objects.filter(event_type=AuditEventType.SAFEGUARDING_CHASED).count() == 3
    services.acknowledge_alert(alert=alert, by=world.admin, action="Called; child is safe.")
    assert services.chase_alerts(now=sent + timedelta(hours=2)) == 0


def test_the_in_app_alert_is_for_the_organisations_responsible_people_only(
    world: World,
) -> None:
    submitted, _secret = services.submit_feedback(
        link=feedback_link(world),
        answers=services.Answers(
            age_band="8_12", rating="poor", what_was_good="", what_would_be_better="he touches me"
        ),
        today=date(2026, 11, 20),
    )
    assert submitted.alert is not None
    url = reverse("voice:alert", args=[submitted.alert.pk])
    assert signed_in_client(world.staff).get(url).status_code == 404
    assert signed_in_client(world.other_admin).get(url).status_code == 404
    client = signed_in_client(world.admin)
    listing = client.get(reverse("voice:alerts")).content.decode()
    assert "Waiting for acknowledgement (1)" in listing
    assert "touches me" in listing  # why it was flagged
    assert "he touches me" in client.get(url).content.decode()
    client.post(url, {"action": "Passed to the MASH"})
    assert SafeguardingAlert.objects.get().acknowledged_by == world.admin


def test_a_deactivated_or_unknown_link_is_not_found(world: World) -> None:
    made = feedback_link(world)
    FeedbackLink.objects.filter(pk=made.pk).update(active=False)
    assert Client().get(reverse("voice:start", args=[made.token])).status_code == 404
    assert Client().get(reverse("voice:start", args=["nope"])).status_code == 404


def test_words_kept_for_an_alert_go_once_it_is_acknowledged_and_opening_them_is_audited(
    world: World,
) -> None:
    submitted, _secret = services.submit_feedback(
        link=feedback_link(world),
        answers=services.Answers(
            age_band="13_plus", rating="poor", what_would_be_better="my dad beats me"
        ),
    )
    feedback, alert = submitted.feedback, submitted.alert
    assert alert is not None
    page = signed_in_client(world.analyst).get(reverse("voice:moderate", args=[feedback.pk]))
    assert "my dad beats me" in page.content.decode()
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.FEEDBACK_RAW_TEXT_VIEWED, actor_id=world.analyst.pk
    ).exists()
    services.publish_feedback(actor=world.analyst, feedback=feedback)
    assert services.raw_answers(feedback) is not None  # kept: the alert is not acknowledged
    services.acknowledge_alert(alert=alert, by=world.admin, action="Seen at school today.")
    feedback.refresh_from_db()
    assert services.raw_answers(feedback) is None


def test_the_scheduled_command_chases_what_nobody_has_acknowledged(world: World) -> None:
    alert = _disclosure_sent(world, "he hits me", ago=timedelta(minutes=20))
    out = StringIO()

    call_command("chase_safeguarding_alerts", stdout=out)

    assert out.getvalue().strip() == "Chased 1 unacknowledged safeguarding alert(s)."
    alert.refresh_from_db()
    assert alert.chase_count == 1
    call_command("chase_safeguarding_alerts", stdout=out)  # too soon for the next chase
    alert.refresh_from_db()
    assert alert.chase_count == 1


def _session_rows() -> str:
    """Everything the session table holds, raw and decoded: what a backup would show."""
    import json

    from django.contrib.sessions.models import Session

    rows = list(Session.objects.all())
    return " ".join(
        [row.session_data for row in rows] + [json.dumps(row.get_decoded()) for row in rows]
    )


def test_a_childs_answers_and_reply_code_are_sealed_in_the_session(world: World) -> None:
    # Before: the answers and the private reply code sat in the session row in plain text,
    # so anyone with the session table (a backup) could read them.
    token = feedback_link(world).token
    client = Client()
    check = walk(
        client,
        token,
        "13_plus",
        {
            "rating": "poor",
            "what_was_good": "Quokka pancakes on Tuesday.",
            "what_would_be_better": "Ring me back.",
            "worked_with": "social_worker",
        },
    )
    assert "Quokka pancakes on Tuesday." in check
    assert "Quokka" not in _session_rows()

    thanks = client.post(reverse("voice:check", args=[token]), follow=True).content.decode()
    code = re.search(r'id="reply-code">([^<]+)<', thanks)
    assert code is not None, thanks
    assert code.group(1).strip() not in _session_rows()
    assert "Quokka" not in _session_rows()

    # Without the browser's half of the key (its cookie), the answers cannot be read back.
    stranger = Client()
    session_cookie = settings.SESSION_COOKIE_NAME
    stranger.cookies[session_cookie] = client.cookies[session_cookie].value
    assert stranger.get(reverse("voice:check", args=[token]))["Location"] == reverse(
        "voice:start", args=[token]
    )
