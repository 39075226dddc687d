from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.ideas import services
from candour.ideas.access import shows_author
from candour.ideas.board import bottlenecks
from candour.ideas.measures.figures import measures_for
from candour.ideas.models import Idea
from candour.ideas.tests.factories import LONDON, MONDAY, draft, inbox, submit
from candour.ideas.vocabulary import EscalationReason, EventKind, IdeaStatus
from candour.learning.themes.services import create_theme
from conftest import World, make_person

pytestmark = pytest.mark.django_db


def service_manager(world: World) -> User:
    """A manager with no team: the next manager up."""
    return make_person("head@riverside.example", world.riverside, Role.MANAGER)


def test_submitting_sets_a_deadline_tells_the_manager_and_thanks_the_author(
    world: World,
) -> None:
    idea = submit(world)
    assert idea.status == IdeaStatus.NEW
    assert idea.respond_by == date(2026, 11, 9)
    assert idea.title == "Carry the details forward from the referral."
    assert inbox(world.manager) == ["New improvement idea for Assessment"]
    assert inbox(world.staff) == ["Thank you for your idea"]
    assert inbox(world.other_manager) == []  # another team's manager
    assert list(idea.events.values_list("kind", flat=True)) == [EventKind.SUBMITTED]
    event = AuditEvent.objects.get(event_type=AuditEventType.IDEA_SUBMITTED)
    assert event.data == {"team": world.assessment.pk, "source": "staff"}
    assert "Carry the details" not in str(event.data)


def test_the_response_time_is_the_organisations_choice(world: World) -> None:
    services.set_response_standard(actor=world.admin, organisation=world.riverside, working_days=2)
    assert submit(world).respond_by == date(2026, 11, 4)
    with pytest.raises(ValidationError):
        services.set_response_standard(
            actor=world.admin, organisation=world.riverside, working_days=0
        )


def test_an_idea_must_be_complete_and_for_ones_own_organisation(world: World) -> None:
    with pytest.raises(ValidationError) as missing:
        submit(world, idea="   ")
    assert missing.value.message_dict == {"idea": ["Describe your idea"]}
    with pytest.raises(ValidationError):
        submit(world, team=world.moorland_team)
    theirs = create_theme(actor=world.analyst, organisation=world.riverside, name="Ours")
    outsider = make_person("out@moorland.example", world.moorland, Role.STAFF, world.moorland_team)
    with pytest.raises(ValidationError):
        services.submit_idea(
            author=outsider,
            draft=draft(world, team=world.moorland_team, source="theme", source_theme=theirs),
        )
    assert not Idea.objects.exists()


def test_ideas_move_through_plan_do_check_act_and_the_author_hears_each_step(
    world: World,
) -> None:
    idea = submit(world)
    later = MONDAY + timedelta(days=1)
    services.move_idea(actor=world.manager, idea=idea, to_status=IdeaStatus.UNDER_REVIEW, now=later)
    assert idea.first_response_at == later
    with pytest.raises(ValidationError) as no_plan:
        services.move_idea(actor=world.manager, idea=idea, to_status=IdeaStatus.TRIAL, now=later)
    assert "plan" in no_plan.value.message_dict
    services.move_idea(
        actor=world.manager,
        idea=idea,
        to_status=IdeaStatus.TRIAL,
        plan="Try it in Assessment for a month.",
        measure="Minutes per assessment, timed for ten assessments.",
        review_on=date(2026, 12, 7),
        now=later,
    )
    with pytest.raises(ValidationError):
        services.move_idea(
            actor=world.manager, idea=idea, to_status=IdeaStatus.UNDER_REVIEW, now=later
        )
    services.move_idea(
        actor=world.manager,
        idea=idea,
        to_status=IdeaStatus.ADOPTED,
        what_changed="Details carry forward for every assessment.",
        now=later + timedelta(days=30),
    )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ADOPTED
    assert idea.adopted_at == later + timedelta(days=30)
    assert inbox(world.staff) == [
        "Your idea is now: Adopted",
        "Your idea is now: On trial",
        "Your idea is now: Under review",
        "Thank you for your idea",
    ]
    assert len(mail.outbox) == 0  # emails go once the transaction commits
    statuses = list(idea.events.filter(kind=EventKind.STATUS).values_list("to_status", flat=True))
    assert statuses == [IdeaStatus.UNDER_REVIEW, IdeaStatus.TRIAL, IdeaStatus.ADOPTED]


def test_not_adopting_needs_a_reason_and_only_the_teams_managers_may_decide(
    world: World,
) -> None:
    idea = submit(world)
    with pytest.raises(ValidationError) as no_reason:
        services.move_idea(actor=world.manager, idea=idea, to_status=IdeaStatus.NOT_ADOPTED)
    assert no_reason.value.message_dict == {
        "reason": ["Give the reason: the author deserves to know why"]
    }
    for person in (world.other_manager, world.staff, world.analyst, world.other_admin):
        with pytest.raises(PermissionDenied):
            services.move_idea(
                actor=person, idea=idea, to_status=IdeaStatus.NOT_ADOPTED, reason="No"
            )
    services.move_idea(
        actor=world.manager,
        idea=idea,
        to_status=IdeaStatus.NOT_ADOPTED,
        reason="The supplier cannot change it this year.",
    )
    assert Idea.objects.get(pk=idea.pk).not_adopted_reason.startswith("The supplier")


def test_overdue_and_stalled_ideas_escalate_once_to_the_next_manager(world: World) -> None:
    head = service_manager(world)
    overdue = submit(world)
    stalled = submit(world, problem="Another problem")
    services.move_idea(
        actor=world.manager,
        idea=stalled,
        to_status=IdeaStatus.UNDER_REVIEW,
        now=MONDAY + timedelta(days=1),
    )
    # The day after the deadline: the new idea is overdue; the other is fine.
    result = services.escalate_ideas(now=datetime(2026, 11, 10, 9, 0, tzinfo=LONDON))
    assert (result.overdue, result.stalled) == (1, 0)
    overdue.refresh_from_db()
    assert overdue.escalated_to == head
    assert overdue.escalation_reason == EscalationReason.OVERDUE
    assert "Escalated idea from Assessment: No response by the deadline" in inbox(head)
    assert "Your idea has been passed to a senior manager" in inbox(world.staff)
    # The escalated idea is now the service manager's to answer.
    services.move_idea(
        actor=head,
        idea=overdue,
        to_status=IdeaStatus.UNDER_REVIEW,
        now=MONDAY + timedelta(days=60),
    )

    # Thirty-one days without an update: the reviewed idea has stalled; once only.
    result = services.escalate_ideas(now=MONDAY + timedelta(days=33))
    assert (result.overdue, result.stalled) == (0, 1)
    assert services.escalate_ideas(now=MONDAY + timedelta(days=34)).stalled == 0
    stalled.refresh_from_db()
    assert stalled.escalation_reason == EscalationReason.STALLED
    assert AuditEvent.objects.filter(event_type=AuditEventType.IDEA_ESCALATED).count() == 2
    # A new update, then another silence, escalates again.
    services.comment_on_idea(
        actor=world.manager, idea=stalled, note="Still with IT.", now=MONDAY + timedelta(days=35)
    )
    assert services.escalate_ideas(now=MONDAY + timedelta(days=70)).stalled == 1


def test_two_overlapping_runs_escalate_an_idea_once(world: World) -> None:
    service_manager(world)
    idea = submit(world)
    now = datetime(2026, 11, 10, 9, 0, tzinfo=LONDON)
    # Both runs picked the idea up before either escalated it.
    first, second = Idea.objects.get(pk=idea.pk), Idea.objects.get(pk=idea.pk)
    assert services._escalate(first, EscalationReason.OVERDUE, now) == 1
    assert services._escalate(second, EscalationReason.OVERDUE, now) == 0
    assert idea.events.filter(kind=EventKind.ESCALATED).count() == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.IDEA_ESCALATED).count() == 1


def test_without_a_service_manager_escalation_goes_to_the_administrators(world: World) -> None:
    submit(world)
    result = services.escalate_ideas(now=datetime(2026, 11, 10, 9, 0, tzinfo=LONDON))
    assert result.overdue == 1
    assert Idea.objects.get().escalated_to == world.admin


def test_adopted_ideas_record_impact_are_shared_and_the_team_is_thanked(world: World) -> None:
    idea = submit(world, name_hidden_from_colleagues=True)
    with pytest.raises(ValidationError):
        services.share_idea(actor=world.manager, idea=idea, organisation=world.moorland)
    with pytest.raises(ValidationError, match="once the idea is adopted"):
        services.thank_team(actor=world.manager, idea=idea, note="Early thanks")
    services.move_idea(
        actor=world.manager, idea=idea, to_status=IdeaStatus.ADOPTED, what_changed="Done."
    )
    services.record_impact(
        actor=world.manager,
        idea=idea,
        what_changed="Details carry forward.",
        minutes_saved_per_week=120,
        errors_avoided_per_year=None,
        children_experience="",
        cost="Nothing",
    )
    moorland_manager = make_person(
        "boss@moorland.example", world.moorland, Role.MANAGER, world.moorland_team
    )
    for refused in (world.hub, world.riverside):
        with pytest.raises(ValidationError):
            services.share_idea(actor=world.manager, idea=idea, organisation=refused)
    services.share_idea(
        actor=world.manager, idea=idea, organisation=world.moorland, team=world.moorland_team
    )
    with pytest.raises(ValidationError):
        services.share_idea(
            actor=world.manager, idea=idea, organisation=world.moorland, team=world.moorland_team
        )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.SHARED
    assert idea.minutes_saved_per_week == 120
    assert Idea.objects.visible_to(moorland_manager).filter(pk=idea.pk).exists()
    assert shows_author(world.manager, idea)
    assert not shows_author(moorland_manager, idea)  # the team is credited, not the person
    assert "An idea that worked elsewhere, shared with Moorland North" in inbox(moorland_manager)

    services.thank_team(actor=world.manager, idea=idea, note="Two hours a week back. Thanks!")
    assert "Thank you, Assessment" in inbox(world.staff)
    assert "Thank you, Assessment" not in inbox(world.other_manager)


def test_comments_reach_the_other_side(world: World) -> None:
    idea = submit(world)
    services.comment_on_idea(actor=world.manager, idea=idea, note="Which form do you mean?")
    assert "A comment on your idea" in inbox(world.staff)
    assert Idea.objects.get(pk=idea.pk).first_response_at is not None
    services.comment_on_idea(actor=world.staff, idea=idea, note="The assessment form.")
    assert "The author replied about their idea" in inbox(world.manager)
    with pytest.raises(PermissionDenied):
        services.comment_on_idea(actor=world.other_manager, idea=idea, note="Me too")


def test_team_less_managers_are_service_managers(world: World) -> None:
    head = service_manager(world)
    assert head.service_manager_organisation_ids() == {world.riverside.pk}
    assert world.manager.service_manager_organisation_ids() == set()
    idea = submit(world)
    assert Idea.objects.managed_by(head).filter(pk=idea.pk).exists()
    assert not Idea.objects.managed_by(world.other_manager).filter(pk=idea.pk).exists()


def test_thanks_reach_the_author_once_even_from_another_team(world: World) -> None:
    visitor = make_person(
        "visitor@riverside.example", world.riverside, Role.STAFF, world.child_in_need
    )
    for author in (world.staff, visitor):
        idea = services.submit_idea(author=author, draft=draft(world), now=MONDAY)
        services.move_idea(
            actor=world.manager, idea=idea, to_status=IdeaStatus.ADOPTED, what_changed="Done."
        )
        services.thank_team(actor=world.manager, idea=idea, note="Thank you all.")
    # The member of the team is told once per idea, not twice for being its author too.
    assert inbox(world.staff).count("Thank you, Assessment") == 2
    assert inbox(visitor).count("Thank you, Assessment") == 1
    assert "Thank you, Assessment" not in inbox(world.other_manager)


def test_a_new_idea_a_manager_answered_then_forgot_stalls_and_escalates(world: World) -> None:
    head = service_manager(world)
    idea = submit(world)
    services.comment_on_idea(
        actor=world.manager, idea=idea, note="Which form?", now=MONDAY + timedelta(days=1)
    )
    later = MONDAY + timedelta(days=33)
    waiting = bottlenecks(Idea.objects.all(), now=later)
    assert (waiting.awaiting, waiting.overdue, waiting.stalled) == ([], [], [idea])
    assert measures_for(world.riverside, now=later).whole.stalled == 1
    result = services.escalate_ideas(now=later)
    assert (result.overdue, result.stalled) == (0, 1)
    idea.refresh_from_db()
    assert (idea.escalated_to, idea.escalation_reason) == (head, EscalationReason.STALLED)
    assert services.escalate_ideas(now=later + timedelta(days=1)).stalled == 0


def test_a_new_idea_nobody_answered_is_overdue_not_stalled(world: World) -> None:
    service_manager(world)
    submit(world)
    later = MONDAY + timedelta(days=33)
    assert bottlenecks(Idea.objects.all(), now=later).stalled == []
    result = services.escalate_ideas(now=later)
    assert (result.overdue, result.stalled) == (1, 0)


def test_the_authors_own_comments_do_not_hold_off_escalation(world: World) -> None:
    service_manager(world)
    idea = submit(world)
    reviewed = MONDAY + timedelta(days=1)
    services.move_idea(
        actor=world.manager, idea=idea, to_status=IdeaStatus.UNDER_REVIEW, now=reviewed
    )
    services.comment_on_idea(
        actor=world.staff, idea=idea, note="Any news?", now=MONDAY + timedelta(days=25)
    )
    idea.refresh_from_db()
    assert idea.last_activity_at == reviewed
    assert "The author replied about their idea" in inbox(world.manager)
    assert services.escalate_ideas(now=MONDAY + timedelta(days=33)).stalled == 1


def test_a_manager_moving_their_own_idea_responds_but_commenting_on_it_does_not(
    world: World,
) -> None:
    service_manager(world)
    idea = services.submit_idea(author=world.manager, draft=draft(world), now=MONDAY)
    services.comment_on_idea(
        actor=world.manager, idea=idea, note="More detail.", now=MONDAY + timedelta(days=1)
    )
    idea.refresh_from_db()
    assert (idea.first_response_at, idea.last_activity_at) == (None, MONDAY)
    moved = MONDAY + timedelta(days=2)
    services.move_idea(actor=world.manager, idea=idea, to_status=IdeaStatus.UNDER_REVIEW, now=moved)
    idea.refresh_from_db()
    assert (idea.first_response_at, idea.last_activity_at) == (moved, moved)
    # Answered: not overdue after the deadline.
    assert services.escalate_ideas(now=MONDAY + timedelta(days=10)).overdue == 0
