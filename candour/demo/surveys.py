"""Demo survey data: closed waves a year ago and three months ago, and an open wave now,
for Riverside's teams, answered through the real service with each invitation's own token.

Not called by the demo loader; run `candour shell -c "from candour.surveys import demo;
demo.load_for_riverside()"`, or call `demo.load(organisation, admin)`.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

from django.utils import timezone

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.accounts.services import create_user, grant_role
from candour.core.models import Organisation, Team
from candour.surveys import services
from candour.surveys.items import item_set
from candour.surveys.models import Wave

# Extra people per team so that some teams reach 5 answers and one small team does not.
EXTRA_PEOPLE = {
    "Assessment Team 1": 4,
    "Assessment Team 2": 5,
    "Child in Need Team": 4,
    "Children in Care Team": 2,
}
# How each team tends to answer (1 to 5 on the agree scale): a spread worth looking at.
TEAM_LEANING = {
    "Assessment Team 1": 3.9,
    "Assessment Team 2": 3.1,
    "Child in Need Team": 3.5,
    "Children in Care Team": 2.6,
}
COMMENTS = [
    "Managers saying what they got wrong too.",
    "Time in supervision to talk about the case, not just the deadlines.",
    "Knowing that reports lead to changes, not blame.",
    "Smaller caseloads so there is time to stop and think.",
]


def _people(organisation: Organisation, teams: list[Team]) -> None:
    for team in teams:
        for number in range(EXTRA_PEOPLE.get(team.name, 0)):
            slug = team.name.lower().replace(" ", "-")
            email = f"survey.{slug}.{number + 1}@{organisation.slug}.example"
            if User.objects.filter(email=email).exists():
                continue
            person = create_user(
                actor=None,
                organisation=organisation,
                email=email,
                full_name=f"{team.name} colleague {number + 1}",
                password=None,
            )
            grant_role(
                actor=None, user=person, organisation=organisation, role=Role.STAFF, team=team
            )


def _answers(
    rng: random.Random, leaning: float, extra: list[str], *, comment: bool
) -> dict[str, str]:
    def pick(centre: float) -> str:
        return str(min(5, max(1, round(rng.gauss(centre, 0.9)))))

    data = {}
    for item in item_set().items:
        if item.scale == "agree":
            data[item.key] = pick(6 - leaning if item.reverse else leaning)
        else:
            data[item.key] = pick(6.2 - leaning)
    for key in extra:
        data[key] = pick(leaning)
    if comment:
        data["safer_to_speak_up"] = rng.choice(COMMENTS)
    return data


def _answer(
    opened: services.OpenedWave,
    share: float,
    rng: random.Random,
    on: datetime,
    *,
    shift: float = 0.0,
) -> None:
    invitations = opened.wave.invitations.select_related("team").order_by("pk")
    extra = [item.key for item in services.wave_items(opened.wave)]
    for invitation in invitations:
        if rng.random() > share:
            continue
        services.submit_answers(
            token=opened.tokens[invitation.person_id],
            data=_answers(
                rng,
                TEAM_LEANING.get(invitation.team.name, 3.3) + shift,
                extra,
                comment=rng.random() < 0.3,
            ),
            today=on.date(),
        )


# A year ago Assessment Team 1 answered lower: before its adopted idea about seeing the
# child alone (candour/demo/ideas.py), so the idea's page has survey scores to judge.
YEAR_AGO_SHIFT = -1.0


def load(organisation: Organisation, admin: User) -> list[Wave]:
    """Open, answer and close last quarter's wave; open this one, partly answered."""
    teams = list(
        Team.objects.filter(organisation=organisation, name__in=list(EXTRA_PEOPLE)).order_by("name")
    )
    _people(organisation, teams)
    rng = random.Random(8)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    year_open = today - timedelta(days=380)
    year_ago = services.open_wave(
        actor=admin,
        organisation=organisation,
        title="Safety culture survey: last year",
        teams=teams,
        closes_on=year_open + timedelta(days=21),
        today=year_open,
    )
    _answer(
        year_ago,
        1.0,
        rng,
        datetime.combine(year_open + timedelta(days=3), time(12), tzinfo=UTC),
        shift=YEAR_AGO_SHIFT,
    )
    services.close_wave(
        actor=admin,
        wave=year_ago.wave,
        now=datetime.combine(year_ago.wave.closes_on + timedelta(days=1), time(9), tzinfo=UTC),
    )
    past_open = today - timedelta(days=100)
    past = services.open_wave(
        actor=admin,
        organisation=organisation,
        title="Safety culture survey: last quarter",
        teams=teams,
        closes_on=past_open + timedelta(days=21),
        today=past_open,
    )
    # Everyone answers in the demo's past wave except in the small team, which stays small.
    _answer(past, 1.0, rng, datetime.combine(past_open + timedelta(days=3), time(12), tzinfo=UTC))
    services.close_wave(
        actor=admin,
        wave=past.wave,
        now=datetime.combine(past.wave.closes_on + timedelta(days=1), time(9), tzinfo=UTC),
    )
    current = services.open_wave(
        actor=admin,
        organisation=organisation,
        title="Safety culture survey: this quarter",
        teams=teams,
        closes_on=today + timedelta(days=21),
        extra_questions=["Our team debriefs after a difficult visit."],
        today=today,
    )
    _answer(current, 0.6, rng, datetime.combine(today, time(12), tzinfo=UTC))
    return [year_ago.wave, past.wave, current.wave]


def load_for_riverside() -> list[Wave]:
    organisation = Organisation.objects.get(name="Riverside Borough Council")
    admin = User.objects.get(email="chris.evans@riverside.example")
    return load(organisation, admin)
