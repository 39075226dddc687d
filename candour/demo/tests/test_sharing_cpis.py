"""The CP-IS parity demo shows each capability it is there to show (issue 21)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import OrganisationKind
from candour.core.services import create_organisation, create_team
from candour.demo import sharing as sharing_demo
from candour.demo import sharing_cpis as demo
from candour.lib.nhs_number import numbers_for_trials
from candour.sharing import services
from candour.sharing.models import SharingSetting
from candour.sharing.oversight.report import Month, authority_report, setting_report
from conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world() -> None:
    council = create_organisation(
        actor=None, name=demo.COUNCIL, kind=OrganisationKind.LOCAL_AUTHORITY
    )
    trust = create_organisation(actor=None, name=demo.TRUST, kind=OrganisationKind.PARTNER_AGENCY)
    make_person(demo.MANAGER, council, Role.MANAGER, create_team(
        actor=None, organisation=council, name="Assessment Team 1"))  # fmt: skip
    visiting = create_team(actor=None, organisation=trust, name="Health Visiting East")
    make_person(sharing_demo.SETTING_PERSON, trust, Role.STAFF, visiting)
    sharing_demo.load()
    demo.load()


def test_the_demo_shows_what_a_clinician_sees(demo_world: None) -> None:
    numbers = numbers_for_trials(count=16)
    trust = SharingSetting.objects.get(organisation__name=demo.TRUST)
    nurse = User.objects.get(email=sharing_demo.SETTING_PERSON)

    def ask(number: str) -> services.Answer:
        return services.look_up(setting=trust, nhs=number, reason="attending_now", user=nurse)

    looked_after_with_history = ask(numbers[1])
    assert looked_after_with_history.looked_after
    assert len(looked_after_with_history.attendances) == 4
    mother = ask(numbers[demo.MOTHER])
    assert mother.plans[0].expected_due_date is not None
    assert mother.plans[0].out_of_hours_phone == demo.DUTY
    assert ask(numbers[demo.BABY]).found
    assert not ask(numbers[demo.BORN_MOTHER]).found
    assert ask(numbers[demo.MERGED_OLD]).superseded_number
    assert [p.ended for p in ask(numbers[3]).ended_plans] == [True]


def test_the_demo_access_reports_highlight_the_curious_clinician(demo_world: None) -> None:
    month = Month(timezone.localdate().replace(day=1))
    unit = SharingSetting.objects.get(organisation__name=demo.UNIT)

    report = setting_report(unit, month)

    assert report.refused == 2
    assert any("Morgan Hale" in who for who, _what in report.patterns)
    council = SharingSetting.objects.get(organisation__name=demo.TRUST).organisation
    assert council.sharing_ods_code.code == "DEMOTR01"
    authority = authority_report(
        User.objects.get(email=demo.MANAGER).memberships.get().organisation, month
    )
    assert len(authority.rows) >= 8
