"""Writes for the survey: open a wave, answer through a single-use link, remind, close.

Answers are stored apart from the invitation that allowed them: the invitation is only
marked used (no time), and the response keeps the wave and the team, never the person,
the link or when (ADR 0016).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation, Team
from candour.lib.deid import detect, redact
from candour.lib.statistics.suppression import SMALLEST_GROUP
from candour.notifications.services import notify
from candour.reporting.services import policy_for
from candour.surveys import tokens
from candour.surveys.items import CURRENT_VERSION, Item, extra_item, item_set
from candour.surveys.models import (
    Answer,
    Invitation,
    InvitationLink,
    Response,
    Wave,
    WaveQuestion,
    WaveTeam,
)

LONGEST_TITLE = 120
LONGEST_QUESTION = 200
MOST_EXTRA_QUESTIONS = 5
LONGEST_FREE_TEXT = 2000
# The daily reminder job writes to a person at most this often (a reminder brings a new
# link, and earlier links keep working, so a reminder never breaks a half-filled form).
DAYS_BETWEEN_REMINDERS = 7


@dataclass(frozen=True)
class OpenedWave:
    wave: Wave
    # person id -> token: shown once, in the person's invitation (and to tests and the demo).
    tokens: dict[int, str]


def _check_admin(actor: User, organisation: Organisation) -> None:
    if organisation.pk not in actor.organisation_ids_with_role(Role.ORG_ADMIN):
        raise PermissionDenied


def eligible_people(teams: Sequence[Team]) -> dict[int, tuple[User, Team]]:
    """Active staff and managers of the teams, each once (with their first team by name)."""
    found: dict[int, tuple[User, Team]] = {}
    for team in sorted(teams, key=lambda t: (t.name.lower(), t.pk)):
        people = User.objects.filter(
            is_active=True,
            memberships__team=team,
            memberships__role__in=[Role.STAFF, Role.MANAGER],
            memberships__revoked_at__isnull=True,
        ).distinct()
        for person in people.order_by("pk"):
            found.setdefault(person.pk, (person, team))
    return found


def wave_items(wave: Wave) -> list[Item]:
    """The wave's organisation's own questions as items on the agree scale."""
    return [extra_item(q.position, q.text) for q in wave.questions.all()]


def _new_link(invitation: Invitation) -> str:
    token = tokens.new_token()
    InvitationLink.objects.create(invitation=invitation, token_digest=tokens.digest(token))
    return token


def _invite(wave: Wave, person: User, team: Team) -> str:
    return _new_link(Invitation.objects.create(wave=wave, person=person, team=team))


def _tell(person: User, wave: Wave, token: str, *, reminder: bool) -> None:
    subject = (
        _("Reminder: the safety culture survey closes on %(date)s")
        if reminder
        else _("Safety culture survey: your private link (closes %(date)s)")
    ) % {"date": date_format(wave.closes_on, "j F Y")}
    body = _(
        "%(organisation)s asks how safe it feels to speak up, learn from mistakes and "
        "manage the work. It takes about 10 minutes. Your answers are anonymous: the link "
        "works once, and once used it is not kept with your answers. Results are shown "
        "only for groups of 5 or more."
    ) % {"organisation": wave.organisation.name}
    notify(
        [person],
        subject=subject,
        body=body,
        url=reverse("surveys:answer", args=[token]),
        about=wave.title,
    )


@transaction.atomic
def open_wave(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    teams: Sequence[Team],
    closes_on: date,
    extra_questions: Sequence[str] = (),
    today: date | None = None,
) -> OpenedWave:
    """Open a wave for chosen teams and send each eligible person a single-use link."""
    _check_admin(actor, organisation)
    today = today or timezone.localdate()
    title = title.strip()
    if not title or len(title) > LONGEST_TITLE:
        raise ValidationError({"title": _("Give the wave a short title")})
    if not teams or any(team.organisation_id != organisation.pk for team in teams):
        raise ValidationError({"teams": _("Choose at least one of your organisation's teams")})
    if closes_on <= today:
        raise ValidationError({"closes_on": _("The closing date must be in the future")})
    questions = [text.strip() for text in extra_questions if text.strip()]
    if len(questions) > MOST_EXTRA_QUESTIONS or any(len(q) > LONGEST_QUESTION for q in questions):
        raise ValidationError(
            {
                "extra_questions": _("Up to %(count)s questions of under %(length)s characters")
                % {"count": MOST_EXTRA_QUESTIONS, "length": LONGEST_QUESTION}
            }
        )
    wave = Wave.objects.create(
        organisation=organisation,
        title=title,
        item_version=CURRENT_VERSION,
        opens_on=today,
        closes_on=closes_on,
        opened_by=actor,
    )
    for position, text in enumerate(questions, start=1):
        WaveQuestion.objects.create(wave=wave, position=position, text=text)
    people = eligible_people(teams)
    invited: dict[int, int] = {team.pk: 0 for team in teams}
    issued: dict[int, str] = {}
    for person, team in people.values():
        issued[person.pk] = _invite(wave, person, team)
        invited[team.pk] += 1
    for team in teams:
        WaveTeam.objects.create(wave=wave, team=team, invited=invited[team.pk])
    for person, _team in people.values():
        _tell(person, wave, issued[person.pk], reminder=False)
    record(
        AuditEventType.SURVEY_WAVE_OPENED,
        actor_id=actor.pk,
        organisation=organisation,
        target=wave,
        data={"teams": len(teams), "invited": len(issued), "extra_questions": len(questions)},
    )
    return OpenedWave(wave, issued)


def find_invitation(token: str) -> Invitation | None:
    """The invitation a link's token belongs to, used or not; None for any other string."""
    if not tokens.looks_like_token(token):
        return None
    link = (
        InvitationLink.objects.filter(token_digest__in=tokens.candidate_digests(token))
        .select_related("invitation__wave__organisation", "invitation__team")
        .first()
    )
    return link.invitation if link else None


def check_answers(wave: Wave, data: Mapping[str, str]) -> tuple[dict[str, int], dict[str, str]]:
    """The chosen values and free text, or a ValidationError naming each unanswered item."""
    questions = item_set(wave.item_version)
    errors: dict[str, str] = {}
    values: dict[str, int] = {}
    for item in [*questions.items, *wave_items(wave)]:
        allowed = {str(value) for value, _label in questions.scales[item.scale].options}
        raw = (data.get(item.key) or "").strip()
        if raw not in allowed:
            errors[item.key] = _("Choose an answer")
        else:
            values[item.key] = int(raw)
    texts: dict[str, str] = {}
    for free in questions.free_text:
        text = (data.get(free.key) or "").strip()
        if len(text) > LONGEST_FREE_TEXT:
            errors[free.key] = _("Keep it under %(count)s characters") % {
                "count": LONGEST_FREE_TEXT
            }
        elif text:
            texts[free.key] = text
    if errors:
        raise ValidationError(errors)
    return values, texts


@transaction.atomic
def submit_answers(*, token: str, data: Mapping[str, str], today: date | None = None) -> Response:
    """Take one person's answers through any of their links: every link is used up, and
    the answers are stored with the wave and team only, no person, link or time."""
    today = today or timezone.localdate()
    invitation = find_invitation(token)
    if invitation is None:
        raise PermissionDenied
    wave = invitation.wave
    if not wave.is_open(today):
        raise ValidationError(_("This survey has closed"), code="closed")
    values, texts = check_answers(wave, data)
    # One update that succeeds once: two submissions racing cannot both use the link.
    used = Invitation.objects.filter(pk=invitation.pk, used=False).update(used=True)
    if not used:
        raise ValidationError(_("This link has already been used"), code="used")
    # Rewrite every invitation of the wave in this transaction: on PostgreSQL each row's
    # xmin then names this transaction, so the xmin the response shares is no one's.
    Invitation.objects.filter(wave=wave).update(used=F("used"))
    response = Response.objects.create(wave=wave, team=invitation.team)
    policy = policy_for(wave.organisation)
    Answer.objects.bulk_create(
        [Answer(response=response, item=key, value=value) for key, value in values.items()]
        + [
            Answer(response=response, item=key, text=redact(text, detect(text, policy)))
            for key, text in texts.items()
        ]
    )
    record(
        AuditEventType.SURVEY_ANSWERED,
        actor_id=None,
        organisation=wave.organisation,
        target=wave,
    )
    return response


@dataclass(frozen=True)
class WaveCounts:
    invited: int
    answered: str  # banded while the wave is open


def answered_band(count: int, *, exact: bool) -> str:
    """How many answered, as shown: "fewer than 5" always, and while a wave is open only
    to the 5 below ("10 or more"), so a number that moves by one cannot tell someone
    watching a small wave when a colleague answered."""
    if count < SMALLEST_GROUP:
        return str(_("fewer than 5"))
    if exact:
        return str(count)
    return _("%(count)s or more") % {"count": count - count % SMALLEST_GROUP}


def wave_counts(wave: Wave, *, today: date | None = None) -> WaveCounts:
    """People invited, and how many answered in bands while the wave is open."""
    today = today or timezone.localdate()
    answered = wave.responses.count()
    return WaveCounts(
        wave.invitations.count(), answered_band(answered, exact=not wave.is_open(today))
    )


@dataclass(frozen=True)
class TeamCount:
    name: str
    invited: int
    five_or_more: bool  # how many answered, only as "5 or more" or "fewer than 5"


def team_counts(wave: Wave) -> list[TeamCount]:
    """Per team, only whether 5 or more have answered: an exact count that moves by one
    would tell an administrator watching it when a colleague answered."""
    answered: dict[int, int] = {}
    for team_id in wave.responses.values_list("team_id", flat=True):
        answered[team_id] = answered.get(team_id, 0) + 1
    return [
        TeamCount(wt.team.name, wt.invited, answered.get(wt.team_id, 0) >= SMALLEST_GROUP)
        for wt in wave.wave_teams.select_related("team")
    ]


@transaction.atomic
def send_reminders(
    *, actor: User | None, wave: Wave, now: datetime | None = None, due_only: bool = False
) -> int:
    """Remind everyone who has not answered, with a new link (only hashes are kept, so an
    old token cannot be resent); their earlier links keep working until one is used.
    With due_only, only those last written to DAYS_BETWEEN_REMINDERS or more days ago."""
    if actor is not None:
        _check_admin(actor, wave.organisation)
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not wave.is_open(today):
        raise ValidationError(_("This survey has closed"))
    unused = [
        invitation
        for invitation in wave.invitations.filter(used=False).select_related("person", "wave")
        if not due_only
        or invitation.last_sent_on() <= today - timedelta(days=DAYS_BETWEEN_REMINDERS)
    ]
    for invitation in unused:
        token = _new_link(invitation)
        invitation.reminded_at = now
        invitation.save(update_fields=["reminded_at"])
        _tell(invitation.person, wave, token, reminder=True)
    record(
        AuditEventType.SURVEY_REMINDERS_SENT,
        actor_id=actor.pk if actor else None,
        organisation=wave.organisation,
        target=wave,
        # No count, for the same reason the page shows none: invited less reminded is
        # answered, and the trail is read by administrators while the wave is open.
        data={"scheduled": due_only},
    )
    return len(unused)


@transaction.atomic
def close_wave(*, actor: User | None, wave: Wave, now: datetime | None = None) -> Wave:
    """Close a wave: no answers after this, and its results can be shown."""
    if actor is not None:
        _check_admin(actor, wave.organisation)
    if wave.closed_at is not None:
        return wave
    wave.closed_at = now or timezone.now()
    wave.save(update_fields=["closed_at"])
    record(
        AuditEventType.SURVEY_WAVE_CLOSED,
        actor_id=actor.pk if actor else None,
        organisation=wave.organisation,
        target=wave,
        data={"responses": wave.responses.count()},
    )
    return wave


def close_due_waves(*, today: date | None = None) -> list[Wave]:
    """Close every wave whose closing date has passed."""
    today = today or timezone.localdate()
    due = Wave.objects.filter(closed_at__isnull=True, closes_on__lt=today)
    return [close_wave(actor=None, wave=wave) for wave in due]


def remind_open_waves(*, now: datetime | None = None) -> dict[int, int]:
    """Reminders for every open wave, to each person at most every DAYS_BETWEEN_REMINDERS
    days (safe to run daily): wave id -> how many were reminded."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    waves = Wave.objects.filter(closed_at__isnull=True, opens_on__lte=today, closes_on__gte=today)
    return {
        wave.pk: send_reminders(actor=None, wave=wave, now=now, due_only=True) for wave in waves
    }
