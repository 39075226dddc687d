"""Writes for people, roles and sign-in. Each call audits in its own transaction."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.contrib.auth import authenticate, login, logout
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from candour.accounts import lockout
from candour.accounts.current import remember_previous_sign_in
from candour.accounts.models import Membership, User
from candour.accounts.roles import TEAM_ROLES, Role
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation, OrganisationKind, Team


@transaction.atomic
def create_user(
    *,
    actor: User | None,
    organisation: Organisation,
    email: str,
    full_name: str,
    password: str | None = None,
) -> User:
    """Create a person's account in an organisation (roles are granted separately)."""
    email = email.strip().lower()
    if User.objects.filter(email=email).exists():
        raise ValidationError(
            {"email": _("Someone already has an account with this email address")}
        )
    user = User(email=email, full_name=full_name.strip())
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    record(
        AuditEventType.USER_CREATED,
        actor_id=actor.pk if actor else None,
        organisation=organisation,
        target=user,
    )
    return user


@transaction.atomic
def grant_role(
    *,
    actor: User | None,
    user: User,
    organisation: Organisation,
    role: Role,
    team: Team | None = None,
) -> Membership:
    """Give a person a role in an organisation, for one team where the role is per team.

    A manager with no team is a service manager: the next manager up for every team.
    """
    if role == Role.STAFF and team is None:
        raise ValidationError({"team": _("Choose the team this role is for")})
    if role not in TEAM_ROLES:
        team = None
    if team is not None and team.organisation_id != organisation.pk:
        raise ValidationError({"team": _("The team must belong to the same organisation")})
    if role == Role.NATIONAL_ANALYST and organisation.kind != OrganisationKind.NATIONAL_HUB:
        raise ValidationError({"role": _("National analysts belong to the national hub")})
    if role == Role.CALDICOTT_GUARDIAN and organisation.kind == OrganisationKind.NATIONAL_HUB:
        raise ValidationError(
            {"role": _("A Caldicott Guardian belongs to a local authority or a health setting")}
        )
    existing = Membership.objects.active().filter(
        user=user, organisation=organisation, role=role, team=team
    )
    if existing.exists():
        raise ValidationError({"role": _("This person already has this role")})
    membership = Membership.objects.create(
        user=user, organisation=organisation, role=role, team=team
    )
    user.forget_roles()
    record(
        AuditEventType.MEMBERSHIP_GRANTED,
        actor_id=actor.pk if actor else None,
        organisation=organisation,
        target=membership,
        data={"user": user.pk, "role": role.value, "team": team.pk if team else None},
    )
    return membership


@transaction.atomic
def revoke_role(*, actor: User, membership: Membership) -> None:
    """End a role; the row stays so that past access can be explained."""
    if membership.revoked_at is not None:
        return
    membership.revoked_at = timezone.now()
    membership.save(update_fields=["revoked_at"])
    record(
        AuditEventType.MEMBERSHIP_REVOKED,
        actor_id=actor.pk,
        organisation=membership.organisation,
        target=membership,
        data={"user": membership.user_id, "role": membership.role},
    )


@transaction.atomic
def add_person(
    *,
    actor: User,
    organisation: Organisation,
    email: str,
    full_name: str,
    role: Role,
    team: Team | None,
) -> User:
    """Create an account and its first role together, or neither."""
    person = create_user(actor=actor, organisation=organisation, email=email, full_name=full_name)
    grant_role(actor=actor, user=person, organisation=organisation, role=role, team=team)
    return person


def _record_for_person(
    event: AuditEventType, user: User | None, *, data: dict[str, object] | None = None
) -> None:
    """Audit an account event once in each organisation the person belongs to, so that
    every organisation's administrators see it in their own trail."""
    organisation_ids = sorted(user.organisation_ids()) if user is not None else []
    if not organisation_ids:
        record(event, actor_id=user.pk if user else None, data=data)
        return
    for organisation in Organisation.objects.filter(pk__in=organisation_ids):
        record(event, actor_id=user.pk if user else None, organisation=organisation, data=data)


class SignInOutcome(Enum):
    SIGNED_IN = "signed_in"
    INVALID = "invalid"
    LOCKED = "locked"


@dataclass(frozen=True)
class SignInResult:
    outcome: SignInOutcome
    user: User | None = None


@transaction.atomic
def sign_in(*, request: HttpRequest, email: str, password: str) -> SignInResult:
    """Check a password, with lockout after repeated failures; start a session on success."""
    email = email.strip().lower()
    if lockout.is_paused(email, request):
        return SignInResult(SignInOutcome.LOCKED)
    user = authenticate(request, username=email, password=password)
    if not isinstance(user, User):
        known = User.objects.get_by_email(email)
        if lockout.note_failure(email, request):
            _record_for_person(
                AuditEventType.SIGN_IN_LOCKED_OUT, known, data={"known_account": known is not None}
            )
            return SignInResult(SignInOutcome.LOCKED)
        _record_for_person(
            AuditEventType.SIGN_IN_FAILED, known, data={"known_account": known is not None}
        )
        return SignInResult(SignInOutcome.INVALID)
    lockout.clear(email, request)
    previous = user.last_login
    login(request, user)
    # The home page's "since you last came" starts from the sign-in before this one.
    remember_previous_sign_in(request, previous)
    _record_for_person(AuditEventType.SIGN_IN_SUCCEEDED, user)
    return SignInResult(SignInOutcome.SIGNED_IN, user)


@transaction.atomic
def sign_out(*, request: HttpRequest) -> None:
    """End this session only."""
    user = request.user
    if isinstance(user, User):
        _record_for_person(AuditEventType.SIGNED_OUT, user)
    logout(request)


@transaction.atomic
def sign_out_everywhere(*, request: HttpRequest) -> None:
    """End every session the person has, on every device, including this one."""
    user = request.user
    if not isinstance(user, User):
        return
    User.objects.filter(pk=user.pk).update(session_epoch=user.session_epoch + 1)
    _record_for_person(AuditEventType.SIGNED_OUT_EVERYWHERE, user)
    logout(request)


# The secret being set up waits in the person's session until a first code confirms it:
# showing the set-up page (a GET) stores nothing, yet the QR code stays the same on every
# visit. Only the confirming POST creates the device.
ENROLMENT_SESSION_KEY = "candour_totp_enrolment_key"
_DEVICE_NAME = "Authenticator app"


def enrolling_totp_device(*, session: SessionBase, user: User) -> TOTPDevice:
    """The device being set up, unsaved: its key lives in the session until confirmed."""
    key = session.get(ENROLMENT_SESSION_KEY)
    if not isinstance(key, str):
        key = random_hex(20)
        session[ENROLMENT_SESSION_KEY] = key
    return TOTPDevice(user=user, name=_DEVICE_NAME, key=key, confirmed=False)


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def confirm_totp_enrolment(*, request: HttpRequest, user: User, token: str) -> bool:
    """Confirm the authenticator app with a first code; the session is then verified."""
    key = enrolling_totp_device(session=request.session, user=user).key
    # Stored unconfirmed on the first attempt, so that django-otp can slow down guessing.
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, key=key, confirmed=False, defaults={"name": _DEVICE_NAME}
    )
    if not device.verify_token(token.strip().replace(" ", "")):
        _record_for_person(AuditEventType.TWO_FACTOR_FAILED, user, data={"stage": "enrol"})
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    request.session.pop(ENROLMENT_SESSION_KEY, None)
    otp_login(request, device)
    _record_for_person(AuditEventType.TWO_FACTOR_ENROLLED, user)
    return True


@transaction.atomic
def verify_second_factor(*, request: HttpRequest, user: User, token: str) -> bool:
    """Check a code from the person's authenticator app for this session."""
    device = confirmed_totp_device(user)
    if device is None or not device.verify_token(token.strip().replace(" ", "")):
        _record_for_person(AuditEventType.TWO_FACTOR_FAILED, user, data={"stage": "verify"})
        return False
    otp_login(request, device)
    _record_for_person(AuditEventType.TWO_FACTOR_VERIFIED, user)
    return True
