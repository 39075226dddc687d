"""The monthly access report for a setting's Caldicott Guardian and for the local authority
(issue 21, ADR 0025): who looked up which child, when, from where, refused ones included;
unusual patterns highlighted; a page and a CSV that cannot run formulas."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from candour.accounts.roles import Role
from candour.core.models import OrganisationKind
from candour.core.services import create_organisation
from candour.sharing import services
from candour.sharing.models import Attendance
from candour.sharing.tests.support import CHILD, NUMBERS, another_setting, flag
from conftest import make_person, signed_in_client
from tests.clock import A_THURSDAY
from tests.query_counts import queries_for

pytestmark = pytest.mark.time_machine(A_THURSDAY, tick=False)

SETTING_REPORT = "/sharing/access-report/setting/"
AUTHORITY_REPORT = "/sharing/access-report/authority/"


def key_lookup(key: str, number: str, clinician: str = "Dr A Patel") -> None:
    Client().post(
        "/api/v1/sharing/lookups",
        {"nhs_number": number, "reason": "attending_now", "requested_by": clinician},
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )


@pytest.fixture
def guardian(hospital):
    return make_person("caldicott@hospital.example", hospital.organisation, Role.CALDICOTT_GUARDIAN)


def test_the_setting_report_lists_every_lookup_refused_ones_too(world, hospital, guardian):
    child = flag(world)
    services.look_up(setting=hospital.setting, nhs=CHILD, reason="admitted", user=hospital.nurse)
    key_lookup(hospital.key, NUMBERS[5], clinician="Dr B Okafor")
    key_lookup(hospital.key, "9990000019", clinician="Dr B Okafor")

    page = signed_in_client(guardian).get(SETTING_REPORT).content.decode()

    assert "Access report for November 2026" in page
    assert "3 lookups" in page
    assert "1 refused" in page
    assert "Nurse" in page
    assert child.reference in page
    assert "Dr B Okafor (key" in page
    assert "Refused: Not a valid NHS number" in page
    assert CHILD not in page


def test_last_months_lookups_are_in_last_months_report(world, hospital, guardian):
    flag(world, start=timezone.localdate() - dt.timedelta(days=90))
    with time_machine.travel(A_THURSDAY - dt.timedelta(days=30), tick=False):
        services.look_up(
            setting=hospital.setting, nhs=CHILD, reason="admitted", user=hospital.nurse
        )

    client = signed_in_client(guardian)

    assert "No lookups this month." in client.get(SETTING_REPORT).content.decode()
    assert "1 lookup" in client.get(SETTING_REPORT + "?month=2026-10").content.decode()


def test_the_authority_sees_every_lookup_of_its_children_from_any_setting(world, hospital):
    child = flag(world)
    unit, unit_nurse = another_setting()
    services.look_up(setting=hospital.setting, nhs=CHILD, reason="admitted", user=hospital.nurse)
    services.look_up(setting=unit, nhs=CHILD, reason="attending_now", user=unit_nurse)
    services.look_up(setting=unit, nhs=NUMBERS[6], reason="attending_now", user=unit_nurse)

    page = signed_in_client(world.manager).get(AUTHORITY_REPORT).content.decode()

    assert "2 lookups" in page
    assert "Riverside Hospital" in page
    assert "Moorland Minor Injuries Unit" in page
    assert page.count(child.reference) == 2
    # Another authority's keepers see none of it.
    elsewhere = signed_in_client(world.other_admin).get(AUTHORITY_REPORT).content.decode()
    assert "No lookups this month." in elsewhere
    assert child.reference not in elsewhere


def test_one_clinician_looking_up_many_children_is_highlighted(world, hospital, guardian):
    for number in NUMBERS[:6]:
        flag(world, number)
    for number in NUMBERS[:6]:
        key_lookup(hospital.key, number, clinician="Dr C Curious")
    key_lookup(hospital.key, NUMBERS[0], clinician="Dr D Usual")

    page = signed_in_client(guardian).get(SETTING_REPORT).content.decode()

    warning = page.split('id="unusual"')[1].split("</div>")[0]
    assert "Dr C Curious" in warning
    assert "found 6 different flagged children" in warning
    assert "Dr D Usual" not in warning
    assert page.count("govuk-tag--orange") == 6


def test_the_csv_has_every_row_and_runs_no_formulas(world, hospital, guardian):
    flag(world)
    key_lookup(hospital.key, CHILD, clinician='=HYPERLINK("https://evil.example")')

    response = signed_in_client(guardian).get(SETTING_REPORT + "?month=2026-11&download=csv")

    assert response["Content-Type"].startswith("text/csv")
    assert "access-report-setting-" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["When", "Setting", "Asked by", "Reason", "Result"]
    assert rows[1][2].startswith("'=HYPERLINK")
    assert rows[1][4] == "Plan found"
    assert CHILD not in response.content.decode()


def test_only_the_settings_caldicott_guardian_sees_its_report(world, hospital, guardian):
    """Least privilege: the report names every clinician who looked a child up, so the
    setting's manager and administrator are refused it; its Caldicott Guardian reads it."""
    assert signed_in_client(guardian).get(SETTING_REPORT).status_code == 200
    lead = hospital.organisation.memberships.get(role=Role.MANAGER).user
    admin = make_person("admin@hospital.example", hospital.organisation, Role.ORG_ADMIN)
    for person in (hospital.nurse, lead, admin):
        response = signed_in_client(person).get(f"{SETTING_REPORT}?setting={hospital.setting.pk}")
        assert response.status_code == 404, person.email
    assert signed_in_client(world.staff).get(AUTHORITY_REPORT).status_code == 404
    other = create_organisation(
        actor=None, name="Elsewhere Trust", kind=OrganisationKind.PARTNER_AGENCY
    )
    stranger = make_person("cg@elsewhere.example", other, Role.CALDICOTT_GUARDIAN)
    assert signed_in_client(stranger).get(SETTING_REPORT).status_code == 404
    response = signed_in_client(stranger).get(f"{SETTING_REPORT}?setting={hospital.setting.pk}")
    assert response.status_code == 404


def test_a_guardian_cannot_look_children_up(world, hospital, guardian):
    """Overseeing lookups is not a licence to make them: the lookup page is not theirs and
    the service refuses a lookup in their name."""
    flag(world)
    client = signed_in_client(guardian)
    assert client.get("/sharing/lookup/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.look_up(setting=hospital.setting, nhs=CHILD, reason="admitted", user=guardian)
    assert not Attendance.objects.exists()


def test_the_guardian_is_taken_to_the_report_and_told_of_unusual_lookups(world, hospital, guardian):
    for number in NUMBERS[:7]:
        flag(world, number)
        services.look_up(
            setting=hospital.setting, nhs=number, reason="admitted", user=hospital.nurse
        )
    client = signed_in_client(guardian)

    assert client.get("/sharing/").headers["Location"] == SETTING_REPORT
    home = client.get("/home/").content.decode()
    assert "Unusual lookups at Riverside Hospital this month" in home
    assert f"{SETTING_REPORT}?setting={hospital.setting.pk}" in home
    assert "7 lookups so far this month" in home


def test_a_local_authoritys_guardian_reads_its_authority_report(world, hospital):
    child = flag(world)
    services.look_up(setting=hospital.setting, nhs=CHILD, reason="admitted", user=hospital.nurse)
    guardian = make_person("cg@riverside.example", world.riverside, Role.CALDICOTT_GUARDIAN)

    page = signed_in_client(guardian).get(AUTHORITY_REPORT).content.decode()

    assert child.reference in page
    assert "Riverside Hospital" in page


def test_the_report_takes_the_same_queries_however_many_lookups(world, hospital, guardian):
    flag(world)
    client = signed_in_client(guardian)
    key_lookup(hospital.key, CHILD)
    few, _page = queries_for(client, SETTING_REPORT)
    for number in NUMBERS[1:8]:
        flag(world, number)
        key_lookup(hospital.key, number, clinician=f"Dr {number}")

    many, page = queries_for(client, SETTING_REPORT)

    assert "8 lookups" in page
    assert many == few
