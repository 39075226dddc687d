"""Child protection information sharing over the API (ADR 0017).

Local authorities keep their flags with a personal token of a manager (administrators
need two-factor sign-in and so cannot hold tokens, ADR 0010). Unscheduled-care settings
look children up with a setting key, which answers only `POST /sharing/lookups`.
"""

from __future__ import annotations

from datetime import date

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


class PlanOut(Schema):
    plan_type: PlanType
    start_date: date
    contact: ContactOut = Field(description="The social care team of the flagging authority.")


class LookupOut(Schema):
    found: bool = Field(description="Whether the child has a current plan or is looked after.")
    plans: list[PlanOut] = Field(
        description="Every current plan, newest first: more than one when two local "
        "authorities flag the child. Empty when nothing was found."
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
        ),
    )
    return Status(201, _flag_out(flag))


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
        plans=[
            PlanOut(
                plan_type=PlanType(plan.plan_type),
                start_date=plan.start_date,
                contact=ContactOut(
                    team_name=plan.team_name, phone=plan.team_phone, email=plan.team_email
                ),
            )
            for plan in answer.plans
        ],
    )
