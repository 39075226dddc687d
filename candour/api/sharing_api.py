"""Child protection information sharing over the API (ADR 0017).

Local authorities keep their flags with a personal token of a manager (administrators
need two-factor sign-in and so cannot hold tokens, ADR 0010). Unscheduled-care settings
look children up with a setting key, which answers only `POST /sharing/lookups`.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import AuthenticationError, HttpError

from candour.api.auth import caller
from candour.api.schemas import NO_NUL, Error
from candour.sharing import services
from candour.sharing.access import flag_organisation, get_flag_for_keeper
from candour.sharing.keys.bearer import SettingKeyBearer
from candour.sharing.models import ChildFlag, SettingKey
from candour.sharing.reconciliation.services import Outcome, reconcile_flags
from candour.sharing.vocabulary import LookupReason, PlanType

router = Router(tags=["information sharing"])

_COMMON = {401: Error, 429: Error}
# A body that cannot be parsed at all (not JSON, not UTF-8): django-ninja's 400.
_BODY = {400: Error}


class FlagOut(Schema):
    id: int
    reference: str = Field(description="How notifications refer to the flag, e.g. CPIS-000012.")
    organisation_id: int
    nhs_number: str = Field(description="The child's NHS number, 10 digits.")
    plan_type: PlanType
    start_date: date
    end_date: date | None
    team_name: str
    team_phone: str
    team_email: str
    out_of_hours_phone: str = Field(description="The duty (out-of-hours) number, or blank.")
    expected_due_date: date | None = Field(description="Unborn plans only.")
    moved_to_id: int | None = Field(
        description="For an unborn plan moved at birth: the baby's flag."
    )
    current: bool = Field(description="Whether the flag answers lookups today.")


class FlagIn(Schema):
    organisation_id: int | None = Field(
        default=None, description="Your local authority's id; by default the first you keep."
    )
    nhs_number: str = Field(
        pattern=NO_NUL, description="10 digits with a valid check digit; spaces allowed."
    )
    plan_type: PlanType
    start_date: date
    end_date: date | None = None
    # The lengths the flag keeps: longer was a server error on PostgreSQL.
    team_name: str = Field(max_length=200, pattern=NO_NUL)
    team_phone: str = Field(max_length=40, pattern=NO_NUL)
    team_email: str = Field(default="", max_length=254, pattern=NO_NUL)
    out_of_hours_phone: str = Field(default="", max_length=40, pattern=NO_NUL)
    expected_due_date: date | None = Field(
        default=None,
        description="Required for an unborn plan, recorded on the expectant mother's NHS number.",
    )


class BirthIn(Schema):
    baby_nhs_number: str = Field(pattern=NO_NUL, description="The baby's NHS number.")
    born_on: date


class OutcomeOut(Schema):
    line: int | None = Field(description="The file's line; null for a flag the file omits.")
    reference: str = Field(description="The flag's reference; blank for a refused row.")
    detail: str


class ReconciliationOut(Schema):
    added: list[OutcomeOut]
    changed: list[OutcomeOut]
    ended: list[OutcomeOut]
    refused: list[OutcomeOut]
    unchanged: int


class EndIn(Schema):
    end_date: date | None = Field(default=None, description="By default, today.")


class LookupIn(Schema):
    nhs_number: str = Field(pattern=NO_NUL, description="The child's NHS number, 10 digits.")
    requested_by: str = Field(
        min_length=1,
        max_length=100,
        pattern=NO_NUL,
        description="The name or staff identifier of the clinician asking, as your setting "
        "knows them: the key says only which system asked.",
    )
    reason: LookupReason
    reason_other: str = Field(
        default="", pattern=NO_NUL, description="Required when `reason` is `other`."
    )


class ContactOut(Schema):
    team_name: str
    phone: str
    email: str
    out_of_hours_phone: str = Field(description="The duty (out-of-hours) number, or blank.")


class PlanOut(Schema):
    plan_type: PlanType
    start_date: date
    end_date: date | None = Field(description="Set only on a plan that has ended.")
    ended: bool = Field(description="True for a plan that ended in the last 12 months.")
    expected_due_date: date | None = Field(
        description="For an unborn child's plan, found on the expectant mother's NHS number."
    )
    contact: ContactOut = Field(description="The social care team of the flagging authority.")


class AttendanceOut(Schema):
    attended_on: date
    setting: str = Field(description="The unscheduled-care setting's name.")


class LookupOut(Schema):
    found: bool = Field(description="Whether the child has a current plan or is looked after.")
    looked_after: bool = Field(description="Whether the child is currently looked after.")
    superseded_number: bool = Field(
        description="Found under an NHS number the Spine has superseded: check the current one."
    )
    inactive_number: bool = Field(
        default=False,
        description="The flagging authority's records say this NHS number is no longer "
        "active on the Spine: check the child's current number and look it up again.",
    )
    plans: list[PlanOut] = Field(
        description="Every current plan, newest first: more than one when two local "
        "authorities flag the child. Empty when nothing was found."
    )
    ended_plans: list[PlanOut] = Field(
        description="Plans that ended in the last 12 months, marked ended."
    )
    attendances: list[AttendanceOut] = Field(
        description="The child's unscheduled-care attendances in other settings in the last "
        "12 months, most recent first, at most 25. Empty when no plan was found."
    )


def _flag_out(flag: ChildFlag) -> FlagOut:
    return FlagOut(
        id=flag.pk,
        reference=flag.reference,
        organisation_id=flag.organisation_id,
        nhs_number=flag.nhs_number,
        plan_type=PlanType(flag.plan_type),
        start_date=flag.start_date,
        end_date=flag.end_date,
        team_name=flag.team_name,
        team_phone=flag.team_phone,
        team_email=flag.team_email,
        out_of_hours_phone=flag.out_of_hours_phone,
        expected_due_date=flag.expected_due_date,
        moved_to_id=flag.moved_to_id,
        current=flag.is_current(timezone.localdate()),
    )


@router.get(
    "/sharing/flags",
    response={200: list[FlagOut], **_COMMON},
    operation_id="list_sharing_flags",
    summary="List your local authority's child protection flags",
    description="For managers of a local authority; newest first.",
)
def list_flags(request: HttpRequest) -> list[FlagOut]:
    user = caller(request)
    flags = ChildFlag.objects.visible_to(user).select_related("organisation")
    return [_flag_out(flag) for flag in flags]


@router.post(
    "/sharing/flags",
    response={201: FlagOut, 403: Error, 404: Error, 422: Error, **_BODY, **_COMMON},
    operation_id="record_sharing_flag",
    summary="Record a child on a plan or looked after",
)
def record_flag(request: HttpRequest, payload: FlagIn) -> Status[FlagOut]:
    user = caller(request)
    organisation = flag_organisation(user, payload.organisation_id)
    flag = services.record_flag(
        actor=user,
        organisation=organisation,
        draft=services.FlagDraft(
            nhs_number=payload.nhs_number,
            plan_type=payload.plan_type.value,
            start_date=payload.start_date,
            end_date=payload.end_date,
            team_name=payload.team_name,
            team_phone=payload.team_phone,
            team_email=payload.team_email,
            out_of_hours_phone=payload.out_of_hours_phone,
            expected_due_date=payload.expected_due_date,
        ),
    )
    return Status(201, _flag_out(flag))


@router.post(
    "/sharing/flags/{flag_id}/birth",
    response={201: FlagOut, 404: Error, 422: Error, **_BODY, **_COMMON},
    operation_id="record_sharing_birth",
    summary="Move an unborn child's plan to the baby's NHS number",
    description="The unborn plan ends on the date of birth; the baby's child protection "
    "plan starts then, with the same team. Answers the baby's flag.",
)
def record_birth(request: HttpRequest, flag_id: int, payload: BirthIn) -> Status[FlagOut]:
    user = caller(request)
    flag = get_flag_for_keeper(user, flag_id)
    baby = services.record_birth(
        actor=user, flag=flag, baby_nhs_number=payload.baby_nhs_number, born_on=payload.born_on
    )
    return Status(201, _flag_out(baby))


@router.post(
    "/sharing/flags/reconcile",
    response={200: ReconciliationOut, 403: Error, 404: Error, 422: Error, **_COMMON},
    operation_id="reconcile_sharing_flags",
    summary="Reconcile your flags with the daily full file from your case system",
    description="Send the CSV file as the body (`Content-Type: text/csv`), columns as on the "
    "upload page. In one transaction: plans not yet held are added, differences changed, "
    "plans the file no longer lists ended, rows that cannot be applied refused with the "
    "reason. A malformed file changes nothing: 422 with each problem by line, the NHS "
    "number never repeated back. `?organisation_id=` picks the authority.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    },
)
def reconcile(request: HttpRequest, organisation_id: int | None = None) -> ReconciliationOut:
    user = caller(request)
    organisation = flag_organisation(user, organisation_id)
    result = reconcile_flags(actor=user, organisation=organisation, data=request.body)
    if not result.ok:
        raise DjangoValidationError({"file": [str(problem) for problem in result.problems]})

    def outcomes(items: tuple[Outcome, ...]) -> list[OutcomeOut]:
        return [OutcomeOut(line=o.line, reference=o.reference, detail=o.detail) for o in items]

    return ReconciliationOut(
        added=outcomes(result.added),
        changed=outcomes(result.changed),
        ended=outcomes(result.ended),
        refused=outcomes(result.refused),
        unchanged=result.unchanged,
    )


@router.post(
    "/sharing/flags/{flag_id}/end",
    response={200: FlagOut, 404: Error, 422: Error, **_BODY, **_COMMON},
    operation_id="end_sharing_flag",
    summary="End a plan",
    description="The flag answers lookups up to and including its end date.",
)
def end_flag(request: HttpRequest, flag_id: int, payload: EndIn) -> FlagOut:
    user = caller(request)
    flag = get_flag_for_keeper(user, flag_id)
    return _flag_out(services.end_flag(actor=user, flag=flag, end_date=payload.end_date))


@router.post(
    "/sharing/lookups",
    auth=SettingKeyBearer(),
    response={200: LookupOut, 403: Error, 422: Error, **_BODY, **_COMMON},
    operation_id="look_up_child",
    summary="Is this child on a plan? (unscheduled-care settings)",
    description="Send the setting's key (`cpis_...`) as `Authorization: Bearer`. The answer "
    "holds only whether a current plan or looked-after status exists, its type, its start "
    "date and the social care team to contact, for each current plan. Name the clinician "
    "asking in `requested_by`. Every lookup is recorded, refused ones too; each flagging "
    "team is told of a lookup that finds its plan. 30 lookups a minute per key.",
)
def look_up(request: HttpRequest, payload: LookupIn) -> LookupOut:
    key = getattr(request, "auth", None)
    if not isinstance(key, SettingKey):
        raise AuthenticationError
    try:
        answer = services.look_up(
            setting=key.setting,
            nhs=payload.nhs_number,
            reason=payload.reason.value,
            reason_other=payload.reason_other,
            requested_by=payload.requested_by,
            key=key,
        )
    except services.LookupRateLimitedError:
        raise HttpError(429, _("Too many lookups: wait a minute and try again")) from None
    return LookupOut(
        found=answer.found,
        looked_after=answer.looked_after,
        superseded_number=answer.superseded_number,
        inactive_number=answer.inactive_number,
        plans=[_plan_out(plan) for plan in answer.plans],
        ended_plans=[_plan_out(plan) for plan in answer.ended_plans],
        attendances=[
            AttendanceOut(attended_on=a.attended_on, setting=a.setting_name)
            for a in answer.attendances
        ],
    )


def _plan_out(plan: services.Plan) -> PlanOut:
    return PlanOut(
        plan_type=PlanType(plan.plan_type),
        start_date=plan.start_date,
        end_date=plan.end_date if plan.ended else None,
        ended=plan.ended,
        expected_due_date=plan.expected_due_date,
        contact=ContactOut(
            team_name=plan.team_name,
            phone=plan.team_phone,
            email=plan.team_email,
            out_of_hours_phone=plan.out_of_hours_phone,
        ),
    )
