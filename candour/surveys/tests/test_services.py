from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.core.models import Team
from candour.notifications.models import Notification
from candour.surveys import services, tokens
from candour.surveys.models import Answer, Invitation, Response, Wave
from candour.surveys.results import wave_results
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
        assert invitation.token_digest == tokens.digest(token)
        assert token not in invitation.token_digest
    told = Notification.objects.filter(recipient=world.staff).get()
    assert told.url == f"/survey/{opened.tokens[world.staff.pk]}/"
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

    # The rows: a random key, the wave, the team and the day; nothing else.
    assert {f.name for f in Response._meta.concrete_fields} == {
        "id",
        "wave",
        "team",
        "submitted_on",
    }
    related = {f.related_model for f in Response._meta.concrete_fields if f.is_relation}
    assert related == {Wave, Team}
    assert {f.related_model for f in Answer._meta.concrete_fields if f.is_relation} == {Response}
    assert {f.name for f in Invitation._meta.get_fields() if f.is_relation} == {
        "wave",
        "person",
        "team",
    }
    stored = Response.objects.get()
    assert stored.team_id == world.assessment.pk
    assert stored.submitted_on == TODAY
    assert stored.pk == response.pk
    invitation = Invitation.objects.get(person=world.staff)
    assert invitation.used_at is not None
    assert (invitation.used_at.hour, invitation.used_at.minute) == (0, 0)
    # Free text is stored only after de-identification.
    text = Answer.objects.get(response=stored, item="safer_to_speak_up").text
    assert "Jane Smith" not in text
    # The audit event says something was answered: no person, no team, the day only.
    event = AuditEvent.objects.filter(event_type=AuditEventType.SURVEY_ANSWERED).get()
    assert event.actor_id is None
    assert event.data == {}
    assert (event.occurred_at.hour, event.occurred_at.minute, event.occurred_at.second) == (0, 0, 0)


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
    assert not Invitation.objects.filter(used_at__isnull=False).exists()


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


def test_reminders_go_only_to_unused_links_with_a_fresh_link(world: World) -> None:
    opened = open_wave(world)
    services.submit_answers(token=opened.tokens[world.staff.pk], data=full_answers(), today=TODAY)
    Notification.objects.all().delete()
    old = opened.tokens[world.manager.pk]
    now = datetime(2027, 3, 5, 10, tzinfo=UTC)
    count = services.send_reminders(actor=world.admin, wave=opened.wave, now=now)
    assert count == 2
    reminded = set(Notification.objects.values_list("recipient_id", flat=True))
    assert reminded == {world.manager.pk, world.other_manager.pk}
    # The old link no longer works; the new one does.
    with pytest.raises(PermissionDenied):
        services.submit_answers(token=old, data=full_answers(), today=TODAY)
    fresh = Notification.objects.get(recipient=world.manager).url.split("/")[2]
    services.submit_answers(token=fresh, data=full_answers(), today=TODAY)
    event = AuditEvent.objects.filter(event_type=AuditEventType.SURVEY_REMINDERS_SENT).get()
    assert event.data == {"reminded": 2}


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


def test_commands_remind_and_close(world: World) -> None:
    User.objects.filter(pk=world.staff.pk)  # the world is built
    open_wave(world)
    call_command("surveys", "remind")
