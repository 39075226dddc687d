"""Writes for personal API tokens: create (shown once) and revoke, each audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.api import tokens
from candour.api.models import ApiToken
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation

MAX_ACTIVE_TOKENS = 10
LONGEST_NAME = 100


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    # The whole token, to show once; it is never stored or logged.
    value: str


def may_use_tokens(user: User) -> bool:
    """Roles that must sign in with a second factor cannot use tokens yet (ADR 0010): a
    token would let them reach the same data with one factor."""
    return user.is_active and not user.requires_two_factor()


def _record(event: AuditEventType, *, actor: User, token: ApiToken) -> None:
    """Once in each of the person's organisations, so every administrator sees it."""
    organisations: list[Organisation | None] = list(
        Organisation.objects.filter(pk__in=actor.organisation_ids()).order_by("pk")
    )
    for organisation in organisations or [None]:
        record(
            event,
            actor_id=actor.pk,
            organisation=organisation,
            target=token,
            data={"prefix": token.prefix},
        )


@transaction.atomic
def create_api_token(*, actor: User, name: str, now: datetime | None = None) -> IssuedToken:
    """Issue a personal API token; the caller shows its value once and then forgets it."""
    if not actor.is_active:
        raise PermissionDenied
    if actor.requires_two_factor():
        raise ValidationError(
            _(
                "People whose role needs a security code to sign in cannot use API tokens "
                "yet, because a token would skip the security code."
            )
        )
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Enter a name for the token")})
    if len(name) > LONGEST_NAME:
        raise ValidationError(
            {"name": _("The name must be %(count)s characters or fewer") % {"count": LONGEST_NAME}}
        )
    if ApiToken.objects.visible_to(actor).active().count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("You have %(count)s tokens already: revoke one you no longer use first")
            % {"count": MAX_ACTIVE_TOKENS}
        )
    parts = tokens.new_token()
    while ApiToken.objects.filter(prefix=parts.prefix).exists():
        parts = tokens.new_token()  # 4 billion prefixes: a clash is rare, never repeated
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=parts.prefix,
        digest=tokens.digest(parts.value),
        created_at=now or timezone.now(),
    )
    _record(AuditEventType.API_TOKEN_CREATED, actor=actor, token=token)
    return IssuedToken(token=token, value=parts.value)


@transaction.atomic
def revoke_api_token(*, actor: User, token: ApiToken, now: datetime | None = None) -> ApiToken:
    """Stop a token working at once. Only its owner revokes it; revoking twice is a no-op."""
    if token.user_id != actor.pk:
        raise PermissionDenied
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        return locked
    locked.revoked_at = now or timezone.now()
    locked.save(update_fields=["revoked_at"])
    _record(AuditEventType.API_TOKEN_REVOKED, actor=actor, token=locked)
    return locked
