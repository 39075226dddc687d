"""Helpers for the sharing tests: a setting, a flag, and test NHS numbers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import Organisation, OrganisationKind
from candour.core.services import create_organisation, create_team
from candour.lib.nhs_number import numbers_for_trials
from candour.sharing import services
from candour.sharing.models import ChildFlag, SharingSetting
from conftest import World, make_person

NUMBERS = numbers_for_trials(count=10)
CHILD = NUMBERS[0]


@dataclass
class Hospital:
    organisation: Organisation
    setting: SharingSetting
    nurse: User
    key: str


@pytest.fixture
def hospital(world: World) -> Hospital:
    organisation = create_organisation(
        actor=None, name="Riverside Hospital", kind=OrganisationKind.PARTNER_AGENCY
    )
    team = create_team(actor=None, organisation=organisation, name="Emergency Department")
    nurse = make_person("nurse@hospital.example", organisation, Role.STAFF, team)
    lead = make_person("lead@hospital.example", organisation, Role.MANAGER, team)
    setting = services.register_setting(actor=None, organisation=organisation)
    key = services.create_setting_key(actor=lead, setting=setting, name="ED system").value
    return Hospital(organisation, setting, nurse, key)


def flag(
    world: World,
    number: str = CHILD,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    email: str = "cp.team@riverside.example",
) -> ChildFlag:
    today = timezone.localdate()
    return services.record_flag(
        actor=world.manager,
        organisation=world.riverside,
        draft=services.FlagDraft(
            nhs_number=number,
            plan_type="child_protection_plan",
            start_date=start or today - dt.timedelta(days=30),
            end_date=end,
            team_name="Assessment",
            team_phone="01632 960000",
            team_email=email,
        ),
    )


def unborn_flag(world: World, mother: str = NUMBERS[3], *, due_in_days: int = 60) -> ChildFlag:
    """An unborn child's plan, on the expectant mother's NHS number."""
    today = timezone.localdate()
    return services.record_flag(
        actor=world.manager,
        organisation=world.riverside,
        draft=services.FlagDraft(
            nhs_number=mother,
            plan_type="unborn_child_protection_plan",
            start_date=today - dt.timedelta(days=20),
            end_date=None,
            team_name="Assessment",
            team_phone="01632 960000",
            out_of_hours_phone="01632 960999",
            expected_due_date=today + dt.timedelta(days=due_in_days),
        ),
    )


def another_setting(name: str = "Moorland Minor Injuries Unit") -> tuple[SharingSetting, User]:
    """A second unscheduled-care setting, with a nurse."""
    organisation = create_organisation(actor=None, name=name, kind=OrganisationKind.PARTNER_AGENCY)
    team = create_team(actor=None, organisation=organisation, name="Triage")
    nurse = make_person(f"nurse@{name.split()[0].lower()}.example", organisation, Role.STAFF, team)
    return services.register_setting(actor=None, organisation=organisation), nurse
