"""Demo data for information sharing at parity with CP-IS (issue 21, ADR 0025).

Duty numbers, a looked-after child, an unborn child's plan on the mother's NHS number and
one already moved to the baby at birth, a minor injuries unit whose earlier attendances
the emergency department sees, a daily reconciliation, ODS codes for the FHIR answers,
and a month of lookups with one pattern the access report highlights. Every NHS number is
from the range the NHS keeps for testing. Sign in as `caldicott@riversidehealth.example`
(Caldicott Guardian of the trust and of the minor injuries unit; the demo password, then
two-factor set-up) for the settings' reports. One child's number is marked inactive in the
daily file, so a lookup of it warns the clinician to check the current number.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.accounts.services import grant_role
from candour.core.models import Organisation, OrganisationKind
from candour.core.services import create_organisation, create_team
from candour.demo.core import _person
from candour.lib.nhs_number import numbers_for_trials
from candour.sharing import services
from candour.sharing.models import Attendance, ChildFlag, Lookup, SharingSetting
from candour.sharing.reconciliation.services import reconcile_flags
from candour.sharing.vocabulary import LookupReason, PlanType

COUNCIL = "Riverside Borough Council"
TRUST = "Riverside Community Health NHS Trust"
UNIT = "Moorland Minor Injuries Unit"
MANAGER = "priya.shah@riverside.example"
DUTY = "01632 960 999"

# numbers_for_trials(count=16): 0-3 are the first sharing demo's; these follow them.
LOOKED_AFTER, MOTHER, BORN_MOTHER, BABY, MERGED_OLD, MERGED_NEW = range(4, 10)
CURIOUS = range(10, 16)  # six children one clinician looks up in a month
INACTIVE = 16  # the Spine retired this child's number; no replacement known yet


def _setting(name: str, ods: str, nurse_email: str) -> tuple[SharingSetting, User]:
    organisation = create_organisation(
        actor=None, name=name, kind=OrganisationKind.PARTNER_AGENCY, code=""
    )
    team = create_team(actor=None, organisation=organisation, name="Triage")
    nurse = _person(nurse_email, "Morgan Hale", organisation, Role.STAFF, team)
    services.set_ods_code(actor=None, organisation=organisation, code=ods)
    return services.register_setting(actor=None, organisation=organisation), nurse


def _flag(
    manager: User, council: Organisation, number: str, plan: str, **extra: object
) -> ChildFlag:
    today = timezone.localdate()
    draft = {
        "nhs_number": number,
        "plan_type": plan,
        "start_date": today - timedelta(days=45),
        "end_date": None,
        "team_name": "Assessment Team 1",
        "team_phone": "01632 960 123",
        "team_email": "assessment.team@riverside.example",
        "out_of_hours_phone": DUTY,
        **extra,
    }
    return services.record_flag(
        actor=manager,
        organisation=council,
        draft=services.FlagDraft(**draft),  # type: ignore[arg-type]
    )


def _backdate(lookup_setting: SharingSetting, days_ago: int) -> None:
    """Move the setting's newest lookup (and its attendances) into the past: demo history."""
    lookup = Lookup.objects.filter(setting=lookup_setting).order_by("-pk").first()
    if lookup is None:
        return
    moment = timezone.now() - timedelta(days=days_ago)
    Lookup.objects.filter(pk=lookup.pk).update(asked_at=moment)
    Attendance.objects.filter(lookup=lookup).update(attended_on=moment.date())


def load() -> None:
    """Add the CP-IS parity demo to the sharing demo; once."""
    if Organisation.objects.filter(name=UNIT).exists():
        return
    numbers = numbers_for_trials(count=17)
    council = Organisation.objects.get(name=COUNCIL)
    trust = Organisation.objects.get(name=TRUST)
    manager = User.objects.get(email=MANAGER)
    today = timezone.localdate()
    services.set_ods_code(actor=None, organisation=council, code="DEMOLA01")
    services.set_ods_code(actor=None, organisation=trust, code="DEMOTR01")
    guardian = _person(
        "caldicott@riversidehealth.example", "Sandra Okoye", trust, Role.CALDICOTT_GUARDIAN, None
    )
    trust_setting = SharingSetting.objects.get(organisation=trust)
    unit, unit_nurse = _setting(UNIT, "DEMOMI01", "morgan.hale@moorlandmiu.example")
    grant_role(
        actor=None,
        user=guardian,
        organisation=unit.organisation,
        role=Role.CALDICOTT_GUARDIAN,
    )

    _flag(manager, council, numbers[LOOKED_AFTER], PlanType.LOOKED_AFTER,
          team_name="Children in Care Team")  # fmt: skip
    _flag(manager, council, numbers[MOTHER], PlanType.UNBORN_CHILD_PROTECTION,
          expected_due_date=today + timedelta(days=56))  # fmt: skip
    born = _flag(manager, council, numbers[BORN_MOTHER], PlanType.UNBORN_CHILD_PROTECTION,
                 expected_due_date=today - timedelta(days=5))  # fmt: skip
    services.record_birth(
        actor=manager,
        flag=born,
        baby_nhs_number=numbers[BABY],
        born_on=today - timedelta(days=10),
    )
    for index in CURIOUS:
        _flag(manager, council, numbers[index], PlanType.CHILD_PROTECTION)

    # The council's daily file: keeps what it lists, and moves one child to the number the
    # Spine gave after merging two records (the old number still finds the flag).
    header = (
        "nhs_number,plan_type,start_date,team_name,team_phone,team_email,out_of_hours_phone,"
        "expected_due_date,previous_nhs_number,nhs_number_status\n"
    )
    start = (today - timedelta(days=45)).isoformat()
    _flag(manager, council, numbers[MERGED_OLD], PlanType.CHILD_PROTECTION)
    rows = [
        f"{numbers[MERGED_NEW]},cpp,{start},Assessment Team 1,01632 960 123,"
        f"assessment.team@riverside.example,{DUTY},,{numbers[MERGED_OLD]},",
        f"{numbers[INACTIVE]},cpp,{start},Assessment Team 2,01632 960 124,"
        f"assessment.team@riverside.example,{DUTY},,,inactive",
    ]
    for flag in ChildFlag.objects.filter(organisation=council).exclude(
        nhs_number=numbers[MERGED_OLD]
    ):
        if flag.is_current(today) and flag.moved_to_id is None:
            due = flag.expected_due_date.isoformat() if flag.expected_due_date else ""
            rows.append(
                f"{flag.nhs_number},{flag.plan_type},{flag.start_date.isoformat()},"
                f"{flag.team_name},{flag.team_phone},{flag.team_email},"
                f"{flag.out_of_hours_phone},{due},,"
            )
    reconcile_flags(actor=manager, organisation=council, data=header + "\n".join(rows) + "\n")

    # Attendances at the minor injuries unit over the past months, which the trust's
    # emergency department then sees beside the plan.
    for days_ago in (200, 90, 35, 12):
        services.look_up(
            setting=unit,
            nhs=numbers[1],
            reason=LookupReason.ATTENDING_NOW,
            user=unit_nurse,
        )
        _backdate(unit, days_ago)
    services.look_up(setting=unit, nhs=numbers[MOTHER], reason=LookupReason.ATTENDING_NOW,
                     user=unit_nurse)  # fmt: skip

    # This month at the unit: one clinician looks up six different flagged children, and
    # two lookups are refused; the access report highlights both.
    for index in CURIOUS:
        services.look_up(
            setting=unit, nhs=numbers[index], reason=LookupReason.OTHER,
            reason_other="Checking the list", user=unit_nurse,
        )  # fmt: skip
    for wrong in ("999 000 0019", "12345"):
        with contextlib.suppress(ValidationError):  # refused and recorded, as intended
            services.look_up(
                setting=unit, nhs=wrong, reason=LookupReason.ATTENDING_NOW, user=unit_nurse
            )
    services.look_up(
        setting=trust_setting,
        nhs=numbers[MERGED_OLD],
        reason=LookupReason.SAFEGUARDING_CONCERN,
        user=User.objects.get(email="lee.carter@riversidehealth.example"),
    )
