from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.urls import reverse

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import Team
from candour.core.services import create_team
from candour.ideas import services
from candour.ideas.measures.figures import (
    errors_avoided_words,
    measures_for,
    time_saved_words,
)
from candour.ideas.models import Idea
from candour.ideas.vocabulary import IdeaStatus
from conftest import World, make_person, signed_in_client

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def submit(author: User, team: Team, *, at: datetime, idea: str = "Share one calendar") -> Idea:
    return services.submit_idea(
        author=author,
        draft=services.IdeaDraft(
            team=team,
            problem_kind="waste",
            problem="We book rooms twice.",
            idea=idea,
            expected_benefit="Less wasted time.",
        ),
        now=at,
    )


def move(
    manager: User,
    idea: Idea,
    status: str,
    *,
    after: float,
    what_changed: str = "",
    reason: str = "",
) -> Idea:
    return services.move_idea(
        actor=manager,
        idea=idea,
        to_status=status,
        what_changed=what_changed,
        reason=reason,
        now=idea.created_at + timedelta(days=after),
    )


@dataclass
class Scene:
    fostering: Team
    assessment_people: list[User]
    cin_staff: User


@pytest.fixture
def scene(world: World) -> Scene:
    """Riverside: Assessment 6 people, Child in Need 2, Fostering 5, plus an analyst and
    an administrator with no team (15 people). Ideas at known times before NOW."""
    riverside = world.riverside
    extra = [
        make_person(f"assessor{n}@riverside.example", riverside, Role.STAFF, world.assessment)
        for n in range(1, 5)
    ]
    cin_staff = make_person(
        "cin.worker@riverside.example", riverside, Role.STAFF, world.child_in_need
    )
    fostering = create_team(actor=None, organisation=riverside, name="Fostering")
    make_person("fostering.manager@riverside.example", riverside, Role.MANAGER, fostering)
    for n in range(1, 5):
        make_person(f"carer{n}@riverside.example", riverside, Role.STAFF, fostering)
    a1, a2, a3, _a4 = extra
    staff, manager = world.staff, world.manager

    # 1: answered after 2 days, adopted after 10.
    one = submit(staff, world.assessment, at=days_ago(100))
    move(manager, one, IdeaStatus.UNDER_REVIEW, after=2)
    move(manager, one, IdeaStatus.ADOPTED, after=10, what_changed="One calendar")
    # 2: adopted outright after 4 days (the first response too).
    two = submit(a1, world.assessment, at=days_ago(80))
    move(manager, two, IdeaStatus.ADOPTED, after=4, what_changed="Shared tray")
    # 3: not adopted after 6 days.
    three = submit(a1, world.assessment, at=days_ago(60))
    move(manager, three, IdeaStatus.NOT_ADOPTED, after=6, reason="Tried last year")
    # 4: under review after 1 day, then silence: stalled.
    four = submit(staff, world.assessment, at=days_ago(50))
    move(manager, four, IdeaStatus.UNDER_REVIEW, after=1)
    # 5: new, not yet due. 6: new and overdue.
    submit(a2, world.assessment, at=days_ago(5))
    submit(a2, world.assessment, at=days_ago(20))
    # 7: adopted, but submitted before the window. 8: stalled since before the window.
    seven = submit(staff, world.assessment, at=days_ago(400))
    move(manager, seven, IdeaStatus.ADOPTED, after=3, what_changed="Old change")
    eight = submit(a3, world.assessment, at=days_ago(500))
    move(manager, eight, IdeaStatus.UNDER_REVIEW, after=1)
    # Child in Need: one idea, adopted after 8 days.
    cin = submit(cin_staff, world.child_in_need, at=days_ago(30))
    move(world.other_manager, cin, IdeaStatus.ADOPTED, after=8, what_changed="Duty rota")
    # Another organisation's ideas never count.
    moorland_staff = make_person(
        "moor.staff@moorland.example", world.moorland, Role.STAFF, world.moorland_team
    )
    submit(moorland_staff, world.moorland_team, at=days_ago(10))
    return Scene(
        fostering=fostering, assessment_people=[staff, manager, *extra], cin_staff=cin_staff
    )


def test_organisation_measures_are_exact(world: World, scene: Scene) -> None:
    whole = measures_for(world.riverside, now=NOW).whole

    assert whole.people == 15
    assert whole.ideas == 7
    assert whole.ideas_per_person == pytest.approx(7 / 15)
    assert whole.shown_ideas_per_person == "0.5"
    assert whole.participation == pytest.approx(4 / 15)
    assert whole.shown_participation == "27%"
    assert (whole.implemented, whole.decided) == (3, 4)
    assert whole.shown_implementation_rate == "75%"
    # First responses after 2, 4, 6, 1 and 8 days; adoptions after 10, 4 and 8.
    assert whole.days_to_first_response == pytest.approx(4)
    assert whole.shown_days_to_first_response == "4 days"
    assert whole.days_to_implementation == pytest.approx(8)
    assert (whole.open, whole.stalled, whole.overdue) == (4, 2, 1)


def test_team_measures_are_exact(world: World, scene: Scene) -> None:
    teams = {t.name: t for t in measures_for(world.riverside, now=NOW).teams}

    assessment = teams["Assessment"]
    assert (assessment.people, assessment.ideas) == (6, 6)
    assert assessment.ideas_per_person == pytest.approx(1)
    assert assessment.participation == pytest.approx(3 / 6)
    assert assessment.shown_participation == "50%"
    assert assessment.implementation_rate == pytest.approx(2 / 3)
    assert assessment.shown_implementation_rate == "67%"
    # Median of 1, 2, 4 and 6 days; of 4 and 10 days.
    assert assessment.days_to_first_response == pytest.approx(3)
    assert assessment.days_to_implementation == pytest.approx(7)
    assert (assessment.open, assessment.stalled, assessment.overdue) == (4, 2, 1)

    cin = teams["Child in Need"]
    assert (cin.people, cin.ideas, cin.implemented, cin.decided) == (2, 1, 1, 1)
    assert cin.shown_ideas_per_person == "0.5"
    assert cin.days_to_first_response == pytest.approx(8)


def test_participation_is_hidden_for_small_teams_and_the_next_smallest(
    world: World, scene: Scene
) -> None:
    teams = {t.name: t for t in measures_for(world.riverside, now=NOW).teams}

    # Two people: participation would say whether one of them never suggests anything.
    assert teams["Child in Need"].participation is None
    assert teams["Child in Need"].authors is None
    assert "fewer than 5 people" in teams["Child in Need"].shown_participation
    # Fostering (5) is hidden too, so the organisation's figure cannot be differenced.
    assert teams["Fostering"].participation is None
    assert "worked out" in teams["Fostering"].shown_participation
    assert teams["Assessment"].participation is not None
    # Counts still show for the small team.
    assert teams["Child in Need"].ideas == 1


def test_a_team_without_ideas_has_no_rates_to_show(world: World, scene: Scene) -> None:
    fostering = next(
        t for t in measures_for(world.riverside, now=NOW).teams if t.name == "Fostering"
    )
    assert fostering.ideas == 0
    assert fostering.shown_implementation_rate == "no decisions yet"
    assert fostering.shown_days_to_first_response == "none yet"


def test_monthly_series_counts_submitted_and_adopted_ideas(world: World, scene: Scene) -> None:
    months = measures_for(world.riverside, now=NOW).months

    assert months[0].month == date(2024, 7, 1)
    assert months[-1].month == date(2025, 6, 1)
    assert len(months) == 12
    by_month = {m.month: (m.submitted, m.implemented) for m in months}
    assert by_month[date(2025, 3, 1)] == (2, 2)
    assert by_month[date(2025, 4, 1)] == (2, 0)
    assert by_month[date(2025, 5, 1)] == (2, 1)
    assert by_month[date(2025, 6, 1)] == (1, 0)
    assert sum(s for s, _i in by_month.values()) == 7
    assert sum(i for _s, i in by_month.values()) == 3


def test_another_organisations_measures_are_its_own(world: World, scene: Scene) -> None:
    moorland = measures_for(world.moorland, now=NOW).whole
    assert moorland.ideas == 1
    assert moorland.people == 2


def test_benefits_read_as_words() -> None:
    assert time_saved_words(120) == "saves about 2 hours a week"
    assert time_saved_words(90) == "saves about 1.5 hours a week"
    assert time_saved_words(60) == "saves about 1 hour a week"
    assert time_saved_words(20) == "saves about 20 minutes a week"
    assert time_saved_words(None) == ""
    assert errors_avoided_words(12) == "avoids about 12 mistakes a year"
    assert errors_avoided_words(1) == "avoids about 1 mistake a year"
    assert errors_avoided_words(0) == ""


def test_managers_analysts_and_administrators_see_measures_with_reference_figures(
    world: World, scene: Scene
) -> None:
    for person in (world.manager, world.analyst, world.admin):
        response = signed_in_client(person).get(reverse("ideas:measures"))
        body = response.content.decode()
        assert response.status_code == 200
        assert "Your organisation" in body
        assert "Typical US programme" in body
        assert "divided by the number of people" in body
        assert "about 48" in body
        assert "under 1 to 3" in body
        assert "95%" in body
        assert "8-13%" in body
        assert "70-96%" in body
        assert "22-35%" in body
        assert "Japanese companies&#x27; average, 1984" in body
        assert "Assessment" in body
        assert "not shown: fewer than 5 people" in body
        assert 'class="candour-chart__svg candour-chart__svg--300"' in body
        assert 'id="months"' in body


def test_staff_and_other_organisations_get_no_measures(world: World, scene: Scene) -> None:
    assert signed_in_client(world.staff).get(reverse("ideas:measures")).status_code == 404
    response = signed_in_client(world.admin).get(
        reverse("ideas:measures"), {"organisation": world.moorland.pk}
    )
    assert response.status_code == 404
    national = signed_in_client(world.national_analyst).get(
        reverse("ideas:measures"), {"organisation": world.riverside.pk}
    )
    assert national.status_code == 404


def test_what_we_changed_shows_teams_benefits_and_thanks_not_names(world: World) -> None:
    author = make_person(
        "wilhelmina.quist@riverside.example", world.riverside, Role.STAFF, world.assessment
    )
    thanker = make_person(
        "bartholomew.grey@riverside.example", world.riverside, Role.MANAGER, world.assessment
    )
    idea = submit(author, world.assessment, at=datetime.now(tz=UTC), idea="One shared diary")
    services.move_idea(
        actor=thanker, idea=idea, to_status=IdeaStatus.ADOPTED, what_changed="One diary for all"
    )
    services.record_impact(
        actor=thanker,
        idea=idea,
        what_changed="One diary for the whole team",
        minutes_saved_per_week=120,
        errors_avoided_per_year=12,
        children_experience="Families are seen on the day promised.",
        cost="Nothing",
    )
    services.thank_team(actor=thanker, idea=idea, note="Thank you, this changed our week")
    second = submit(world.staff, world.child_in_need, at=datetime.now(tz=UTC), idea="Duty rota")
    services.move_idea(
        actor=world.other_manager, idea=second, to_status=IdeaStatus.ADOPTED, what_changed="Rota"
    )
    services.record_impact(
        actor=world.other_manager,
        idea=second,
        what_changed="A rota on the wall",
        minutes_saved_per_week=30,
        errors_avoided_per_year=None,
        children_experience="",
        cost="",
    )
    submit(world.staff, world.assessment, at=datetime.now(tz=UTC), idea="Still being thought about")

    response = signed_in_client(world.staff).get(reverse("ideas:changed"))
    body = response.content.decode()

    assert response.status_code == 200
    assert "One diary for the whole team" in body
    assert "Saves about 2 hours a week; avoids about 12 mistakes a year" in body
    assert "Families are seen on the day promised." in body
    assert "Thank you, this changed our week" in body
    assert "Thanks to Assessment" in body
    assert "Wilhelmina" not in body
    assert "Bartholomew" not in body
    assert "Still being thought about" not in body
    assert body.index("Duty rota") < body.index("One shared diary")  # newest first
    assert 'id="total-adopted">2<' in body
    assert 'id="total-hours">2.5<' in body


def test_ideas_shared_with_us_have_their_own_section(world: World) -> None:
    moorland_staff = make_person(
        "moor.staff@moorland.example", world.moorland, Role.STAFF, world.moorland_team
    )
    moorland_manager = make_person(
        "moor.manager@moorland.example", world.moorland, Role.MANAGER, world.moorland_team
    )
    shared = submit(
        moorland_staff, world.moorland_team, at=datetime.now(tz=UTC), idea="Text reminders"
    )
    services.move_idea(
        actor=moorland_manager, idea=shared, to_status=IdeaStatus.ADOPTED, what_changed="Texts"
    )
    services.share_idea(actor=moorland_manager, idea=shared, organisation=world.riverside)
    kept = submit(
        moorland_staff, world.moorland_team, at=datetime.now(tz=UTC), idea="Moorland only"
    )
    services.move_idea(
        actor=moorland_manager, idea=kept, to_status=IdeaStatus.ADOPTED, what_changed="Kept"
    )

    body = signed_in_client(world.staff).get(reverse("ideas:changed")).content.decode()

    section = body[body.index('id="shared-with-us"') :]
    assert "Text reminders" in section
    assert "Moorland North, Moorland" in section
    assert "Text reminders" not in body[: body.index('id="shared-with-us"')]
    assert "Moorland only" not in body
    assert 'id="total-adopted">0<' in body


def test_measures_take_the_same_few_queries_however_many_ideas(
    world: World, scene: Scene, django_assert_num_queries: Any
) -> None:
    # Teams, memberships, ideas, and adoptions by month.
    with django_assert_num_queries(4):
        measures_for(world.riverside, now=NOW)


def test_the_team_table_sets_each_team_beside_the_reference_figures(
    world: World, scene: Scene
) -> None:
    body = signed_in_client(world.manager).get(reverse("ideas:measures")).content.decode()
    table = body[body.index('id="teams"') : body.index("</table>", body.index('id="teams"'))]
    assert "Assessment" in table
    toyota = table[table.index('id="teams-reference-toyota"') :]
    toyota = toyota[: toyota.index("</tr>")]
    assert "Toyota (reference figure)" in toyota
    for figure in ("about 48", "95%", "70-96%"):
        assert figure in toyota
    assert "no published figure" in toyota  # time to respond: none published
    us = table[table.index('id="teams-reference-us"') :]
    us = us[: us.index("</tr>")]
    for figure in ("Typical US programme (reference figure)", "under 1 to 3", "8-13%", "22-35%"):
        assert figure in us
