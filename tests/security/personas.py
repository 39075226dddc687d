"""The adversarial suite's world: every persona, and a victim organisation full of secrets.

Moorland is the victim. Everything it holds that someone elsewhere might want carries
SENTINEL in its confidential words, so a test can say "this never appears" of every
response another organisation's people (or nobody at all) receive. Everyone attacking is
outside Moorland: Riverside's staff, managers, analyst and administrator, the hub's
national analyst, a clinician at a hospital that looks children up, and anonymous callers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from candour.accounts.models import Membership, User
from candour.accounts.roles import Role
from candour.api.services import create_api_token
from candour.core.models import Organisation, OrganisationKind
from candour.core.services import create_organisation, create_team, set_safety_lead
from candour.ideas import services as ideas
from candour.learning.alerts import services as alerts
from candour.learning.lessons import services as lessons
from candour.learning.themes import services as themes
from candour.lib.nhs_number import numbers_for_trials
from candour.reporting import services as reporting
from candour.reporting.vocabulary import Outcome, PartOfDay, Route, Setting
from candour.sharing import services as sharing
from candour.surveys import services as surveys
from candour.voice import services as voice
from candour.voice.moderation import services as moderation
from candour.voice.vocabulary import AgeBand
from candour.workforce.health.services import add_chart_event
from conftest import make_person

# A word no page, template or translation contains: if it appears, Moorland's data leaked.
SENTINEL = "quokkasentinel"
# Ids, tokens and secrets that belong to nothing.
# In the reporter's own words only: de-identification removes it before anyone else reads.
IDENTIFIER = "07700 900461"
UNKNOWN_ID = 987654
UNKNOWN_TOKEN = "no-such-token-Zx81"

# Personas that sign in with a session, by name.
SIGNED_IN = (
    "staff",  # a reporter: social worker in Riverside's Assessment team
    "manager",  # Riverside's Assessment team manager
    "other_manager",  # Riverside's Child in Need manager (a manager of another team)
    "analyst",  # Riverside's learning team analyst
    "admin",  # Riverside's organisation administrator (an administrator elsewhere)
    "national_analyst",  # the national hub's analyst
    "clinician",  # a nurse at Riverside Hospital, a setting that looks children up
    "guardian",  # Riverside Hospital's Caldicott Guardian: reads its access report
    "advocate",  # Riverside's advocate: types in paper and phone items, reads nothing
)
PERSONAS = ("anonymous", *SIGNED_IN)


@dataclass
class Victim:
    """Moorland's people and the objects an attacker would aim at."""

    organisation: Organisation
    staff: User
    analyst: User
    admin: User
    membership_id: int
    ids: dict[str, int] = field(default_factory=dict)
    reference: str = ""
    link_token: str = ""


@dataclass
class Attackers:
    users: dict[str, User]
    # Bearer credentials for the API: personal tokens of roles that may hold them, and the
    # clinician's hospital's setting key.
    api_tokens: dict[str, str]
    setting_key: str


def _person(email: str, organisation: Organisation, role: Role, team: object = None) -> User:
    return make_person(email, organisation, role, team)  # type: ignore[arg-type]


def build_attackers() -> Attackers:
    riverside = create_organisation(
        actor=None, name="Riverside", kind=OrganisationKind.LOCAL_AUTHORITY
    )
    hub = create_organisation(actor=None, name="Hub", kind=OrganisationKind.NATIONAL_HUB)
    hospital = create_organisation(
        actor=None, name="Riverside Hospital", kind=OrganisationKind.PARTNER_AGENCY
    )
    assessment = create_team(actor=None, organisation=riverside, name="Assessment")
    child_in_need = create_team(actor=None, organisation=riverside, name="Child in Need")
    emergency = create_team(actor=None, organisation=hospital, name="Emergency Department")
    users = {
        "staff": _person("staff@riverside.example", riverside, Role.STAFF, assessment),
        "manager": _person("manager@riverside.example", riverside, Role.MANAGER, assessment),
        "other_manager": _person(
            "cin.manager@riverside.example", riverside, Role.MANAGER, child_in_need
        ),
        "analyst": _person("analyst@riverside.example", riverside, Role.ANALYST),
        "admin": _person("admin@riverside.example", riverside, Role.ORG_ADMIN),
        "national_analyst": _person("national@hub.example", hub, Role.NATIONAL_ANALYST),
        "clinician": _person("nurse@hospital.example", hospital, Role.STAFF, emergency),
        "guardian": _person("caldicott@hospital.example", hospital, Role.CALDICOTT_GUARDIAN),
        "advocate": _person("advocate@riverside.example", riverside, Role.ADVOCATE),
    }
    lead = _person("lead@hospital.example", hospital, Role.MANAGER, emergency)
    setting = sharing.register_setting(actor=None, organisation=hospital)
    key = sharing.create_setting_key(actor=lead, setting=setting, name="ED system").value
    api_tokens = {
        name: create_api_token(actor=users[name], name="Attack").value
        for name in ("staff", "manager", "clinician")
    }
    return Attackers(users=users, api_tokens=api_tokens, setting_key=key)


def build_victim() -> Victim:
    """Moorland, with one of each thing a URL can point at, each holding SENTINEL."""
    moorland = create_organisation(
        actor=None, name="Moorland", kind=OrganisationKind.LOCAL_AUTHORITY
    )
    north = create_team(actor=None, organisation=moorland, name="Moorland North")
    staff = _person("staff@moorland.example", moorland, Role.STAFF, north)
    manager = _person("manager@moorland.example", moorland, Role.MANAGER, north)
    analyst = _person("analyst@moorland.example", moorland, Role.ANALYST)
    admin = _person("admin@moorland.example", moorland, Role.ORG_ADMIN)
    set_safety_lead(actor=admin, organisation=moorland, lead=manager)
    victim = Victim(
        organisation=moorland,
        staff=staff,
        analyst=analyst,
        admin=admin,
        membership_id=Membership.objects.get(user=staff).pk,
    )
    ids = victim.ids
    ids["person"] = staff.pk
    ids["team"] = north.pk

    today = timezone.localdate()
    report = reporting.submit_report(
        organisation=moorland,
        team=north,
        route=Route.ANONYMOUS,
        outcome=Outcome.NEAR_MISS,
        setting=Setting.HOME_VISIT,
        occurred_month=today.replace(day=1),
        part_of_day=PartOfDay.AFTERNOON,
        factors=["workload"],
        narrative=reporting.Narrative(
            what_happened=(
                f"The visit was missed and the {SENTINEL} note was never filed. "
                f"Ring me on {IDENTIFIER}."
            ),
            what_would_prevent=f"A second check of every {SENTINEL} note.",
        ),
    ).report
    # The analyst keeps every redaction the de-identifier proposed.
    keep = {name: list(range(len(spans))) for name, spans in report.redactions.items()}
    report = reporting.review_redactions(actor=analyst, report=report, keep=keep, add_phrases={})
    victim.reference = report.reference
    ids["theme"] = themes.create_theme(
        actor=analyst, organisation=moorland, name=f"Theme {SENTINEL}", reports=[report]
    ).pk
    ids["alert"] = alerts.raise_alert(
        actor=analyst, report=report, hazard=f"Hazard {SENTINEL}", could_identify_reporter=True
    ).pk
    lesson = lessons.save_lesson(
        actor=analyst,
        organisation=moorland,
        title=f"Lesson {SENTINEL}",
        story=f"Story {SENTINEL}",
        commentary=f"Commentary {SENTINEL}",
        action_taken=f"Action {SENTINEL}",
        reports=[report],
    )
    ids["lesson"] = lesson.pk
    lessons.publish_lesson(actor=analyst, lesson=lesson)
    ids["bulletin"] = lessons.publish_bulletin(
        actor=analyst,
        organisation=moorland,
        title=f"Bulletin {SENTINEL}",
        period_start=today - dt.timedelta(days=30),
        period_end=today,
        introduction=f"Introduction {SENTINEL}",
    ).pk
    ids["idea"] = ideas.submit_idea(
        author=staff,
        draft=ideas.IdeaDraft(
            team=north,
            problem_kind="waste",
            problem=f"Problem {SENTINEL}",
            idea=f"Idea {SENTINEL}",
            expected_benefit=f"Benefit {SENTINEL}",
        ),
    ).pk

    voice.set_duty_contact(actor=admin, organisation=moorland, email="duty@moorland.example")
    link = voice.create_link(actor=admin, organisation=moorland, team=north, name="Posters")
    victim.link_token = link.token
    ids["link"] = link.pk
    submitted, _secret = voice.submit_feedback(
        link=link,
        answers=voice.Answers(
            age_band=AgeBand.MIDDLE,
            rating="very_poor",
            what_would_be_better=f"my dad hits me wen he is angry {SENTINEL}",
        ),
    )
    ids["feedback"] = submitted.feedback.pk
    ids["safeguarding_alert"] = submitted.alert.pk if submitted.alert else UNKNOWN_ID
    ids["feedback_theme"] = moderation.add_theme(
        actor=analyst, organisation=moorland, label=f"Words {SENTINEL}"
    ).pk

    ids["wave"] = surveys.open_wave(
        actor=admin,
        organisation=moorland,
        title=f"Wave {SENTINEL}",
        teams=[north],
        closes_on=today + dt.timedelta(days=14),
    ).wave.pk
    ids["flag"] = sharing.record_flag(
        actor=manager,
        organisation=moorland,
        draft=sharing.FlagDraft(
            nhs_number=numbers_for_trials(count=1)[0],
            plan_type="child_protection_plan",
            start_date=today - dt.timedelta(days=30),
            end_date=None,
            team_name=f"Team {SENTINEL}",
            team_phone="01632 960000",
        ),
    ).pk
    ids["chart_event"] = add_chart_event(
        actor=None, organisation=moorland, on_date=today, label=f"Event {SENTINEL}"
    ).pk
    ids["api_token"] = create_api_token(actor=staff, name=f"Token {SENTINEL}").token.pk

    # A hospital in Moorland's area with a key of its own, for "revoke another's key".
    moorland_hospital = create_organisation(
        actor=None, name="Moorland Hospital", kind=OrganisationKind.PARTNER_AGENCY
    )
    ward = create_team(actor=None, organisation=moorland_hospital, name="Ward")
    ward_lead = _person("lead@moorland-hospital.example", moorland_hospital, Role.MANAGER, ward)
    setting = sharing.register_setting(actor=None, organisation=moorland_hospital)
    issued = sharing.create_setting_key(actor=ward_lead, setting=setting, name=SENTINEL)
    ids["setting_key"] = issued.key.pk
    return victim


def session_client(user: User, *, enforce_csrf_checks: bool = False) -> Client:
    """A client signed in as the person, past the second factor where their role needs one."""
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    # Fresh from the database: signing out everywhere changes what a session must match.
    user = User.objects.get(pk=user.pk)
    client.force_login(user)
    if user.requires_two_factor():
        device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
            user=user, name="security suite", confirmed=True
        )
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client
