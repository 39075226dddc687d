"""Demo data for languages (issue 22, ADR 0030): a Welsh council whose public pages start
in Welsh, and a family's feedback written in Arabic, waiting for a person to read it."""

from __future__ import annotations

from django.utils import timezone

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.accounts.services import create_user, grant_role
from candour.core.languages import WELSH
from candour.core.models import Organisation, OrganisationKind
from candour.core.services import create_organisation, create_team, set_default_language
from candour.voice import services as voice
from candour.voice.models import FeedbackLink
from candour.voice.vocabulary import AgeBand, Rating, WorkedWith

# A council of our own invention in Wales: its report form, feedback links and survey
# open in Welsh (/report/new/?organisation=cyngor-sir-aberafon).
WELSH_COUNCIL = "Cyngor Sir Aberafon"
WELSH_COUNCIL_CODE = "W06999903"
WELSH_TEAMS = ("Tîm Asesu", "Tîm Plant mewn Angen")
WELSH_ADMIN = ("rhian.evans@aberafon.example", "Rhian Evans")
WELSH_LINK = "Ymweliadau cartref"

# Written by us for the demo: a mother, in Arabic, says the social worker is kind but
# always late and nobody says why. The safeguarding check reads English only, so a person
# reads it first (it is routed to Riverside's duty team, waiting for them).
ARABIC_FEEDBACK = (
    "الأخصائية الاجتماعية لطيفة معنا، لكنها تأتي متأخرة دائمًا ولا يخبرنا أحد بالسبب.",
    "أرجو أن تتصلوا بي عندما يتغيّر موعد الزيارة.",
)


def load_welsh_council(password: str) -> Organisation:
    """The Welsh council, its teams, its administrator and a feedback link."""
    council = create_organisation(
        actor=None,
        name=WELSH_COUNCIL,
        kind=OrganisationKind.LOCAL_AUTHORITY,
        code=WELSH_COUNCIL_CODE,
    )
    teams = [create_team(actor=None, organisation=council, name=name) for name in WELSH_TEAMS]
    email, full_name = WELSH_ADMIN
    admin = create_user(
        actor=None, organisation=council, email=email, full_name=full_name, password=password
    )
    grant_role(actor=None, user=admin, organisation=council, role=Role.ORG_ADMIN)
    set_default_language(actor=admin, organisation=council, language=WELSH)
    voice.set_duty_contact(
        actor=admin, organisation=council, email="tim.dyletswydd@aberafon.example"
    )
    voice.create_link(actor=admin, organisation=council, team=teams[0], name=WELSH_LINK)
    return council


def load_arabic_family(link: FeedbackLink) -> voice.Submitted:
    """A parent's feedback in Arabic, given on the Arabic pages: marked for reading."""
    good, better = ARABIC_FEEDBACK
    submitted, _secret = voice.submit_feedback(
        link=link,
        answers=voice.Answers(
            age_band=AgeBand.PARENT,
            rating=Rating.NEITHER,
            what_was_good=good,
            what_would_be_better=better,
            worked_with=WorkedWith.SOCIAL_WORKER,
        ),
        today=timezone.localdate(),
        language="ar",
    )
    return submitted


def riverside_family_link() -> FeedbackLink:
    return FeedbackLink.objects.filter(
        organisation__name="Riverside Borough Council", name="Home visits: Assessment Team 1"
    ).get()


def welsh_admin() -> User:
    return User.objects.get(email=WELSH_ADMIN[0])
