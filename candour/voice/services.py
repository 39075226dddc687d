"""Writes for children's and families' feedback: take it, route disclosures at once,
check (moderate) it, and answer it.

Safety first: the words are checked for signs that a child is unsafe before anything
else, on the child's own words (de-identification would hide who is at risk), and a
disclosure goes to the duty contact in the same request, tracked until a person says
they have it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core import throttle
from candour.core.channels import Channel
from candour.core.languages import ENGLISH
from candour.core.models import Organisation, Team
from candour.keys.services import create_data_key, destroy_data_key, seal, unseal
from candour.lib.coarse_dates import week_start
from candour.lib.codes import readable_code
from candour.lib.deid import detect_many, redact
from candour.lib.safeguarding.reading import written_in
from candour.notifications.outbox import queue_email
from candour.notifications.services import notify
from candour.reporting import receipts
from candour.reporting.services import policy_for
from candour.voice.alerts.reasons import layers_of, written_in_label
from candour.voice.alerts.services import chase_bursts, group_if_burst
from candour.voice.feedback_limits import within_limits
from candour.voice.models import (
    DisclosureContact,
    DutyContact,
    Feedback,
    FeedbackLink,
    SafeguardingAlert,
)
from candour.voice.screening import Screening, screen
from candour.voice.vocabulary import AgeBand, AlertState, FeedbackStatus, Rating, WorkedWith

TEXT_FIELDS = ("what_was_good", "what_would_be_better", "idea")
LONGEST_ANSWER = 2000
# A disclosure nobody has acknowledged is chased this often, to more people each time,
# until a person acknowledges it.
CHASE_AFTER = timedelta(minutes=15)


@dataclass(frozen=True)
class Answers:
    age_band: str
    rating: str
    what_was_good: str = ""
    what_would_be_better: str = ""
    idea: str = ""
    worked_with: str = ""


@dataclass(frozen=True)
class Submitted:
    feedback: Feedback
    alert: SafeguardingAlert | None


def check_answers(answers: Answers) -> None:
    if answers.age_band not in AgeBand.values:
        raise ValidationError({"age_band": _("Choose who is filling this in")})
    if answers.rating not in Rating.values:
        raise ValidationError({"rating": _("Choose how it was")})
    if answers.worked_with and answers.worked_with not in WorkedWith.values:
        raise ValidationError({"worked_with": _("Choose who you saw")})
    for name in TEXT_FIELDS:
        if len(getattr(answers, name)) > LONGEST_ANSWER:
            raise ValidationError(
                {name: _("Please write less than %(count)s letters") % {"count": LONGEST_ANSWER}}
            )


def _ack_digest(secret: str) -> str:
    key = hashlib.sha256(b"candour-safeguarding-ack:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, secret.encode(), hashlib.sha256).hexdigest()


class FeedbackRateLimitedError(Exception):
    """Too much ordinary feedback from this link or session for now: try again later."""


def submit_feedback(
    *,
    link: FeedbackLink,
    answers: Answers,
    today: date | None = None,
    session_key: str | None = None,
    language: str = ENGLISH,
    channel: Channel = Channel.ONLINE,
    entered_by: User | None = None,
) -> tuple[Submitted, str | None]:
    """Take feedback; returns it and, when a disclosure was routed on its own, the
    acknowledgement secret (for tests; the duty contact receives it by email).

    From the public journey (``session_key`` given) the link's and the session's limits
    apply, but only to feedback the safeguarding check does not flag: a possible
    disclosure is always taken, and grouped with others from the link as a burst.
    Writing the check cannot read (``language`` is the page's) is routed the same way,
    for a person to read first (ADR 0030). Refusals write no audit row, so a flood
    cannot grow the audit trail. Feedback given on paper, by phone or in person is typed
    in by ``entered_by`` and routed the same way; the duty team is told who typed it, to
    ask them about the child (ADR 0035).
    """
    check_answers(answers)
    if not link.active:
        raise ValidationError(_("This feedback link is no longer in use"))
    raw = {name: getattr(answers, name).strip() for name in TEXT_FIELDS}
    words = "\n".join(text for text in raw.values() if text)
    assessment = screen(words)
    unread = written_in(words, page_language=language) or ""
    over_limit = session_key is not None and not within_limits(link=link, session_key=session_key)
    if over_limit and not assessment.concern and not unread:
        raise FeedbackRateLimitedError
    return _take_feedback(
        link=link,
        answers=answers,
        raw=raw,
        assessment=assessment,
        reading=Reading(language=language, written_in=unread),
        over_limit=over_limit,
        today=today,
        channel=channel,
        entered_by=entered_by,
    )


@dataclass(frozen=True)
class Reading:
    """The page's language, and what the check could not read the words in (or "")."""

    language: str
    written_in: str


@transaction.atomic
def _take_feedback(
    *,
    link: FeedbackLink,
    answers: Answers,
    raw: dict[str, str],
    assessment: Screening,
    reading: Reading,
    over_limit: bool,
    today: date | None,
    channel: Channel,
    entered_by: User | None,
) -> tuple[Submitted, str | None]:
    organisation = link.organisation
    today = today or timezone.localdate()
    detected = detect_many([raw[name] for name in TEXT_FIELDS], policy_for(organisation))
    key = create_data_key(purpose="feedback")
    feedback = Feedback.objects.create(
        organisation=organisation,
        team=link.team,
        link=link,
        age_band=answers.age_band,
        rating=answers.rating,
        worked_with=answers.worked_with,
        redactions={
            name: [[s.start, s.end, s.kind.value] for s in spans]
            for name, spans in zip(TEXT_FIELDS, detected, strict=True)
        },
        received_week=week_start(today),
        data_key=key,
        language=reading.language,
        channel=channel,
        needs_reading=bool(reading.written_in),
        written_in=reading.written_in,
        **{
            name: redact(raw[name], spans)
            for name, spans in zip(TEXT_FIELDS, detected, strict=True)
        },
    )
    feedback.raw_sealed = seal(key, json.dumps(raw), field="feedback")
    feedback.save(update_fields=["raw_sealed"])
    record(
        AuditEventType.FEEDBACK_RECEIVED,
        actor_id=None,
        organisation=organisation,
        target=feedback,
        data={"age_band": feedback.age_band, "team": link.team_id},
    )
    alert, secret = _route_if_unsafe(
        feedback,
        raw,
        assessment,
        written_in=reading.written_in,
        over_limit=over_limit,
        entered_by=entered_by,
    )
    return Submitted(feedback, alert), secret


def raw_answers(feedback: Feedback) -> dict[str, str] | None:
    if feedback.raw_sealed is None or feedback.data_key is None:
        return None
    if feedback.data_key.destroyed_at is not None:
        return None
    loaded: dict[str, str] = json.loads(
        unseal(feedback.data_key, bytes(feedback.raw_sealed), field="feedback")
    )
    return loaded


LONGEST_CONTACT = 500


@transaction.atomic
def give_disclosure_contact(*, feedback: Feedback, contact: str) -> DisclosureContact:
    """A child who told us a worry says how they would like to be reached: sealed like a
    reporter's contact details, shown to the duty team with the alert."""
    contact = " ".join(contact.replace("\x00", "").split())
    if not contact:
        raise ValidationError({"contact": _("Write how we can reach you, or leave this page")})
    if len(contact) > LONGEST_CONTACT:
        raise ValidationError(
            {"contact": _("Please write less than %(count)s letters") % {"count": LONGEST_CONTACT}}
        )
    alert = SafeguardingAlert.objects.filter(feedback=feedback).first()
    key = feedback.data_key
    if alert is None or key is None or key.destroyed_at is not None:
        raise ValidationError(
            {"contact": _("We could not add this. Please call Childline on 0800 1111.")}
        )
    given, _created = DisclosureContact.objects.update_or_create(
        feedback=feedback,
        defaults={
            "sealed": seal(key, contact, field="contact"),
            "given_on": timezone.localdate(),
        },
    )
    record(
        AuditEventType.FEEDBACK_CONTACT_GIVEN,
        actor_id=None,
        organisation=feedback.organisation,
        target=feedback,
    )
    _email, people = duty_recipients(feedback.organisation)
    with translation.override(feedback.organisation.default_language):
        notify(
            people,
            subject=_("A child who told us a worry has said how to reach them"),
            body=_("Open the alert in Candour to see how they would like to be contacted."),
            url=reverse("voice:alert", args=[alert.pk]),
        )
    return given


def disclosure_contact(feedback: Feedback) -> str:
    """How the child asked to be reached, while the feedback's key lives; else ""."""
    given = DisclosureContact.objects.filter(feedback=feedback).first()
    key = feedback.data_key
    if given is None or given.sealed is None or key is None or key.destroyed_at is not None:
        return ""
    return unseal(key, bytes(given.sealed), field="contact")


REPLY_CODE_TRIES = 10
REPLY_CODE_WINDOW = timedelta(minutes=15)


@transaction.atomic
def give_reply_code(*, feedback: Feedback, code: str = "") -> str:
    """A private code, shown once, with which the family reads the answer to their own
    feedback (Care Opinion's core), not only the team's "you said, we did". `code` is for
    the demo's published one; real codes are always new."""
    code = code or receipts.new_receipt()
    feedback.reply_code_digest = receipts.digest(code)
    feedback.save(update_fields=["reply_code_digest"])
    record(
        AuditEventType.FEEDBACK_REPLY_CODE_GIVEN,
        actor_id=None,
        organisation=feedback.organisation,
        target=feedback,
    )
    return code


def feedback_for_reply_code(*, link: FeedbackLink, code: str, client_tag: str) -> Feedback:
    """The feedback a private code opens, counted against the client so codes cannot be
    guessed; refused with a reason otherwise. Not one transaction: a refused try must
    still count."""
    if not throttle.hit(
        f"voice-reply-code:{client_tag}", limit=REPLY_CODE_TRIES, window=REPLY_CODE_WINDOW
    ):
        raise ValidationError({"code": _("Too many tries. Wait 15 minutes, then try again.")})
    found = None
    if receipts.normalise(code) is not None:
        found = Feedback.objects.filter(
            organisation_id=link.organisation_id, reply_code_digest=receipts.digest(code)
        ).first()
    if found is None:
        raise ValidationError(
            {"code": _("We could not find your feedback with that code. Check it and try again.")}
        )
    return found


def duty_recipients(organisation: Organisation) -> tuple[str, list[User]]:
    """The duty contact's email, and the people told in Candour: the safety lead, else the
    organisation's administrators (so a disclosure is never sent nowhere)."""
    contact = DutyContact.objects.filter(organisation=organisation).first()
    people: list[User] = []
    if organisation.safety_lead is not None and organisation.safety_lead.is_active:
        people.append(organisation.safety_lead)
    if not people or contact is None:
        people += list(
            User.objects.filter(
                is_active=True,
                memberships__organisation=organisation,
                memberships__role=Role.ORG_ADMIN,
                memberships__revoked_at__isnull=True,
            ).distinct()
        )
    return (contact.email if contact else ""), people


def _route_if_unsafe(
    feedback: Feedback,
    raw: dict[str, str],
    assessment: Screening,
    *,
    written_in: str,
    over_limit: bool,
    entered_by: User | None = None,
) -> tuple[SafeguardingAlert | None, str | None]:
    # The child's page may be in any language; the duty team reads the organisation's.
    with translation.override(feedback.organisation.default_language):
        return _route(
            feedback,
            raw,
            assessment,
            written_in=written_in,
            over_limit=over_limit,
            entered_by=entered_by,
        )


def _route(
    feedback: Feedback,
    raw: dict[str, str],
    assessment: Screening,
    *,
    written_in: str,
    over_limit: bool,
    entered_by: User | None = None,
) -> tuple[SafeguardingAlert | None, str | None]:
    words = "\n".join(text for text in raw.values() if text)
    # Writing the check cannot read is routed as a disclosure is, never dropped as
    # "nothing found": an unread disclosure is as urgent in Arabic as in English.
    if not assessment.concern and not written_in:
        return None, None
    secret = secrets.token_urlsafe(24)
    email, people = duty_recipients(feedback.organisation)
    alert = SafeguardingAlert.objects.create(
        feedback=feedback,
        organisation=feedback.organisation,
        categories=list(assessment.categories),
        urgent=assessment.urgent,
        matched=list(assessment.phrases),
        layers=layers_of(assessment, written_in=written_in),
        sent_to=email,
        sent_at=timezone.now(),
        ack_digest=_ack_digest(secret),
        over_limit=over_limit,
        entered_by=entered_by,
    )
    burst, started = group_if_burst(alert, over_limit=over_limit, email=email, people=people)
    if burst is not None:
        record(
            AuditEventType.SAFEGUARDING_ROUTED,
            actor_id=None,
            organisation=feedback.organisation,
            target=alert,
            data={
                "categories": alert.categories,
                "urgent": alert.urgent,
                "emailed": bool(email) and started,
                "burst": burst.pk,
            },
        )
        return alert, None
    link = reverse("voice:acknowledge", args=[secret])
    if alert.urgent:
        subject = _("URGENT safeguarding: a child may be in danger now")
    elif assessment.concern:
        subject = _("Safeguarding: feedback that may mean a child is unsafe")
    else:
        subject = _("Safeguarding: feedback written in %(language)s to be read by a person") % {
            "language": written_in_label(written_in)
        }
    opening = (
        _("Feedback sent to %(organisation)s through Candour may mean a child is unsafe.")
        if assessment.concern
        else _(
            "Feedback sent to %(organisation)s through Candour is written in %(language)s, "
            "which the safeguarding check cannot read. A person must read it (with an "
            "interpreter if needed) to know whether a child is unsafe."
        )
    ) % {"organisation": feedback.organisation.name, "language": written_in_label(written_in)}
    body = _(
        "%(opening)s\n\n"
        "What they wrote:\n%(words)s\n\n%(why)s\n"
        "Team: %(team)s. Who wrote it: %(band)s.\n\n"
        "Open this link to record that you have it and what you are doing: %(link)s"
    ) % {
        "opening": opening,
        "words": words,
        "why": "\n".join(alert.raised_by),
        "team": feedback.team.name if feedback.team else _("not given"),
        "band": AgeBand(feedback.age_band).label,
        "link": settings.CANDOUR_BASE_URL.rstrip("/") + link,
    }
    if entered_by is not None:
        # Given on paper, by phone or in person: whoever typed it in may know the child.
        body += "\n\n" + _(
            "This feedback was not sent online (%(channel)s). %(name)s (%(email)s) typed "
            "it in and may be able to tell you more."
        ) % {
            "channel": Channel(feedback.channel).label,
            "name": entered_by.full_name or entered_by.email,
            "email": entered_by.email,
        }
    if email:
        # Sent after commit, at once (the worker retries): the duty inbox is the
        # organisation's secure mailbox.
        queue_email([email], subject=subject, body=body)
    notify(
        people,
        subject=subject,
        body=_("Open the alert to read it and make sure the duty team has it."),
        url=reverse("voice:alert", args=[alert.pk]),
    )
    record(
        AuditEventType.SAFEGUARDING_ROUTED,
        actor_id=None,
        organisation=feedback.organisation,
        target=alert,
        data={"categories": alert.categories, "urgent": alert.urgent, "emailed": bool(email)},
    )
    return alert, secret


@transaction.atomic
def note_raw_words_viewed(*, actor: User, feedback: Feedback) -> None:
    """Record that someone opened a child's or family's own words."""
    record(
        AuditEventType.FEEDBACK_RAW_TEXT_VIEWED,
        actor_id=actor.pk,
        organisation=feedback.organisation,
        target=feedback,
    )


def alert_for_secret(secret: str) -> SafeguardingAlert | None:
    return (
        SafeguardingAlert.objects.filter(ack_digest=_ack_digest(secret))
        .select_related("feedback", "organisation")
        .first()
    )


@transaction.atomic
def acknowledge_alert(
    *,
    alert: SafeguardingAlert,
    action: str,
    by: User | None = None,
    by_name: str = "",
    now: datetime | None = None,
) -> SafeguardingAlert:
    """A person says they have the disclosure and what they are doing about it."""
    if alert.state == AlertState.ACKNOWLEDGED:
        return alert
    name = (by.full_name if by else by_name).strip()
    if not name:
        raise ValidationError({"name": _("Enter your name")})
    if not action.strip():
        raise ValidationError({"action": _("Say what you are doing about it")})
    alert.state = AlertState.ACKNOWLEDGED
    alert.acknowledged_at = now or timezone.now()
    alert.acknowledged_by = by
    alert.acknowledged_by_name = name[:200]
    alert.action = action.strip()
    alert.save()
    record(
        AuditEventType.SAFEGUARDING_ACKNOWLEDGED,
        actor_id=by.pk if by else None,
        organisation=alert.organisation,
        target=alert,
    )
    # Checked before the alert was acknowledged: the words were kept for the duty team
    # until now, and can go.
    if alert.feedback.status != FeedbackStatus.NEW:
        _forget_words_if_done(alert.feedback, by)
    return alert


def chase_recipients(alert: SafeguardingAlert, *, chase_count: int | None = None) -> list[User]:
    """Who is told at each chase: the safety lead (or administrators) and the learning team
    the first time; from the second chase, every administrator and the team's managers
    too, so that nobody can assume someone else has it."""
    _email, people = duty_recipients(alert.organisation)
    roles = [Role.ANALYST]
    if chase_count is None:
        chase_count = alert.chase_count
    if chase_count >= 1:
        roles.append(Role.ORG_ADMIN)
    found = {person.pk: person for person in people}
    for person in User.objects.filter(
        is_active=True,
        memberships__organisation=alert.organisation,
        memberships__role__in=roles,
        memberships__revoked_at__isnull=True,
    ).distinct():
        found.setdefault(person.pk, person)
    if chase_count >= 1 and alert.feedback.team_id is not None:
        for person in User.objects.filter(
            is_active=True,
            memberships__team_id=alert.feedback.team_id,
            memberships__role=Role.MANAGER,
            memberships__revoked_at__isnull=True,
        ).distinct():
            found.setdefault(person.pk, person)
    return list(found.values())


def chase_alerts(*, now: datetime | None = None) -> int:
    """Chase every disclosure nobody has acknowledged, every CHASE_AFTER until a person
    does, to more people after the first chase; a burst is chased once for all its alerts.
    Returns how many alerts and bursts were chased."""
    now = now or timezone.now()
    due = now - CHASE_AFTER
    waiting = (
        SafeguardingAlert.objects.filter(state=AlertState.SENT, sent_at__lte=due, burst=None)
        .filter(Q(chased_at__isnull=True) | Q(chased_at__lte=due))
        .select_related("organisation", "feedback")
        .order_by("sent_at", "pk")
    )
    chased = 0
    for alert in waiting:
        with transaction.atomic():
            # Locked and read again: two chasers running at once must not both send.
            alert = (
                SafeguardingAlert.objects.select_for_update()
                .select_related("organisation", "feedback")
                .get(pk=alert.pk)
            )
            if (
                alert.state != AlertState.SENT
                or alert.burst_id is not None
                or (alert.chased_at is not None and alert.chased_at > due)
            ):
                continue
            minutes = int((now - alert.sent_at).total_seconds() // 60)
            subject = _(
                "Not yet acknowledged after %(minutes)s minutes: a safeguarding alert from feedback"
            ) % {"minutes": minutes}
            notify(
                chase_recipients(alert),
                subject=subject,
                body=_("Nobody has said they have this disclosure yet. Call the duty team now."),
                url=reverse("voice:alert", args=[alert.pk]),
            )
            if alert.sent_to:
                # No words and no link here: the first email has both, and a reminder
                # should not spread a child's words further.
                queue_email(
                    [alert.sent_to],
                    subject=subject,
                    body=_(
                        "A safeguarding alert sent to this inbox at %(sent)s has not been "
                        "acknowledged. Open the link in that email now, or ask the safety "
                        "lead to acknowledge it in Candour."
                    )
                    % {"sent": timezone.localtime(alert.sent_at).strftime("%H:%M on %d %B %Y")},
                )
            alert.chased_at = now
            alert.chase_count += 1
            alert.save(update_fields=["chased_at", "chase_count"])
            record(
                AuditEventType.SAFEGUARDING_CHASED,
                actor_id=None,
                organisation=alert.organisation,
                target=alert,
                data={"chase": alert.chase_count},
            )
            chased += 1
    return chased + chase_bursts(now=now)


@transaction.atomic
def set_duty_contact(
    *, actor: User, organisation: Organisation, email: str, phone: str = ""
) -> DutyContact:
    contact, _created = DutyContact.objects.update_or_create(
        organisation=organisation, defaults={"email": email.strip(), "phone": phone.strip()}
    )
    record(
        AuditEventType.DUTY_CONTACT_CHANGED,
        actor_id=actor.pk,
        organisation=organisation,
    )
    return contact


@transaction.atomic
def create_link(
    *, actor: User, organisation: Organisation, team: Team | None, name: str
) -> FeedbackLink:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Enter a name for the link")})
    if team is not None and team.organisation_id != organisation.pk:
        raise ValidationError({"team": _("Choose one of the organisation's teams")})
    link = FeedbackLink.objects.create(
        organisation=organisation,
        team=team,
        name=name[:200],
        token=readable_code(12),
        created_by=actor,
    )
    record(
        AuditEventType.FEEDBACK_LINK_CREATED,
        actor_id=actor.pk,
        organisation=organisation,
        target=link,
    )
    return link


def _forget_words_if_done(feedback: Feedback, actor: User | None) -> None:
    """The child's own words go once the feedback is checked and any alert acknowledged."""
    alert = SafeguardingAlert.objects.filter(feedback=feedback).first()
    if alert is not None and alert.state != AlertState.ACKNOWLEDGED:
        return
    if feedback.data_key is not None and feedback.data_key.destroyed_at is None:
        feedback.raw_sealed = None
        feedback.redactions = {}
        feedback.save(update_fields=["raw_sealed", "redactions"])
        DisclosureContact.objects.filter(feedback=feedback).update(sealed=None)
        destroy_data_key(
            key=feedback.data_key,
            actor_id=actor.pk if actor else None,
            organisation=feedback.organisation,
            reason="feedback_checked",
        )


def remove_words(text: str, phrase: str) -> str:
    """Every whole-word use of the phrase, in any case, becomes [REMOVED]: taking out "Al"
    must not turn "Also" into "[REMOVED]so", and "al" at the start of a sentence is still Al."""
    # Lookarounds, not \b: a phrase may begin or end with punctuation ("Al's", "Dr.").
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE)
    return pattern.sub("[REMOVED]", text)


@transaction.atomic
def publish_feedback(
    *, actor: User, feedback: Feedback, remove_phrases: list[str] | None = None
) -> Feedback:
    """Checked: shown, de-identified, to staff. Moderators may take out identifying words
    (each becomes [REMOVED]); they never rewrite what was said."""
    if actor.pk is None or feedback.organisation_id not in actor.organisation_ids_with_role(
        Role.ANALYST
    ):
        raise ValidationError(_("Only the learning team can check feedback"))
    for phrase in remove_phrases or []:
        phrase = phrase.strip()
        if len(phrase) < 2:
            continue
        for name in TEXT_FIELDS:
            setattr(feedback, name, remove_words(getattr(feedback, name), phrase))
    feedback.status = FeedbackStatus.PUBLISHED
    feedback.moderated_by = actor
    feedback.moderated_at = timezone.now()
    feedback.hidden_reason = ""
    feedback.save()
    record(
        AuditEventType.FEEDBACK_MODERATED,
        actor_id=actor.pk,
        organisation=feedback.organisation,
        target=feedback,
        data={"outcome": "published", "removed": len(remove_phrases or [])},
    )
    _forget_words_if_done(feedback, actor)
    return feedback


@transaction.atomic
def hide_feedback(*, actor: User, feedback: Feedback, reason: str) -> Feedback:
    if feedback.organisation_id not in actor.organisation_ids_with_role(Role.ANALYST):
        raise ValidationError(_("Only the learning team can check feedback"))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why it is hidden")})
    feedback.status = FeedbackStatus.HIDDEN
    feedback.hidden_reason = reason.strip()[:200]
    feedback.moderated_by = actor
    feedback.moderated_at = timezone.now()
    feedback.save()
    record(
        AuditEventType.FEEDBACK_MODERATED,
        actor_id=actor.pk,
        organisation=feedback.organisation,
        target=feedback,
        data={"outcome": "hidden"},
    )
    _forget_words_if_done(feedback, actor)
    return feedback
