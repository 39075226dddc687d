"""Demo organisations, teams and personas for `make run` and the browser tests."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.accounts.services import create_user, grant_role
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation, OrganisationKind, Team
from candour.core.services import create_organisation, create_team

# Shared by every demo persona and printed by `make run`; never used outside demo data.
DEMO_PASSWORD = "candour-demo-password"  # noqa: S105


@dataclass(frozen=True)
class Persona:
    key: str
    email: str
    full_name: str
    organisation: str
    role: Role
    team: str | None
    description: str


ORGANISATIONS: list[tuple[str, OrganisationKind, str]] = [
    ("Riverside Borough Council", OrganisationKind.LOCAL_AUTHORITY, "E09999901"),
    ("Moorland County Council", OrganisationKind.LOCAL_AUTHORITY, "E10999902"),
    ("Riverside Community Health NHS Trust", OrganisationKind.PARTNER_AGENCY, ""),
    ("Candour National Learning Hub", OrganisationKind.NATIONAL_HUB, ""),
]

TEAMS: dict[str, list[str]] = {
    "Riverside Borough Council": [
        "Assessment Team 1",
        "Assessment Team 2",
        "Child in Need Team",
        "Children in Care Team",
        "Multi-Agency Safeguarding Hub",
    ],
    "Moorland County Council": ["Family Support North", "Family Support South"],
    "Riverside Community Health NHS Trust": ["Health Visiting East", "School Nursing"],
    "Candour National Learning Hub": [],
}

PERSONAS: list[Persona] = [
    Persona(
        "staff",
        "sam.patel@riverside.example",
        "Sam Patel",
        "Riverside Borough Council",
        Role.STAFF,
        "Assessment Team 1",
        "social worker",
    ),
    Persona(
        "staff2",
        "jo.okafor@riverside.example",
        "Jo Okafor",
        "Riverside Borough Council",
        Role.STAFF,
        "Child in Need Team",
        "social worker",
    ),
    Persona(
        "health_visitor",
        "lee.carter@riversidehealth.example",
        "Lee Carter",
        "Riverside Community Health NHS Trust",
        Role.STAFF,
        "Health Visiting East",
        "health visitor",
    ),
    Persona(
        "analyst",
        "alex.morgan@riverside.example",
        "Alex Morgan",
        "Riverside Borough Council",
        Role.ANALYST,
        None,
        "learning team analyst (sets up two-factor sign-in)",
    ),
    Persona(
        "manager",
        "priya.shah@riverside.example",
        "Priya Shah",
        "Riverside Borough Council",
        Role.MANAGER,
        "Assessment Team 1",
        "team manager",
    ),
    Persona(
        "other_manager",
        "tom.reid@riverside.example",
        "Tom Reid",
        "Riverside Borough Council",
        Role.MANAGER,
        "Child in Need Team",
        "manager of another team",
    ),
    Persona(
        "service_manager",
        "helen.brooks@riverside.example",
        "Helen Brooks",
        "Riverside Borough Council",
        Role.MANAGER,
        None,
        "service manager: the next manager up, to whom overdue ideas go",
    ),
    Persona(
        "admin",
        "chris.evans@riverside.example",
        "Chris Evans",
        "Riverside Borough Council",
        Role.ORG_ADMIN,
        None,
        "organisation administrator (two-factor)",
    ),
    Persona(
        "other_admin",
        "dana.wright@moorland.example",
        "Dana Wright",
        "Moorland County Council",
        Role.ORG_ADMIN,
        None,
        "administrator of another organisation (two-factor)",
    ),
    Persona(
        "advocate",
        "kemi.adebayo@riverside.example",
        "Kemi Adebayo",
        "Riverside Borough Council",
        Role.ADVOCATE,
        None,
        "advocate: types in reports and feedback given on paper or by phone",
    ),
    Persona(
        "national_analyst",
        "nadia.khan@hub.example",
        "Nadia Khan",
        "Candour National Learning Hub",
        Role.NATIONAL_ANALYST,
        None,
        "national analyst (two-factor)",
    ),
]

# A few more staff so that team sizes look like a real service.
EXTRA_STAFF: list[tuple[str, str, str]] = [
    ("Amira Hassan", "Assessment Team 1", "Riverside Borough Council"),
    ("Ben Walsh", "Assessment Team 1", "Riverside Borough Council"),
    ("Chloe Nowak", "Assessment Team 2", "Riverside Borough Council"),
    ("Dev Malhotra", "Assessment Team 2", "Riverside Borough Council"),
    ("Erin Byrne", "Children in Care Team", "Riverside Borough Council"),
    ("Femi Adeyemi", "Multi-Agency Safeguarding Hub", "Riverside Borough Council"),
    ("Gita Rao", "Family Support North", "Moorland County Council"),
    ("Harry Lowe", "Family Support South", "Moorland County Council"),
]


def demo_loaded() -> bool:
    return Organisation.objects.filter(name=ORGANISATIONS[0][0]).exists()


@transaction.atomic
def load_demo_data() -> bool:
    """Create the demo world once; return False when it was already there."""
    if demo_loaded():
        return False
    organisations: dict[str, Organisation] = {}
    teams: dict[tuple[str, str], Team] = {}
    for name, kind, code in ORGANISATIONS:
        organisations[name] = create_organisation(actor=None, name=name, kind=kind, code=code)
        for team_name in TEAMS[name]:
            teams[(name, team_name)] = create_team(
                actor=None, organisation=organisations[name], name=team_name
            )
    for persona in PERSONAS:
        _person(
            persona.email,
            persona.full_name,
            organisations[persona.organisation],
            persona.role,
            teams.get((persona.organisation, persona.team or "")),
        )
    for full_name, team_name, org_name in EXTRA_STAFF:
        email = full_name.lower().replace(" ", ".") + "@" + org_name.split()[0].lower() + ".example"
        _person(email, full_name, organisations[org_name], Role.STAFF, teams[(org_name, team_name)])
    # Reports go through the real services, so the demo shows de-identification at work.
    from candour.demo import reporting as reporting_demo

    riverside = organisations[ORGANISATIONS[0][0]]
    riverside_teams = {name: team for (org, name), team in teams.items() if org == riverside.name}
    reporting_demo.load(
        riverside,
        riverside_teams,
        User.objects.get(email="alex.morgan@riverside.example"),
    )
    from candour.demo import learning as learning_demo

    analyst = User.objects.get(email="alex.morgan@riverside.example")
    learning_demo.load(riverside, analyst)
    learning_demo.load_lessons(riverside, analyst)
    learning_demo.load_alerts(
        riverside,
        analyst,
        User.objects.get(email="chris.evans@riverside.example"),
        User.objects.get(email="priya.shah@riverside.example"),
    )
    moorland = organisations[ORGANISATIONS[1][0]]
    learning_demo.load_history(
        {
            riverside: (riverside_teams, analyst, 110),
            moorland: (
                {name: team for (org, name), team in teams.items() if org == moorland.name},
                learning_demo.moorland_analyst(moorland),
                40,
            ),
        }
    )
    # After the history, so the open lessons draw on its reports and confirmed themes.
    learning_demo.load_open_library(riverside, analyst)
    from candour.demo import ideas as ideas_demo
    from candour.ideas.services import escalate_ideas
    from candour.learning.similar.store import build_index

    ideas_demo.load(riverside, riverside_teams)
    escalate_ideas()
    from candour.demo import voice as voice_demo

    voice_demo.load(
        riverside,
        riverside_teams,
        User.objects.get(email="chris.evans@riverside.example"),
        User.objects.get(email="priya.shah@riverside.example"),
    )
    # A theme linked to the feedback theme about the same thing, after the feedback's themes.
    learning_demo.link_feedback_themes(riverside, analyst)
    # The idea raised from children's feedback, after the feedback it comes from (issue 23).
    ideas_demo.load_from_feedback(riverside, riverside_teams)
    from candour.demo import assisted as assisted_demo

    assisted_demo.load(riverside, User.objects.get(email="kemi.adebayo@riverside.example"))
    from candour.demo import workforce as workforce_demo
    from candour.workforce.early_warning.services import assess

    workforce_demo.load(
        riverside, riverside_teams, User.objects.get(email="chris.evans@riverside.example")
    )
    assess(riverside)
    from candour.demo import surveys as surveys_demo

    surveys_demo.load(riverside, User.objects.get(email="chris.evans@riverside.example"))
    from candour.demo import sharing as sharing_demo

    sharing_demo.load()
    from candour.demo import sharing_cpis

    sharing_cpis.load()
    from candour.learning.coding.services import train_suggester
    from candour.learning.coding.training import organisations_to_train

    for organisation in organisations_to_train():
        train_suggester(organisation)
    build_index()
    from candour.demo import sign_in as sign_in_demo

    sign_in_demo.load(riverside, User.objects.get(email="chris.evans@riverside.example"))

    from candour.demo import subscriptions as subscriptions_demo

    subscriptions_demo.load(
        staff=User.objects.get(email="sam.patel@riverside.example"),
        analyst=analyst,
        manager=User.objects.get(email="priya.shah@riverside.example"),
        team=riverside_teams["Assessment Team 1"],
        base_url="http://127.0.0.1:8000",
    )

    from candour.demo import languages as languages_demo

    languages_demo.load_welsh_council(DEMO_PASSWORD)
    languages_demo.load_arabic_family(languages_demo.riverside_family_link())
    from candour.demo import home as home_demo

    home_demo.load()
    record(AuditEventType.DEMO_DATA_LOADED, actor_id=None)
    return True


def _person(
    email: str, full_name: str, organisation: Organisation, role: Role, team: Team | None
) -> User:
    user = create_user(
        actor=None,
        organisation=organisation,
        email=email,
        full_name=full_name,
        password=DEMO_PASSWORD,
    )
    grant_role(actor=None, user=user, organisation=organisation, role=role, team=team)
    return user
