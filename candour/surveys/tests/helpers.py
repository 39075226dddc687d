"""Building blocks for survey tests: more people in a team, and a full set of answers."""

from __future__ import annotations

from datetime import date

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import Team
from candour.surveys import services
from candour.surveys.items import item_set
from conftest import World, make_person

TODAY = date(2027, 3, 1)
CLOSES = date(2027, 3, 15)


def add_staff(team: Team, count: int, prefix: str = "") -> list[User]:
    slug = prefix or team.name.lower().replace(" ", "")
    return [
        make_person(
            f"{slug}{i}@{team.organisation.slug}.example", team.organisation, Role.STAFF, team
        )
        for i in range(count)
    ]


def full_answers(agree: int = 4, cbi: int = 3, **overrides: object) -> dict[str, str]:
    """Every closed question answered: `agree` on the agree scale, `cbi` on the CBI's."""
    answers = {item.key: str(agree if item.scale == "agree" else cbi) for item in item_set().items}
    answers.update({key: str(value) for key, value in overrides.items()})
    return answers


def open_wave(
    world: World, teams: list[Team] | None = None, **kwargs: object
) -> services.OpenedWave:
    return services.open_wave(
        actor=world.admin,
        organisation=world.riverside,
        title="Spring 2027",
        teams=teams or [world.assessment, world.child_in_need],
        closes_on=CLOSES,
        today=TODAY,
        **kwargs,  # type: ignore[arg-type]
    )


def answer_all(opened: services.OpenedWave, people: list[User], **answers: int) -> None:
    for person in people:
        services.submit_answers(
            token=opened.tokens[person.pk], data=full_answers(**answers), today=TODAY
        )
