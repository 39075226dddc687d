"""Writes for improvement ideas: submit, respond, move through PDCA, share, thank, escalate.

Every change is audited and tells the author (the heart of a kaizen scheme is that no
idea meets silence); the team's managers own the first response by a deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation, OrganisationKind, Team
from candour.ideas.models import Idea, IdeaEvent, IdeaShare, ResponseStandard
from candour.ideas.querysets import stalled_condition
from candour.ideas.vocabulary import (
    NEXT_STATUSES,
    EscalationReason,
    EventKind,
    IdeaSource,
    IdeaStatus,
    ProblemKind,
)
from candour.learning.models import Lesson, Theme
from candour.lib.working_days import add_working_days
from candour.notifications.services import notify
from candour.voice.models import Feedback
from candour.voice.vocabulary import FeedbackStatus

LONGEST_TEXT = 4000


@dataclass(frozen=True)
class IdeaDraft:
    team: Team
    problem_kind: str
    problem: str
    idea: str
    expected_benefit: str
    name_hidden_from_colleagues: bool = False
    source: str = IdeaSource.STAFF
    source_theme: Theme | None = None
    source_lesson: Lesson | None = None
    source_feedback: Feedback | None = None
    source_note: str = ""


def response_standard(organisation: Organisation) -> ResponseStandard:
    """The organisation's standard, or the default (unsaved) if it has not set one.

    A read: it writes nothing; ``set_response_standard`` stores the first one.
    """
    standard = ResponseStandard.objects.filter(organisation=organisation).first()
    return standard or ResponseStandard(organisation=organisation)


def team_managers(team: Team) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__team=team,
            memberships__role=Role.MANAGER,
            memberships__revoked_at__isnull=True,
        ).distinct()
    )


def next_managers(organisation: Organisation) -> list[User]:
    """The next manager up: the organisation's service managers (a manager role held for
    no one team); failing those, its administrators."""
    base = User.objects.filter(
        is_active=True,
        memberships__organisation=organisation,
        memberships__revoked_at__isnull=True,
    )
    service = list(
        base.filter(memberships__role=Role.MANAGER, memberships__team__isnull=True)
        .distinct()
        .order_by("pk")
    )
    return service or list(base.filter(memberships__role=Role.ORG_ADMIN).distinct().order_by("pk"))


def can_manage(user: User, idea: Idea) -> bool:
    return Idea.objects.managed_by(user).filter(pk=idea.pk).exists()


def _url(idea: Idea) -> str:
    return reverse("ideas:idea", args=[idea.pk])


def _clean(text: str, *, field: str, message: str, required: bool = True) -> str:
    text = text.strip()
    if required and not text:
        raise ValidationError({field: message})
    if len(text) > LONGEST_TEXT:
        raise ValidationError(
            {field: _("Keep it under %(count)s characters") % {"count": LONGEST_TEXT}}
        )
    return text


def _event(
    idea: Idea,
    *,
    actor: User | None,
    kind: EventKind,
    at: datetime,
    note: str = "",
    from_status: str = "",
    to_status: str = "",
) -> IdeaEvent:
    return IdeaEvent.objects.create(
        idea=idea,
        actor=actor,
        kind=kind,
        note=note,
        from_status=from_status,
        to_status=to_status,
        at=at,
    )


@transaction.atomic
def submit_idea(*, author: User, draft: IdeaDraft, now: datetime | None = None) -> Idea:
    now = now or timezone.now()
    team = draft.team
    if team.organisation_id not in author.organisation_ids():
        raise ValidationError({"team": _("Choose a team in your own organisation")})
    if draft.problem_kind not in ProblemKind.values:
        raise ValidationError({"problem_kind": _("Choose what kind of problem it is")})
    if draft.source not in IdeaSource.values:
        raise ValidationError({"source": _("Choose where the idea came from")})
    for linked in (draft.source_theme, draft.source_lesson, draft.source_feedback):
        if linked is not None and linked.organisation_id != team.organisation_id:
            raise ValidationError(_("An idea can only come from its own organisation's learning"))
    if draft.source_feedback and draft.source_feedback.status != FeedbackStatus.PUBLISHED:
        raise ValidationError(_("An idea can only come from feedback that has been checked"))
    standard = response_standard(team.organisation)
    today = timezone.localdate(now)
    idea = Idea.objects.create(
        organisation=team.organisation,
        team=team,
        author=author,
        name_hidden_from_colleagues=draft.name_hidden_from_colleagues,
        problem_kind=draft.problem_kind,
        problem=_clean(draft.problem, field="problem", message=_("Describe the problem")),
        idea=_clean(draft.idea, field="idea", message=_("Describe your idea")),
        expected_benefit=_clean(
            draft.expected_benefit,
            field="expected_benefit",
            message=_("Say what difference it would make"),
        ),
        source=draft.source,
        source_theme=draft.source_theme,
        source_lesson=draft.source_lesson,
        source_feedback=draft.source_feedback,
        source_note=draft.source_note.strip()[:200],
        created_at=now,
        respond_by=add_working_days(today, standard.working_days),
        last_activity_at=now,
    )
    _event(idea, actor=author, kind=EventKind.SUBMITTED, at=now, to_status=IdeaStatus.NEW)
    record(
        AuditEventType.IDEA_SUBMITTED,
        actor_id=author.pk,
        organisation=idea.organisation,
        target=idea,
        data={"team": team.pk, "source": idea.source},
    )
    deadline = date_format(idea.respond_by, "j F Y")
    owners = team_managers(team) or next_managers(team.organisation)
    notify(
        owners,
        subject=_("New improvement idea for %(team)s") % {"team": team.name},
        body=_("Please respond by %(date)s: %(title)s") % {"date": deadline, "title": idea.title},
        url=_url(idea),
        about=idea.title,
    )
    notify(
        [author],
        subject=_("Thank you for your idea"),
        body=_(
            "Your idea has gone to the managers of %(team)s, who will respond by %(date)s. "
            "You will hear about every step."
        )
        % {"team": team.name, "date": deadline},
        url=_url(idea),
        about=idea.title,
    )
    return idea


def _tell_author(idea: Idea, subject: str, body: str) -> None:
    notify([idea.author], subject=subject, body=body, url=_url(idea), about=idea.title)


def _responded(idea: Idea, now: datetime) -> None:
    """A manager's action is a response; it also clears a stall. Callers decide what counts:
    the author asking for news must not reset the clock that escalates their idea."""
    if idea.first_response_at is None:
        idea.first_response_at = now
    idea.last_activity_at = now


@transaction.atomic
def move_idea(
    *,
    actor: User,
    idea: Idea,
    to_status: str,
    note: str = "",
    plan: str = "",
    measure: str = "",
    review_on: date | None = None,
    reason: str = "",
    what_changed: str = "",
    now: datetime | None = None,
) -> Idea:
    """Move an idea to its next stage of Plan-Do-Check-Act, with what each stage needs."""
    now = now or timezone.now()
    if not can_manage(actor, idea):
        raise PermissionDenied
    if to_status == IdeaStatus.SHARED:
        raise ValidationError(_("Share an adopted idea by choosing who to share it with"))
    if to_status not in NEXT_STATUSES.get(idea.status, ()):
        raise ValidationError(
            _("An idea that is %(now)s cannot be moved to %(next)s")
            % {
                "now": IdeaStatus(idea.status).label.lower(),
                "next": IdeaStatus(to_status).label.lower()
                if to_status in IdeaStatus.values
                else to_status,
            }
        )
    if to_status == IdeaStatus.TRIAL:
        # A trial needs three things: say everything missing at once, not one per try.
        missing: dict[str, list[str]] = {}
        for field, text, message in (
            ("plan", plan, _("Say what will be tried, and by whom")),
            ("measure", measure, _("Say how you will know if it worked")),
        ):
            try:
                setattr(idea, field, _clean(text, field=field, message=message))
            except ValidationError as exc:
                missing.update(exc.message_dict)
        if review_on is None or review_on < timezone.localdate(now):
            missing["review_on"] = [_("Set a review date that is not in the past")]
        if missing:
            raise ValidationError(missing)
        idea.review_on = review_on
    if to_status == IdeaStatus.NOT_ADOPTED:
        idea.not_adopted_reason = _clean(
            reason,
            field="reason",
            message=_("Give the reason: the author deserves to know why"),
        )
    if to_status == IdeaStatus.ADOPTED:
        idea.what_changed = _clean(
            what_changed, field="what_changed", message=_("Say what has changed")
        )
        idea.adopted_at = now
    note = _clean(note, field="note", message="", required=False)
    previous = idea.status
    idea.status = to_status
    # Only managers get here, so a move is a response even when they wrote the idea.
    _responded(idea, now)
    idea.save()
    detail = {
        IdeaStatus.TRIAL: idea.plan,
        IdeaStatus.NOT_ADOPTED: idea.not_adopted_reason,
        IdeaStatus.ADOPTED: idea.what_changed,
    }.get(IdeaStatus(to_status), "")
    _event(
        idea,
        actor=actor,
        kind=EventKind.STATUS,
        at=now,
        note="\n\n".join(part for part in (detail, note) if part),
        from_status=previous,
        to_status=to_status,
    )
    record(
        AuditEventType.IDEA_STATUS_CHANGED,
        actor_id=actor.pk,
        organisation=idea.organisation,
        target=idea,
        data={"from": previous, "to": to_status},
    )
    label = IdeaStatus(to_status).label
    _tell_author(
        idea,
        _("Your idea is now: %(status)s") % {"status": label},
        "\n\n".join(part for part in (idea.title, detail, note) if part),
    )
    return idea


@transaction.atomic
def comment_on_idea(
    *, actor: User, idea: Idea, note: str, now: datetime | None = None
) -> IdeaEvent:
    """A question or an update from a manager, or the author's reply."""
    now = now or timezone.now()
    is_author = actor.pk == idea.author_id
    if not (is_author or can_manage(actor, idea)):
        raise PermissionDenied
    text = _clean(note, field="note", message=_("Write your comment"))
    if not is_author:
        _responded(idea, now)
        idea.save()
    event = _event(idea, actor=actor, kind=EventKind.COMMENT, at=now, note=text)
    record(
        AuditEventType.IDEA_COMMENTED,
        actor_id=actor.pk,
        organisation=idea.organisation,
        target=idea,
    )
    if is_author:
        notify(
            team_managers(idea.team) or next_managers(idea.organisation),
            subject=_("The author replied about their idea"),
            body=idea.title,
            url=_url(idea),
            about=idea.title,
        )
    else:
        _tell_author(idea, _("A comment on your idea"), text)
    return event


@transaction.atomic
def record_impact(
    *,
    actor: User,
    idea: Idea,
    what_changed: str,
    minutes_saved_per_week: int | None,
    errors_avoided_per_year: int | None,
    children_experience: str,
    cost: str,
    now: datetime | None = None,
) -> Idea:
    now = now or timezone.now()
    if not can_manage(actor, idea):
        raise PermissionDenied
    if idea.status not in (IdeaStatus.ADOPTED, IdeaStatus.SHARED):
        raise ValidationError(_("Record impact once the idea is adopted"))
    for value in (minutes_saved_per_week, errors_avoided_per_year):
        if value is not None and value < 0:
            raise ValidationError(_("Enter a number of zero or more"))
    idea.what_changed = _clean(what_changed, field="what_changed", message=_("Say what changed"))
    idea.minutes_saved_per_week = minutes_saved_per_week
    idea.errors_avoided_per_year = errors_avoided_per_year
    idea.children_experience = _clean(
        children_experience, field="children_experience", message="", required=False
    )
    idea.cost = cost.strip()[:200]
    idea.last_activity_at = now
    idea.save()
    record(
        AuditEventType.IDEA_IMPACT_RECORDED,
        actor_id=actor.pk,
        organisation=idea.organisation,
        target=idea,
    )
    _tell_author(idea, _("The difference your idea made has been recorded"), idea.what_changed)
    return idea


@transaction.atomic
def share_idea(
    *,
    actor: User,
    idea: Idea,
    organisation: Organisation,
    team: Team | None = None,
    now: datetime | None = None,
) -> IdeaShare:
    """Offer an adopted idea to another team or organisation, to adopt for themselves."""
    now = now or timezone.now()
    if not can_manage(actor, idea):
        raise PermissionDenied
    if idea.status not in (IdeaStatus.ADOPTED, IdeaStatus.SHARED):
        raise ValidationError(_("Only an adopted idea can be shared"))
    if organisation.kind == OrganisationKind.NATIONAL_HUB:
        raise ValidationError(_("Share with a local authority or a partner agency"))
    if team is None and organisation.pk == idea.organisation_id:
        raise ValidationError({"team": _("Choose which of your other teams to share it with")})
    if team is not None and team.organisation_id != organisation.pk:
        raise ValidationError({"team": _("Choose a team in that organisation")})
    if team is not None and team.pk == idea.team_id:
        raise ValidationError({"team": _("Choose another team: this is the idea's own")})
    if IdeaShare.objects.filter(idea=idea, organisation=organisation, team=team).exists():
        raise ValidationError(_("The idea has already been shared with them"))
    share = IdeaShare.objects.create(
        idea=idea, organisation=organisation, team=team, shared_by=actor, shared_at=now
    )
    previous = idea.status
    idea.status = IdeaStatus.SHARED
    idea.last_activity_at = now
    idea.save()
    where = team.name if team is not None else organisation.name
    _event(
        idea,
        actor=actor,
        kind=EventKind.SHARED,
        at=now,
        note=_("Shared with %(where)s") % {"where": where},
        from_status=previous,
        to_status=IdeaStatus.SHARED,
    )
    record(
        AuditEventType.IDEA_SHARED,
        actor_id=actor.pk,
        organisation=idea.organisation,
        target=idea,
        data={"organisation": organisation.pk, "team": team.pk if team else None},
    )
    _tell_author(
        idea,
        _("Your idea has been shared with %(where)s") % {"where": where},
        idea.title,
    )
    receivers = team_managers(team) if team is not None else next_managers(organisation)
    notify(
        receivers,
        subject=_("An idea that worked elsewhere, shared with %(where)s") % {"where": where},
        body=idea.title,
        url=_url(idea),
        about=idea.title,
    )
    return share


@transaction.atomic
def thank_team(*, actor: User, idea: Idea, note: str, now: datetime | None = None) -> IdeaEvent:
    """Thanks go to the team, not to a leaderboard."""
    now = now or timezone.now()
    if not can_manage(actor, idea):
        raise PermissionDenied
    if idea.status not in (IdeaStatus.ADOPTED, IdeaStatus.SHARED):
        raise ValidationError(_("Thank the team once the idea is adopted"))
    text = _clean(note, field="note", message=_("Write your thanks"))
    event = _event(idea, actor=actor, kind=EventKind.THANKED, at=now, note=text)
    record(
        AuditEventType.IDEA_THANKED,
        actor_id=actor.pk,
        organisation=idea.organisation,
        target=idea,
    )
    members = list(
        User.objects.filter(
            is_active=True, memberships__team=idea.team, memberships__revoked_at__isnull=True
        ).distinct()
    )
    # The author may have moved team, or put the idea to another team's board.
    if idea.author.is_active and all(member.pk != idea.author_id for member in members):
        members.append(idea.author)
    notify(
        members,
        subject=_("Thank you, %(team)s") % {"team": idea.team.name},
        body=f"{text}\n\n{idea.title}",
        url=_url(idea),
        about=idea.title,
    )
    return event


@transaction.atomic
def set_response_standard(
    *, actor: User, organisation: Organisation, working_days: int
) -> ResponseStandard:
    if not 1 <= working_days <= 20:
        raise ValidationError({"working_days": _("Choose between 1 and 20 working days")})
    standard, _created = ResponseStandard.objects.update_or_create(
        organisation=organisation, defaults={"working_days": working_days}
    )
    record(
        AuditEventType.IDEA_STANDARD_CHANGED,
        actor_id=actor.pk,
        organisation=organisation,
        data={"working_days": working_days},
    )
    return standard


@dataclass(frozen=True)
class EscalationResult:
    overdue: int
    stalled: int


def escalate_ideas(*, now: datetime | None = None) -> EscalationResult:
    """Pass overdue and stalled ideas to the next manager up, telling them and the author.

    Overdue: no response by the deadline. Stalled: responded to but still open, with no
    update for STALLED_DAYS. Each idea escalates once per silence.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    overdue = Idea.objects.filter(
        status=IdeaStatus.NEW,
        first_response_at__isnull=True,
        respond_by__lt=today,
        escalated_at__isnull=True,
    )
    counts = {EscalationReason.OVERDUE: 0, EscalationReason.STALLED: 0}
    for idea in overdue.select_related("organisation", "team", "author"):
        counts[EscalationReason.OVERDUE] += _escalate(idea, EscalationReason.OVERDUE, now)
    stalled = Idea.objects.stalled(now=now)
    for idea in stalled.select_related("organisation", "team", "author"):
        if idea.escalated_at is not None and idea.escalated_at >= idea.last_activity_at:
            continue  # already escalated for this silence
        counts[EscalationReason.STALLED] += _escalate(idea, EscalationReason.STALLED, now)
    return EscalationResult(
        overdue=counts[EscalationReason.OVERDUE], stalled=counts[EscalationReason.STALLED]
    )


@transaction.atomic
def _escalate(idea: Idea, reason: EscalationReason, now: datetime) -> int:
    managers = next_managers(idea.organisation)
    if not managers:
        return 0
    # Claimed with a conditional update that re-checks the silence: two overlapping runs
    # (a slow run and the next one) must not both escalate the same idea.
    if reason == EscalationReason.OVERDUE:
        still_due = Q(status=IdeaStatus.NEW, first_response_at__isnull=True) & Q(
            escalated_at__isnull=True
        )
    else:
        still_due = stalled_condition(now) & (
            Q(escalated_at__isnull=True) | Q(escalated_at__lt=F("last_activity_at"))
        )
    claimed = Idea.objects.filter(still_due, pk=idea.pk).update(
        escalated_to=managers[0], escalated_at=now, escalation_reason=reason
    )
    if not claimed:
        return 0
    idea.escalated_to = managers[0]
    idea.escalated_at = now
    idea.escalation_reason = reason
    _event(idea, actor=None, kind=EventKind.ESCALATED, at=now, note=str(reason.label))
    record(
        AuditEventType.IDEA_ESCALATED,
        actor_id=None,
        organisation=idea.organisation,
        target=idea,
        data={"reason": reason.value, "to": managers[0].pk},
    )
    notify(
        managers,
        subject=_("Escalated idea from %(team)s: %(reason)s")
        % {"team": idea.team.name, "reason": reason.label},
        body=idea.title,
        url=_url(idea),
        about=idea.title,
    )
    _tell_author(
        idea,
        _("Your idea has been passed to a senior manager"),
        _("%(reason)s, so it has gone to %(name)s as well.")
        % {"reason": reason.label, "name": managers[0].full_name},
    )
    return 1
