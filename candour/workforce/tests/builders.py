"""A small constructed workforce for the health tests, built row by row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from candour.core.models import Organisation, Team
from candour.workforce.models import (
    AbsenceSpell,
    Caseload,
    DemandCount,
    ImportBatch,
    StaffPost,
    Vacancy,
)

TODAY = date(2025, 7, 10)


def batch(organisation: Organisation, kind: str = "staff_in_post") -> ImportBatch:
    return ImportBatch.objects.create(
        organisation=organisation,
        kind=kind,
        filename="test.csv",
        rows=0,
        imported_at=timezone.now(),
    )


def post(team: Team, person: str, fte: str = "1", **fields: Any) -> StaffPost:
    return StaffPost.objects.create(
        organisation=team.organisation,
        team=team,
        team_name=team.name,
        batch=batch(team.organisation),
        person_reference=person,
        role=fields.pop("role", "Social worker"),
        fte=Decimal(fte),
        started_on=fields.pop("started_on", date(2024, 1, 1)),
        **fields,
    )


def spell(team: Team, person: str, starts: date, ends: date, **fields: Any) -> AbsenceSpell:
    return AbsenceSpell.objects.create(
        organisation=team.organisation,
        team=team,
        team_name=team.name,
        batch=batch(team.organisation, "absence_spells"),
        person_reference=person,
        starts_on=starts,
        ends_on=ends,
        reason=fields.pop("reason", "Cold or flu"),
        **fields,
    )


def assessment_team(team: Team) -> None:
    """Five social workers, one leaver, one agency worker, a vacancy, caseloads, absence.

    June 2025: in post 5.0 FTE; leavers in the 12 months 0.5 FTE (turnover 10%); agency
    1.0 (1/6); vacancy 1.0 (1/6); caseloads 10, 22, 31, 15 (and one with none): 78 cases
    over 4 FTE = 19.5, half above 20, a quarter above 30; absence in June 6 working days
    over 5 FTE x 21 working days. Over the year: A1 one 5-day spell (Bradford 5), A2 three
    one-day spells (27), A3 a 10-day disability-related spell (left out of the Bradford).
    """
    for person in ("A1", "A2", "A3", "A4", "A5"):
        post(team, person)
    post(team, "A6", "0.5", ended_on=date(2025, 3, 31))
    post(team, "AG1", agency=True, started_on=date(2025, 1, 1))
    Vacancy.objects.create(
        organisation=team.organisation,
        team=team,
        team_name=team.name,
        batch=batch(team.organisation, "vacancies"),
        role="Social worker",
        fte=Decimal("1"),
        on_date=date(2025, 6, 15),
    )
    for person, cases in (("A1", 10), ("A2", 22), ("A3", 31), ("A4", 15), ("A5", 0)):
        Caseload.objects.create(
            organisation=team.organisation,
            team=team,
            team_name=team.name,
            batch=batch(team.organisation, "caseloads"),
            person_reference=person,
            on_date=date(2025, 6, 30),
            cases=cases,
        )
    spell(team, "A1", date(2025, 6, 2), date(2025, 6, 6))
    for day in (date(2025, 4, 7), date(2025, 5, 6), date(2025, 6, 9)):
        spell(team, "A2", day, day, reason="Migraine")
    spell(
        team,
        "A3",
        date(2025, 5, 12),
        date(2025, 5, 23),
        reason="Musculoskeletal",
        disability_related=True,
    )


def small_team(team: Team) -> None:
    """Two people: too few for absence figures."""
    post(team, "C1")
    post(team, "C2")
    spell(team, "C1", date(2025, 6, 2), date(2025, 6, 3))


def monthly_demand(
    organisation: Organisation,
    counts: list[int],
    start: date = date(2022, 1, 1),
    team: Team | None = None,
) -> None:
    year, month = start.year, start.month
    source = batch(organisation, "demand")
    for count in counts:
        DemandCount.objects.create(
            organisation=organisation,
            batch=source,
            team=team,
            team_name=team.name if team else "",
            period_start=date(year, month, 1),
            period_type="month",
            measure="referrals",
            count=count,
        )
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)


def third_team(organisation: Organisation, name: str = "Fostering") -> Team:
    """Five people with no absence. With one team under 5 the smallest team shown is
    withheld as well (complementary suppression); a test reading a bigger team's absence
    detail adds this team to be the one withheld."""
    team = Team.objects.create(organisation=organisation, name=name)
    for number in range(1, 6):
        post(team, f"F{number}", started_on=date(2022, 1, 1))
    return team
