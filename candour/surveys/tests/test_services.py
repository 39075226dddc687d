from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection, models

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.core.models import Team
from candour.notifications.models import Notification
from candour.surveys import services, tokens
from candour.surveys.models import Answer, Invitation, Response, Wave
from candour.surveys.results.figures import wave_results
from candour.surveys.tests.helpers import (
    CLOSES,
    TODAY,
    add_staff,
    answer_all,
    full_answers,
    open_wave,
)
from conftest import World

pytestmark = pytest.mark.django_db


def test_opening_a_wave_invites_each_active_member_once_by_keyed_hash(world: World) -> None:
    opened = open_wave(world, extra_questions=["We have time to reflect together."])
    invited = set(Invitation.objects.filter(wave=opened.wave).values_list("person_id", flat=True))
    assert invited == {world.staff.pk, world.manager.pk, world.other_manager.pk}
    for invitation in Invitation.objects.filter(wave=opened.wave):
        token = opened.tokens[invitation.person_id]
        link = invitation.links.get()
        assert link.token_digest == tokens.digest(token)
        assert token not in link.token_digest
    told = Notification.objects.filter(recipient=world.staff).get()
    assert told.url == f"/survey/{opened.tokens[world.staff.pk]}/"
    assert told.about == opened.wave.title
    event = AuditEvent.objects.filter(event_type=AuditEventType.SURVEY_WAVE_OPENED).get()
    assert event.data == {"teams": 2, "invited": 3, "extra_questions": 1}


def test_only_an_administrator_of_the_organisation_opens_a_wave(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.open_wave(
            actor=world.other_admin,
            organisation=world.riverside,
            title="x",
            teams=[world.assessment],
            closes_on=CLOSES,
            today=TODAY,
        )
    with pytest.raises(ValidationError):
        services.open_wave(
            actor=world.admin,
            organisation=world.riverside,
            title="x",
            teams=[world.moorland_team],
            closes_on=CLOSES,
            today=TODAY,
        )


def test_a_link_works_once_and_the_answers_carry_no_person_or_link(world: World) -> None:
    opened = open_wave(world)
    token = opened.tokens[world.staff.pk]
    response = services.submit_answers(
        token=token, data=full_answers(safer_to_speak_up="Call Jane Smith back."), today=TODAY
    )
    with pytest.raises(ValidationError) as used:
        services.submit_answers(token=token, data=full_answers(), today=TODAY)
    assert used.value.code == "used"
    assert Response.objects.count() == 1

    # The rows: a random key, the wave and the team; nothing else.
    assert {f.name for f in Response._meta.concrete_fields} == {"id", "wave", "team"}
    related = {f.related_model for f in Response._meta.concrete_fields if f.is_relation}
    assert related == {Wave, Team}
    assert {f.related_model for f in Answer._meta.concrete_fields if f.is_relation} == {Response}
    assert {f.name for f in Invitation._meta.get_fields() if f.is_relation} == {
        "wave",
        "person",
        "team",
        "links",
    }
    stored = Response.objects.get()
    assert stored.team_id == world.assessment.pk
    assert stored.pk == response.pk
    assert Invitation.objects.get(person=world.staff).used
    # Free text is stored only after de-identification.
    text = Answer.objects.get(response=stored, item="safer_to_speak_up").text
    assert "Jane Smith" not in text
    # The audit event says something was answered: no person, no team, the day only.
    event = AuditEvent.objects.filter(event_type=AuditEventType.SURVEY_ANSWERED).get()
    assert event.actor_id is None
    assert event.data == {}
    assert (event.occurred_at.hour, event.occurred_at.minute, event.occurred_at.second) == (0, 0, 0)


def _timed(model: type[models.Model]) -> set[str]:
    return {
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField | models.DateTimeField)
    }


def test_stored_rows_cannot_be_joined_on_team_and_time(world: World) -> None:
    """One team, one person answering on each of two days: nothing stored on either side
    tells which invitation went with which response."""
    opened = open_wave(world, teams=[world.assessment])
    services.submit_answers(
        token=opened.tokens[world.staff.pk], data=full_answers(agree=5), today=TODAY
    )
    services.submit_answers(
        token=opened.tokens[world.manager.pk],
        data=full_answers(agree=1),
        today=TODAY + timedelta(days=3),
    )
    # No day or time on the answers' side; on the invitations' side, only the reminder's.
    assert _timed(Response) == _timed(Answer) == set()
    assert _timed(Invitation) == {"reminded_at"}
    first, second = Invitation.objects.filter(used=True).values(
        "wave", "team", "used", "reminded_at"
    )
    assert first == second
    one, other = Response.objects.values("wave", "team")
    assert one == other
    # Random keys, not numbers counting up in the order the answers arrived.
    keys = [
        *Response.objects.values_list("pk", flat=True),
        *Answer.objects.values_list("pk", flat=True),
    ]
    assert all(isinstance(key, uuid.UUID) and key.version == 4 for key in keys)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="xmin is PostgreSQL's")
def test_the_transaction_id_does_not_join_an_invitation_to_its_response(world: World) -> None:
    """Each atomic block here is a savepoint, with its own transaction id in xmin."""
    opened = open_wave(world)
    response = services.submit_answers(
        token=opened.tokens[world.staff.pk], data=full_answers(), today=TODAY
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT xmin::text FROM surveys_invitation WHERE wave_id = %s",
            [opened.wave.pk],
        )
        invitations = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT xmin::text FROM surveys_response WHERE id = %s", [response.pk])
        (answered,) = cursor.fetchone()
    # Every invitation, used or not, carries the id the response carries.
    assert invitations == {answered}


def test_the_daily_reminder_writes_to_each_person_at_most_weekly(world: World) -> None:
    opened = open_wave(world)  # on 1 March
    services.submit_answers(token=opened.tokens[world.staff.pk], data=full_answers(), today=TODAY)
    Notification.objects.all().delete()
    wave = opened.wave.pk
    for day, reminded in ((2, 0), (7, 0), (8, 2), (9, 0), (14, 0), (15, 2)):
        now = datetime(2027, 3, day, 7, tzinfo=UTC)
        assert services.remind_open_waves(now=now) == {wave: reminded}, day
    sent = [n.url.split("/")[2] for n in Notification.objects.filter(recipient=world.manager)]
    assert len(sent) == 2
    # The first link still works after two reminders, and using it spends the others.
    services.submit_answers(
        token=opened.tokens[world.manager.pk], data=full_answers(), today=CLOSES
    )
    for token in sent:
        with pytest.raises(ValidationError) as spent:
            services.submit_answers(token=token, data=full_answers(), today=CLOSES)
        assert spent.value.code == "used"


def test_an_unknown_token_is_refused(world: World) -> None:
    open_wave(world)
    with pytest.raises(PermissionDenied):
        services.submit_answers(token="x" * 43, data=full_answers(), today=TODAY)


def test_every_closed_question_needs_an_answer(world: World) -> None:
    opened = open_wave(world)
    data = full_answers()
    del data["re1"]
    data["ps1"] = "9"
    with pytest.raises(ValidationError) as problem:
        services.submit_answers(token=opened.tokens[world.staff.pk], data=data, today=TODAY)
    assert set(problem.value.message_dict) == {"re1", "ps1"}
    assert not Invitation.objects.filter(used=True).exists()


def test_answers_after_the_closing_date_or_closing_are_refused(world: World) -> None:
    opened = open_wave(world)
    with pytest.raises(ValidationError) as late:
        services.submit_answers(
            token=opened.tokens[world.staff.pk],
            data=full_answers(),
            today=CLOSES + timedelta(days=1),
        )
    assert late.value.code == "closed"
    services.close_wave(actor=world.admin, wave=opened.wave)
    with pytest.raises(ValidationError):
        services.submit_answers(
            token=opened.tokens[world.manager.pk], data=full_answers(), today=TODAY
        )
    assert not Response.objects.exists()


def test_close_due_closes_waves_past_their_date(world: World) -> None:
    opened = open_wave(world)
    assert services.close_due_waves(today=CLOSES) == []
    assert services.close_due_waves(today=CLOSES + timedelta(days=1)) == [opened.wave]
    opened.wave.refresh_from_db()
    assert opened.wave.closed_at is not None
    assert AuditEvent.objects.filter(event_type=AuditEventType.SURVEY_WAVE_CLOSED).count() == 1
    call_command("surveys", "close-due")


def test_reminders_go_only_to_unused_links_and_earlier_links_keep_working(
    world: World,
) -> None:
    opened = open_wave(world)
    services.submit_answers(token=opened.tokens[world.staff.pk], data=full_answers(), today=TODAY)
    Notification.objects.all().delete()
    old = opened.tokens[world.manager.pk]
    now = datetime(2027, 3, 5, 10, tzinfo=UTC)
    count = services.send_reminders(actor=world.admin, wave=opened.wave, now=now)
    assert count == 2
    reminded = set(Notification.objects.values_list("recipient_id", flat=True))
    assert reminded == {world.manager.pk, world.other_manager.pk}
    # Someone half way through the form with the first link can still send it...
    fresh = Notification.objects.get(recipient=world.manager).url.split("/")[2]
    assert fresh != old
    services.submit_answers(token=old, data=full_answers(), today=TODAY)
    # ...and that spends every link they were sent.
    with pytest.raises(ValidationError) as spent:
        services.submit_answers(token=fresh, data=full_answers(), today=TODAY)
    assert spent.value.code == "used"
    assert Response.objects.count() == 2
    event = AuditEvent.objects.filter(event_type=AuditEventType.SURVEY_REMINDERS_SENT).get()
    assert event.data == {"scheduled": False}  # never how many: that would say who answered


def test_results_wait_for_closing_and_do_not_change_after(world: World) -> None:
    """Differencing over time: while a wave is open each new answer would move the
    figures by one person's answers, so nothing is shown until it closes, and nothing is
    accepted after."""
    assessment = [world.staff, world.manager, *add_staff(world.assessment, 5)]
    opened = open_wave(world, teams=[world.assessment])
    answer_all(opened, assessment[:5], agree=5)
    assert wave_results(opened.wave).whole.scores is None
    assert not wave_results(opened.wave).available
    services.close_wave(actor=world.admin, wave=opened.wave)
    before = wave_results(opened.wave, with_links=False)
    with pytest.raises(ValidationError):
        answer_all(opened, assessment[5:6], agree=1)
    after = wave_results(opened.wave, with_links=False)
    assert before.composites == after.composites
    assert after.whole.respondents.text == "5"


def test_differencing_across_teams_and_waves_reveals_no_small_group(world: World) -> None:
    """An attacker with every figure shown, in every wave, tries to recover the small
    team's answers by subtracting: the organisation less the teams shown is never fewer
    than 5 people, in either wave."""
    big = [world.staff, world.manager, *add_staff(world.assessment, 5)]  # 7
    small = [world.other_manager, *add_staff(world.child_in_need, 2)]  # 3
    third = Team.objects.create(organisation=world.riverside, name="Children in Care")
    third_people = add_staff(third, 6)
    waves = []
    for answers in ({"agree": 5}, {"agree": 2}):
        opened = open_wave(world, teams=[world.assessment, world.child_in_need, third])
        answer_all(opened, big, **answers)
        answer_all(opened, small, agree=1)
        answer_all(opened, third_people, agree=4)
        services.close_wave(actor=world.admin, wave=opened.wave)
        waves.append(wave_results(opened.wave, with_links=False))
    for result in waves:
        shown = {t.name: t for t in result.teams if t.scores is not None}
        assert "Child in Need" not in shown
        # Complementary suppression: Children in Care (6) hidden too, else 16 - 7 - 6 = 3.
        assert set(shown) == {"Assessment"}
        whole = result.whole.scores
        assert whole is not None
        shown_sizes = [t.scores.respondents for t in shown.values() if t.scores is not None]
        remainder = whole.respondents - sum(shown_sizes)
        assert remainder >= 5
        hidden_texts = {t.name: t.respondents.text for t in result.teams if t.scores is None}
        assert hidden_texts == {"Child in Need": "fewer than 5", "Children in Care": "hidden"}
    # Across waves: each wave's figures are fixed and protected alone; subtracting one
    # wave's organisation figure from the other's compares two different sets of people.
    assert waves[0].whole.respondents.text == waves[1].whole.respondents.text == "16"


def _command(*args: str) -> str:
    out = StringIO()
    call_command("surveys", *args, stdout=out)
    return out.getvalue().strip()


def _reminded() -> set[int]:
    reminders = Notification.objects.filter(subject__startswith="Reminder:")
    return set(reminders.values_list("recipient_id", flat=True))


def test_the_daily_commands_remind_who_has_not_answered_weekly_then_close(world: World) -> None:
    """The scheduler runs both commands every morning; the clock is moved day by day."""
    opened = open_wave(world)  # invitations sent on Monday 1 March, closes on 15 March
    services.submit_answers(token=opened.tokens[world.staff.pk], data=full_answers(), today=TODAY)
    not_answered = {world.manager.pk, world.other_manager.pk}

    def morning(day: int) -> time_machine.travel:
        return time_machine.travel(datetime(2027, 3, day, 7, tzinfo=UTC), tick=False)

    # Under a week since the invitation: nobody is written to again yet.
    with morning(5):
        assert _command("remind") == "reminded 0 people across 1 open waves"
    assert _reminded() == set()

    # A week on: everyone who has not answered, and only they, get a reminder.
    with morning(8):
        assert _command("remind") == "reminded 2 people across 1 open waves"
    assert _reminded() == not_answered
    first_round = Notification.objects.filter(subject__startswith="Reminder:")
    assert {n.subject for n in first_round} == {
        "Reminder: the safety culture survey closes on 15 March 2027"
    }
    assert not Notification.objects.filter(
        recipient=world.staff, subject__startswith="Reminder:"
    ).exists()
    reminded_at = set(Invitation.objects.filter(used=False).values_list("reminded_at", flat=True))
    assert reminded_at == {datetime(2027, 3, 8, 7, tzinfo=UTC)}

    # At most weekly: the next mornings remind no one; a week after the reminder, again.
    for day in (9, 10, 14):
        with morning(day):
            assert _command("remind") == "reminded 0 people across 1 open waves", day
    with morning(15):
        assert _command("remind") == "reminded 2 people across 1 open waves"
    per_person = Notification.objects.filter(subject__startswith="Reminder:").values_list(
        "recipient_id", flat=True
    )
    assert sorted(per_person) == sorted([*not_answered, *not_answered])

    # The closing date passes: the wave closes, and nobody is reminded of a closed wave.
    with morning(15):
        assert _command("close-due") == "closed 0 waves"  # open until the end of the 15th
    with morning(16):
        assert _command("close-due") == "closed 1 waves"
        assert _command("remind") == "reminded 0 people across 0 open waves"
    opened.wave.refresh_from_db()
    assert opened.wave.closed_at == datetime(2027, 3, 16, 7, tzinfo=UTC)
    assert Notification.objects.filter(subject__startswith="Reminder:").count() == 4
