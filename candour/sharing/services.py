"""Writes for information sharing: flags, settings, keys, and lookups (ADR 0017).

The NHS number never leaves these functions except into the flag row: audit data,
notifications and emails name the flag by its reference.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core import throttle
from candour.core.models import Organisation, OrganisationKind, Team, Throttle
from candour.lib import nhs_number, tabular
from candour.notifications.outbox import queue_email
from candour.notifications.services import notify
from candour.sharing import contact
from candour.sharing.csv_schema import FLAGS, NhsNumberStatus, withheld_problems
from candour.sharing.keys import hashes
from candour.sharing.models import (
    Attendance,
    ChildFlag,
    Lookup,
    OdsCode,
    SettingKey,
    SharingSetting,
    SupersededNumber,
)
from candour.sharing.querysets import flag_keeper_organisation_ids, lookup_organisation_ids
from candour.sharing.vocabulary import LookupReason, PlanType, Refusal

LOOKUPS_PER_MINUTE = 30
LOOKUP_WINDOW = timedelta(minutes=1)
REQUESTED_BY_MAX = 100
REHASH_BATCH = 500
ODS_CODE = re.compile(r"[A-Z0-9]{3,12}")


class LookupRateLimitedError(Exception):
    """Too many lookups in the last minute by this person or key."""


@dataclass(frozen=True)
class FlagDraft:
    nhs_number: str
    plan_type: str
    start_date: dt.date
    end_date: dt.date | None
    team_name: str
    team_phone: str
    team_email: str = ""
    out_of_hours_phone: str = ""
    expected_due_date: dt.date | None = None
    nhs_number_inactive: bool = False


def flag_draft(row: tabular.Row) -> FlagDraft:
    """One checked row of a flags file (an import or the daily full file) as a draft."""
    return FlagDraft(
        nhs_number=row.text("nhs_number"),
        plan_type=row.text("plan_type"),
        start_date=row.date("start_date"),
        end_date=row.optional_date("end_date"),
        team_name=row.text("team_name"),
        team_phone=row.text("team_phone"),
        team_email=row.optional_text("team_email") or "",
        out_of_hours_phone=row.optional_text("out_of_hours_phone") or "",
        expected_due_date=row.optional_date("expected_due_date"),
        nhs_number_inactive=row.optional_text("nhs_number_status") == NhsNumberStatus.INACTIVE,
    )


# What CP-IS shows a clinician beyond current plans (ADR 0025): plans ended in the last
# year, and the child's unscheduled-care attendances elsewhere in that year, at most 25.
ANSWER_LOOKBACK = timedelta(days=365)
EARLIER_ATTENDANCES_SHOWN = 25


@dataclass(frozen=True)
class Plan:
    """One flag as a setting sees it: its type, dates and the team to contact."""

    plan_type: str
    start_date: dt.date
    team_name: str
    team_phone: str
    team_email: str
    out_of_hours_phone: str = ""
    end_date: dt.date | None = None
    expected_due_date: dt.date | None = None
    ended: bool = False
    authority: str = ""  # the flagging local authority's name
    authority_ods: str = ""  # and its ODS code, when known (for FHIR references)

    @property
    def plan_type_label(self) -> str:
        return str(PlanType(self.plan_type).label)

    @property
    def unborn(self) -> bool:
        return self.plan_type == PlanType.UNBORN_CHILD_PROTECTION


@dataclass(frozen=True)
class EarlierAttendance:
    """The child was looked up by another unscheduled-care setting on this day."""

    attended_on: dt.date
    setting_name: str
    setting_ods: str = ""


@dataclass(frozen=True)
class Answer:
    """The whole answer a setting gets: nothing else about the child is shared. Every
    current flag answers (two local authorities may both flag a child), newest first;
    plans ended in the last year are shown marked ended, and the child's attendances in
    other settings in the last year, most recent first."""

    plans: tuple[Plan, ...] = ()
    ended_plans: tuple[Plan, ...] = ()
    attendances: tuple[EarlierAttendance, ...] = ()
    # Found under an NHS number the Spine has since superseded: check the current one.
    superseded_number: bool = False
    # Found under a number the authority's file marks inactive on the Spine.
    inactive_number: bool = False

    @property
    def found(self) -> bool:
        return bool(self.plans)

    @property
    def looked_after(self) -> bool:
        return any(plan.plan_type == PlanType.LOOKED_AFTER for plan in self.plans)


@dataclass(frozen=True)
class IssuedKey:
    key: SettingKey
    value: str  # shown once, never stored or logged


def may_keep_flags(user: User, organisation: Organisation) -> bool:
    return (
        user.is_active
        and organisation.kind == OrganisationKind.LOCAL_AUTHORITY
        and organisation.pk in flag_keeper_organisation_ids(user)
    )


def _checked(draft: FlagDraft) -> FlagDraft:
    errors: dict[str, str] = {}
    number = ""
    try:
        number = nhs_number.check(draft.nhs_number)
    except nhs_number.InvalidNhsNumberError as error:
        errors["nhs_number"] = str(error)
    if draft.plan_type not in PlanType.values:
        errors["plan_type"] = _("Choose the plan type")
    if draft.end_date is not None and draft.end_date < draft.start_date:
        errors["end_date"] = _("The end date must be on or after the start date")
    if draft.plan_type == PlanType.UNBORN_CHILD_PROTECTION and draft.expected_due_date is None:
        errors["expected_due_date"] = _("Enter the expected due date of the unborn child")
    elif draft.plan_type != PlanType.UNBORN_CHILD_PROTECTION and draft.expected_due_date:
        errors["expected_due_date"] = _("Only an unborn child's plan has an expected due date")
    if not draft.team_name.strip():
        errors["team_name"] = _("Enter the name of the child's social care team")
    phone = ""
    try:
        phone = contact.check_phone(draft.team_phone)
    except contact.InvalidPhoneError as error:
        errors["team_phone"] = str(error)
    out_of_hours = ""
    if draft.out_of_hours_phone.strip():
        try:
            out_of_hours = contact.check_phone(draft.out_of_hours_phone)
        except contact.InvalidPhoneError:
            errors["out_of_hours_phone"] = _(
                "Enter the out-of-hours number using digits, like 01632 960999"
            )
    if draft.team_email.strip():
        try:
            validate_email(draft.team_email.strip())
        except ValidationError:
            errors["team_email"] = _(
                "Enter the team's email address in the right form, like duty@council.gov.uk"
            )
    if errors:
        raise ValidationError(errors)
    return FlagDraft(
        nhs_number=number,
        plan_type=draft.plan_type,
        start_date=draft.start_date,
        end_date=draft.end_date,
        team_name=draft.team_name.strip(),
        team_phone=phone,
        team_email=draft.team_email.strip(),
        out_of_hours_phone=out_of_hours,
        expected_due_date=draft.expected_due_date,
        nhs_number_inactive=draft.nhs_number_inactive,
    )


def _new_flag(actor: User, organisation: Organisation, draft: FlagDraft) -> ChildFlag:
    return ChildFlag(
        organisation=organisation,
        nhs_number=draft.nhs_number,
        nhs_digest=hashes.nhs_digest(draft.nhs_number),
        plan_type=draft.plan_type,
        start_date=draft.start_date,
        end_date=draft.end_date,
        team_name=draft.team_name,
        team_phone=draft.team_phone,
        team_email=draft.team_email,
        out_of_hours_phone=draft.out_of_hours_phone,
        expected_due_date=draft.expected_due_date,
        nhs_number_inactive=draft.nhs_number_inactive,
        recorded_by=actor,
    )


@transaction.atomic
def record_flag(*, actor: User, organisation: Organisation, draft: FlagDraft) -> ChildFlag:
    """Record that a child is on a plan or looked after."""
    if not may_keep_flags(actor, organisation):
        raise PermissionDenied
    flag = _new_flag(actor, organisation, _checked(draft))
    flag.save()
    record(
        AuditEventType.SHARING_FLAG_RECORDED,
        actor_id=actor.pk,
        organisation=organisation,
        target=flag,
        data={"plan_type": flag.plan_type},
    )
    return flag


@transaction.atomic
def end_flag(*, actor: User, flag: ChildFlag, end_date: dt.date | None = None) -> ChildFlag:
    """End a plan on a date (today by default); it answers lookups up to that day."""
    if not may_keep_flags(actor, flag.organisation):
        raise PermissionDenied
    end_date = end_date or timezone.localdate()
    if end_date < flag.start_date:
        raise ValidationError({"end_date": _("The end date must be on or after the start date")})
    flag.end_date = end_date
    flag.ended_by = actor
    flag.ended_at = timezone.now()
    flag.save(update_fields=["end_date", "ended_by", "ended_at"])
    record(
        AuditEventType.SHARING_FLAG_ENDED,
        actor_id=actor.pk,
        organisation=flag.organisation,
        target=flag,
        data={"end_date": end_date.isoformat()},
    )
    return flag


@transaction.atomic
def record_birth(
    *, actor: User, flag: ChildFlag, baby_nhs_number: str, born_on: dt.date
) -> ChildFlag:
    """Move an unborn child's plan from the mother's NHS number to the baby's: the unborn
    flag ends on the birth and points to a child protection flag on the baby's number."""
    if not may_keep_flags(actor, flag.organisation):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if flag.plan_type != PlanType.UNBORN_CHILD_PROTECTION:
        errors["baby_nhs_number"] = _("Only an unborn child's plan moves to the baby")
    elif flag.moved_to_id is not None:
        errors["baby_nhs_number"] = _("This plan has already moved to the baby's NHS number")
    number = ""
    try:
        number = nhs_number.check(baby_nhs_number)
    except nhs_number.InvalidNhsNumberError as error:
        errors.setdefault("baby_nhs_number", str(error))
    if number and number == flag.nhs_number:
        errors["baby_nhs_number"] = _("Enter the baby's own NHS number, not the mother's")
    if born_on < flag.start_date:
        errors["born_on"] = _("The birth must be on or after the plan's start date")
    elif born_on > timezone.localdate():
        errors["born_on"] = _("The date of birth cannot be in the future")
    if errors:
        raise ValidationError(errors)
    baby = _new_flag(
        actor,
        flag.organisation,
        FlagDraft(
            nhs_number=number,
            plan_type=PlanType.CHILD_PROTECTION,
            start_date=born_on,
            end_date=None,
            team_name=flag.team_name,
            team_phone=flag.team_phone,
            team_email=flag.team_email,
            out_of_hours_phone=flag.out_of_hours_phone,
        ),
    )
    baby.save()
    flag.moved_to = baby
    flag.end_date = born_on
    flag.ended_by = actor
    flag.ended_at = timezone.now()
    flag.save(update_fields=["moved_to", "end_date", "ended_by", "ended_at"])
    record(
        AuditEventType.SHARING_FLAG_MOVED_AT_BIRTH,
        actor_id=actor.pk,
        organisation=flag.organisation,
        target=flag,
        data={"baby_flag": baby.pk, "born_on": born_on.isoformat()},
    )
    return baby


@transaction.atomic
def set_ods_code(*, actor: User | None, organisation: Organisation, code: str) -> None:
    """Record an organisation's ODS code, used in FHIR answers (blank removes it)."""
    if actor is not None and not may_register_settings(actor):
        raise PermissionDenied
    code = code.strip().upper()
    if code and not ODS_CODE.fullmatch(code):
        raise ValidationError({"ods_code": _("Enter an ODS code of 3 to 12 letters and digits")})
    if OdsCode.objects.filter(code=code).exclude(organisation=organisation).exists():
        raise ValidationError({"ods_code": _("Another organisation has this ODS code")})
    if code:
        OdsCode.objects.update_or_create(organisation=organisation, defaults={"code": code})
    else:
        OdsCode.objects.filter(organisation=organisation).delete()
    record(
        AuditEventType.SHARING_ODS_CODE_SET,
        actor_id=actor.pk if actor else None,
        organisation=organisation,
        data={"ods_code": code},
    )


@dataclass(frozen=True)
class FlagImport:
    flags: int
    problems: tuple[tabular.Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


@transaction.atomic
def import_flags(*, actor: User, organisation: Organisation, data: bytes | str) -> FlagImport:
    """Import a CSV of flags whole, or nothing with every problem by line."""
    if not may_keep_flags(actor, organisation):
        raise PermissionDenied
    parsed = tabular.read_csv(data, FLAGS)
    if not parsed.ok:
        return FlagImport(flags=0, problems=withheld_problems(parsed))
    flags = [_new_flag(actor, organisation, flag_draft(row)) for row in parsed.rows]
    ChildFlag.objects.bulk_create(flags)
    record(
        AuditEventType.SHARING_FLAGS_IMPORTED,
        actor_id=actor.pk,
        organisation=organisation,
        data={"flags": len(flags)},
    )
    return FlagImport(flags=len(flags), problems=())


@transaction.atomic
def register_setting(
    *, actor: User | None, organisation: Organisation, active: bool = True
) -> SharingSetting:
    """Register an organisation as an unscheduled-care setting that may look flags up
    (or stop it: an inactive setting's people and keys are refused)."""
    if organisation.kind == OrganisationKind.NATIONAL_HUB:
        raise ValidationError(_("The national hub cannot look children up"))
    setting, _created = SharingSetting.objects.update_or_create(
        organisation=organisation,
        defaults={"active": active, "registered_by": actor, "registered_at": timezone.now()},
    )
    record(
        AuditEventType.SHARING_SETTING_CHANGED,
        actor_id=actor.pk if actor else None,
        organisation=organisation,
        target=setting,
        data={"active": active},
    )
    return setting


def may_register_settings(user: User) -> bool:
    """Settings are registered by the national hub's administrators, never by themselves."""
    hubs = Organisation.objects.filter(kind=OrganisationKind.NATIONAL_HUB).values_list(
        "pk", flat=True
    )
    return user.is_active and bool(user.organisation_ids_with_role(Role.ORG_ADMIN) & set(hubs))


@transaction.atomic
def revoke_setting_key(*, actor: User, key: SettingKey) -> SettingKey:
    if not may_manage_keys(actor, key.setting):
        raise PermissionDenied
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        record(
            AuditEventType.SHARING_KEY_REVOKED,
            actor_id=actor.pk,
            organisation=key.setting.organisation,
            target=key,
            data={"prefix": key.prefix},
        )
    return key


def may_manage_keys(user: User, setting: SharingSetting) -> bool:
    organisations = user.organisation_ids_with_role(Role.MANAGER) | (
        user.organisation_ids_with_role(Role.ORG_ADMIN)
    )
    return user.is_active and setting.active and setting.organisation_id in organisations


@transaction.atomic
def create_setting_key(*, actor: User, setting: SharingSetting, name: str) -> IssuedKey:
    """Issue an API key for a setting's systems; the caller shows it once."""
    if not may_manage_keys(actor, setting):
        raise PermissionDenied
    name = " ".join(name.split())[:100]
    if not name:
        raise ValidationError({"name": _("Enter a name for the key")})
    parts = hashes.new_key()
    while SettingKey.objects.filter(prefix=parts.prefix).exists():
        parts = hashes.new_key()
    key = SettingKey.objects.create(
        setting=setting,
        name=name,
        prefix=parts.prefix,
        digest=hashes.key_digest(parts.value),
        created_by=actor,
    )
    record(
        AuditEventType.SHARING_KEY_CREATED,
        actor_id=actor.pk,
        organisation=setting.organisation,
        target=key,
        data={"prefix": key.prefix},
    )
    return IssuedKey(key=key, value=parts.value)


class _KeyCheck(NamedTuple):
    key: SettingKey | None
    refusal: Refusal | None
    prefix: str | None


def _check_key(value: str) -> _KeyCheck:
    parts = hashes.parse(value)
    if parts is None:
        return _KeyCheck(None, Refusal.WRONG_KEY, None)
    key = (
        SettingKey.objects.filter(prefix=parts.prefix)
        .select_related("setting__organisation")
        .first()
    )
    if key is None or not hashes.key_matches(parts.value, key.digest):
        return _KeyCheck(None, Refusal.WRONG_KEY, parts.prefix)
    if key.revoked_at is not None:
        return _KeyCheck(key, Refusal.REVOKED_KEY, key.prefix)
    if not key.setting.active:
        return _KeyCheck(key, Refusal.INACTIVE_SETTING, key.prefix)
    return _KeyCheck(key, None, key.prefix)


def setting_for_key(value: str) -> SettingKey | None:
    """The active key of an active setting that the value proves, or None."""
    checked = _check_key(value)
    return checked.key if checked.refusal is None else None


# Refused keys are audited in aggregate: the first refusal from a client (for a proven
# key, per key) in each window gets a row, later ones are counted and the count goes in
# that group's next row. A row per refusal let anyone grow the trail without limit, and
# a wrong key's prefix is whatever was sent, so it cannot be the group.
REFUSED_KEY_WINDOW = timedelta(minutes=15)
REFUSED_KEY_ROWS_PER_WINDOW = 100  # across every client: bounds a guesser with many addresses
_REFUSED_ALL = "sharing-refused-key:all"


def _refusal_group(checked: _KeyCheck, client: str) -> str:
    proven = checked.key.prefix if checked.key else "-"
    digest = hashlib.sha256(f"{checked.refusal}|{proven}|{client}".encode()).hexdigest()
    return f"sharing-refused-key:{digest[:40]}"


@transaction.atomic
def _refusals_to_report(group: str) -> int | None:
    """None: count this refusal only. Otherwise audit it, with the number of refusals
    counted without a row since this group's last row."""
    now = timezone.now()
    bucket, created = Throttle.objects.select_for_update().get_or_create(
        key=group, defaults={"window_started_at": now}
    )
    if not created and now - bucket.window_started_at < REFUSED_KEY_WINDOW:
        bucket.count += 1
        bucket.save(update_fields=["count"])
        return None
    if not throttle.hit(_REFUSED_ALL, limit=REFUSED_KEY_ROWS_PER_WINDOW, window=REFUSED_KEY_WINDOW):
        bucket.count += 1
        bucket.save(update_fields=["count"])
        return None
    earlier = 0 if created else bucket.count
    bucket.window_started_at = now
    bucket.count = 0
    bucket.save(update_fields=["window_started_at", "count"])
    return earlier


def authenticate_setting_key(value: str, *, client: str = "") -> SettingKey | None:
    """Like `setting_for_key`, but a refused key is audited with why (wrong, revoked, or
    its setting no longer registered), in aggregate per client (see above)."""
    checked = _check_key(value)
    if checked.refusal is None:
        return checked.key
    earlier = _refusals_to_report(_refusal_group(checked, client))
    if earlier is None:
        return None
    # Only a proven key names its setting: a wrong key's prefix is whatever was sent.
    record_refused_lookup(
        refusal=checked.refusal,
        setting=checked.key.setting if checked.key else None,
        key=checked.key,
        claimed_prefix=checked.prefix,
        earlier_attempts=earlier,
    )
    return None


@transaction.atomic
def record_refused_lookup(
    *,
    refusal: Refusal,
    setting: SharingSetting | None = None,
    user: User | None = None,
    key: SettingKey | None = None,
    claimed_prefix: str | None = None,
    requested_by: str = "",
    reason: str = "",
    fields: tuple[str, ...] = (),
    earlier_attempts: int = 0,
) -> Lookup | None:
    """Record and audit a refused lookup with who asked and why: never the NHS number or
    its digest. A refusal within a known setting is also one of its lookups.
    ``earlier_attempts``: like refusals counted, not recorded, since the last such row."""
    lookup = None
    requested_by = requested_by[:REQUESTED_BY_MAX]
    if setting is not None:
        lookup = Lookup.objects.create(
            setting=setting,
            asked_by=user,
            key=key,
            requested_by=requested_by,
            reason=reason if reason in LookupReason.values else "",
            found=False,
            refusal=refusal,
        )
    record(
        AuditEventType.SHARING_LOOKUP,
        actor_id=user.pk if user else None,
        organisation=setting.organisation if setting else None,
        target=lookup,
        data={
            "refused": refusal.value,
            "setting": setting.pk if setting else None,
            "key": key.prefix if key else claimed_prefix,
            "requested_by": hashes.requester_digest(requested_by),
            "reason": reason if reason in LookupReason.values else None,
            "fields": list(fields),
            **({"earlier_attempts": earlier_attempts} if earlier_attempts else {}),
        },
    )
    return lookup


def look_up(
    *,
    setting: SharingSetting | None,
    nhs: str,
    reason: str,
    reason_other: str = "",
    requested_by: str = "",
    user: User | None = None,
    key: SettingKey | None = None,
) -> Answer:
    """Answer "is this child on a plan?" with the minimum, and tell each child's team.

    A key's lookup must name the clinician who asked (`requested_by`). Every refusal is
    audited before it is raised."""
    if (user is None) == (key is None):
        raise ValueError("a lookup is asked by a person or a key, not both")
    requested_by = " ".join(requested_by.split())

    def refuse(refusal: Refusal, fields: tuple[str, ...] = ()) -> None:
        record_refused_lookup(
            refusal=refusal,
            setting=setting,
            user=user,
            key=key,
            requested_by=requested_by,
            reason=reason,
            fields=fields,
        )

    if setting is None:
        refuse(Refusal.NO_SETTING)
        raise PermissionDenied
    if not setting.active:
        refuse(Refusal.INACTIVE_SETTING)
        raise PermissionDenied
    if (key is not None and key.setting_id != setting.pk) or (
        user is not None and setting.organisation_id not in lookup_organisation_ids(user)
    ):
        refuse(Refusal.NO_RIGHTS)
        raise PermissionDenied
    errors: dict[str, str] = {}
    try:
        number = nhs_number.check(nhs)
    except nhs_number.InvalidNhsNumberError as error:
        errors["nhs_number"] = str(error)
    if reason not in LookupReason.values:
        errors["reason"] = _("Choose why you are looking the child up")
    elif reason == LookupReason.OTHER and not reason_other.strip():
        errors["reason_other"] = _("Say why you are looking the child up")
    if key is not None and not requested_by:
        errors["requested_by"] = _("Give the name or staff identifier of the clinician asking")
    elif len(requested_by) > REQUESTED_BY_MAX:
        errors["requested_by"] = _("Give the clinician's name in 100 characters or fewer")
    if errors:
        invalid_number = "nhs_number" in errors
        refuse(
            Refusal.INVALID_NHS_NUMBER if invalid_number else Refusal.INVALID_REQUEST,
            tuple(sorted(errors)),
        )
        raise ValidationError(errors)
    # Counted in its own transaction, so a refused lookup is not undone with the answer.
    bucket = f"sharing-lookup:user:{user.pk}" if user else f"sharing-lookup:key:{key.prefix}"  # type: ignore[union-attr]
    if not throttle.hit(bucket, limit=LOOKUPS_PER_MINUTE, window=LOOKUP_WINDOW):
        refuse(Refusal.RATE_LIMITED)
        raise LookupRateLimitedError
    return _answer(
        setting=setting,
        number=number,
        reason=reason,
        reason_other=reason_other.strip()[:200],
        requested_by=requested_by,
        user=user,
        key=key,
    )


def _plan(flag: ChildFlag, today: dt.date) -> Plan:
    return Plan(
        plan_type=flag.plan_type,
        start_date=flag.start_date,
        team_name=flag.team_name,
        team_phone=flag.team_phone,
        team_email=flag.team_email,
        out_of_hours_phone=flag.out_of_hours_phone,
        end_date=flag.end_date,
        expected_due_date=flag.expected_due_date,
        ended=not flag.is_current(today),
        authority=flag.organisation.name,
        authority_ods=_ods(flag.organisation),
    )


def _ods(organisation: Organisation) -> str:
    try:
        return organisation.sharing_ods_code.code
    except OdsCode.DoesNotExist:
        return ""


def _flags_of_child(number: str) -> tuple[list[ChildFlag], bool]:
    """Every local-authority flag of the child, found by the keyed index of its number or
    of a number the Spine superseded, then compared exactly; and whether only a superseded
    number matched."""
    digests = hashes.nhs_digests(number)
    by_old_number = {
        superseded.flag_id
        for superseded in SupersededNumber.objects.filter(nhs_digest__in=digests)
        if superseded.nhs_number == number
    }
    flags = [
        flag
        for flag in ChildFlag.objects.filter(
            Q(nhs_digest__in=digests) | Q(pk__in=by_old_number),
            organisation__kind="local_authority",
        )
        .select_related("organisation__sharing_ods_code")
        .order_by("-start_date", "-pk")
        if flag.nhs_number == number or flag.pk in by_old_number
    ]
    superseded = bool(flags) and all(flag.nhs_number != number for flag in flags)
    return flags, superseded


def _earlier_attendances(
    flags: list[ChildFlag], setting: SharingSetting, today: dt.date
) -> tuple[EarlierAttendance, ...]:
    """The child's attendances in other settings in the last year, one per lookup (two
    authorities' flags make two rows of one attendance), most recent first."""
    rows = (
        Attendance.objects.filter(flag__in=flags, attended_on__gte=today - ANSWER_LOOKBACK)
        .exclude(setting=setting)
        .select_related("setting__organisation__sharing_ods_code")
        .order_by("-lookup__asked_at", "-lookup_id")
    )
    seen: set[int] = set()
    shown: list[EarlierAttendance] = []
    for attendance in rows.iterator():
        if attendance.lookup_id in seen:
            continue
        seen.add(attendance.lookup_id)
        shown.append(
            EarlierAttendance(
                attended_on=attendance.attended_on,
                setting_name=attendance.setting.organisation.name,
                setting_ods=_ods(attendance.setting.organisation),
            )
        )
        if len(shown) == EARLIER_ATTENDANCES_SHOWN:
            break
    return tuple(shown)


@transaction.atomic
def _answer(
    *,
    setting: SharingSetting,
    number: str,
    reason: str,
    reason_other: str,
    requested_by: str,
    user: User | None,
    key: SettingKey | None,
) -> Answer:
    today = timezone.localdate()
    every_flag, superseded = _flags_of_child(number)
    # A flag moved to the baby's number after birth no longer answers for the mother.
    live = [flag for flag in every_flag if flag.moved_to_id is None]
    current = [flag for flag in live if flag.is_current(today)]
    ended = [
        flag
        for flag in live
        if flag.end_date is not None
        and today - ANSWER_LOOKBACK <= flag.end_date < today
        and flag.start_date <= today
    ]
    earlier = _earlier_attendances(every_flag, setting, today) if current or ended else ()
    inactive = any(f.nhs_number_inactive and f.nhs_number == number for f in current + ended)
    lookup = Lookup.objects.create(
        setting=setting,
        asked_by=user,
        key=key,
        requested_by=requested_by,
        reason=reason,
        reason_other=reason_other if reason == LookupReason.OTHER else "",
        found=bool(current),
    )
    record(
        AuditEventType.SHARING_LOOKUP,
        actor_id=user.pk if user else None,
        organisation=setting.organisation,
        target=lookup,
        data={
            "setting": setting.pk,
            "key": key.prefix if key else None,
            "requested_by": hashes.requester_digest(requested_by),
            "reason": reason,
            "found": bool(current),
            "flags": [flag.pk for flag in current],
            "ended_flags": [flag.pk for flag in ended],
            "inactive_number": inactive,
        },
    )
    # The authority sees every lookup of its children: an attendance for each flag shown,
    # ended ones too; only a current plan's team is told at once.
    for flag in current + ended:
        attendance = Attendance.objects.create(
            flag=flag, setting=setting, lookup=lookup, attended_on=today, reason=reason
        )
        if flag in current:
            _tell_the_team(flag, attendance)
    return Answer(
        plans=tuple(_plan(flag, today) for flag in current),
        ended_plans=tuple(_plan(flag, today) for flag in ended),
        attendances=earlier,
        superseded_number=superseded,
        inactive_number=inactive,
    )


def _managers_to_tell(flag: ChildFlag) -> QuerySet[User]:
    """The managers of the flag's team when its name matches a team of the local authority
    (the child's own team, not every manager); otherwise all its managers."""
    team = Team.objects.filter(
        organisation=flag.organisation, name__iexact=" ".join(flag.team_name.split())
    ).first()
    if team is not None:
        # One filter() call, so that the role and the team are of the same membership.
        of_team = User.objects.filter(
            is_active=True,
            memberships__organisation=flag.organisation,
            memberships__role=Role.MANAGER,
            memberships__revoked_at__isnull=True,
            memberships__team=team,
        ).distinct()
        if of_team.exists():
            return of_team
    return User.objects.filter(
        is_active=True,
        memberships__organisation=flag.organisation,
        memberships__role=Role.MANAGER,
        memberships__revoked_at__isnull=True,
    ).distinct()


def _tell_the_team(flag: ChildFlag, attendance: Attendance) -> None:
    subject = _("A child with flag %(reference)s was looked up") % {"reference": flag.reference}
    body = _(
        "%(setting)s looked up the child with flag %(reference)s on %(date)s "
        "(reason: %(reason)s). Contact the setting if you need to know more."
    ) % {
        "setting": attendance.setting.organisation.name,
        "reference": flag.reference,
        "date": attendance.attended_on.isoformat(),
        "reason": attendance.get_reason_display(),
    }
    url = reverse("sharing:flag", args=[flag.pk])
    about = _("Flag %(reference)s") % {"reference": flag.reference}
    notify(_managers_to_tell(flag), subject=subject, body=body, url=url, about=about)
    if flag.team_email:
        link = f"\n\n{settings.CANDOUR_BASE_URL.rstrip('/')}{url}"
        queue_email([flag.team_email], subject=subject, body=body + link)


@dataclass(frozen=True)
class Rehashed:
    flags: int
    changed: int


@transaction.atomic
def rehash_flags(*, progress: Callable[[int], None] | None = None) -> Rehashed:
    """Recompute every flag's NHS digest under the current SECRET_KEY, after a rotation,
    so the retired key can leave SECRET_KEY_FALLBACKS; audited per local authority."""
    total = changed = 0
    by_organisation: dict[int, int] = {}
    last_pk = 0
    while True:
        batch = list(
            ChildFlag.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .only("pk", "organisation_id", "nhs_number", "nhs_digest")[:REHASH_BATCH]
        )
        if not batch:
            break
        stale = []
        for flag in batch:
            digest = hashes.nhs_digest(flag.nhs_number)
            if flag.nhs_digest != digest:
                flag.nhs_digest = digest
                stale.append(flag)
                by_organisation[flag.organisation_id] = (
                    by_organisation.get(flag.organisation_id, 0) + 1
                )
        ChildFlag.objects.bulk_update(stale, ["nhs_digest"])
        changed += len(stale)
        total += len(batch)
        last_pk = batch[-1].pk
        if progress is not None:
            progress(total)
    for organisation in Organisation.objects.filter(pk__in=by_organisation).order_by("pk"):
        record(
            AuditEventType.SHARING_DIGESTS_REHASHED,
            actor_id=None,
            organisation=organisation,
            data={"rehashed": by_organisation[organisation.pk]},
        )
    return Rehashed(flags=total, changed=changed)
