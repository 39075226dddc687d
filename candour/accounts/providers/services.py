"""Writes for sign-in through an organisation's provider: set it up, and start a session.

Every call audits in its own transaction. A provider only proves who someone is: the
session starts for an existing, active account with a role in the provider's own
organisation, at one of the domains the organisation listed. Nobody is created here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login

from candour.accounts import lockout
from candour.accounts.current import remember_previous_sign_in
from candour.accounts.models import (
    IdentityProvider,
    IdentityProviderDomain,
    ProviderSecondFactor,
    User,
)
from candour.accounts.providers import client_secret
from candour.accounts.providers.discovery import address_problem
from candour.accounts.providers.multi_factor import proves_multi_factor
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation
from candour.keys.models import DataKey
from candour.keys.services import destroy_data_key

_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_ACR_VALUE = re.compile(r"^[\x21-\x7e]{1,200}$")
_ADDRESS_PROBLEMS = {
    "not_https": gettext_lazy("The issuer URL must start with https://"),
    "private_address": gettext_lazy("The issuer URL must be your provider's public address"),
    "extra_parts": gettext_lazy("Enter the issuer URL without a query, a fragment or a password"),
    "not_a_url": gettext_lazy(
        "Enter the issuer URL, like https://login.microsoftonline.com/<tenant>/v2.0"
    ),
}


def normalise_domains(lines: list[str]) -> list[str]:
    """Domains as typed ("@riverside.gov.uk", "Riverside.gov.uk") made one way, unique."""
    found: list[str] = []
    for line in lines:
        for part in re.split(r"[\s,;]+", line):
            domain = part.strip().lstrip("@").rstrip(".").lower()
            if domain and domain not in found:
                found.append(domain)
    return found


def _check_domains(organisation: Organisation, domains: list[str]) -> list[str]:
    problems: list[str] = []
    if not domains:
        return [_("Enter at least one email domain, like riverside.gov.uk")]
    for domain in domains:
        if not _DOMAIN.match(domain):
            problems.append(_("%(domain)s is not an email domain") % {"domain": domain})
            continue
        taken = (
            IdentityProviderDomain.objects.filter(domain=domain)
            .exclude(provider__organisation=organisation)
            .exists()
        )
        if taken:
            problems.append(
                _("Another organisation already signs in people at %(domain)s") % {"domain": domain}
            )
            continue
        # An administrator may send only their own organisation's people to its provider:
        # a domain nobody in the organisation uses could belong to someone else.
        members = User.objects.in_organisation(organisation).filter(email__endswith=f"@{domain}")
        if not members.exists():
            problems.append(
                _("Nobody in %(organisation)s has an email address at %(domain)s")
                % {"organisation": organisation.name, "domain": domain}
            )
    return problems


def _check_acr_values(values: list[str]) -> list[str]:
    bad = [value for value in values if not _ACR_VALUE.match(value)]
    if bad:
        return [_("Enter each value on its own line, without spaces")]
    return []


@dataclass(frozen=True)
class ProviderSettings:
    """What an administrator sets for their organisation's provider."""

    name: str
    issuer: str
    client_id: str
    domains: list[str]
    acr_values: list[str]
    enabled: bool
    # A new secret to seal; or the name of the variable holding it; neither keeps the old.
    new_secret: str = ""
    secret_variable: str = ""


@transaction.atomic
def configure_provider(
    *, actor: User | None, organisation: Organisation, values: ProviderSettings
) -> IdentityProvider:
    """Set up or change the organisation's provider; every problem is reported at once."""
    provider = IdentityProvider.objects.of_organisation(organisation).first()
    created = provider is None
    if provider is None:
        provider = IdentityProvider(organisation=organisation)
    domains = normalise_domains(values.domains)
    acr_values = list(dict.fromkeys(v.strip() for v in values.acr_values if v.strip()))
    problems: dict[str, list[str]] = {}
    issuer = values.issuer.strip()
    issuer_problem = address_problem(issuer)
    if issuer_problem is not None:
        problems["issuer"] = [
            str(_ADDRESS_PROBLEMS.get(issuer_problem, _ADDRESS_PROBLEMS["not_a_url"]))
        ]
    if domain_problems := _check_domains(organisation, domains):
        problems["domains"] = domain_problems
    if acr_problems := _check_acr_values(acr_values):
        problems["acr_values"] = acr_problems
    variable = values.secret_variable.strip()
    if variable and not client_secret.is_allowed_variable(variable):
        problems["secret_variable"] = [
            _(
                "The variable's name must start with %(prefix)s and use only capital "
                "letters, digits and underscores"
            )
            % {"prefix": client_secret.VARIABLE_PREFIX}
        ]
    if values.new_secret and variable:
        problems["new_secret"] = [
            _("Enter the client secret or the name of the variable that holds it, not both")
        ]
    if not values.new_secret and not variable and not client_secret.has_secret(provider):
        problems["new_secret"] = [
            _("Enter the client secret, or the name of the environment variable that holds it")
        ]
    if problems:
        raise ValidationError(problems)

    old_key: DataKey | None = provider.client_secret_key
    secret_changed = bool(values.new_secret or variable)
    if values.new_secret:
        client_secret.seal_secret(provider, values.new_secret)
    elif variable:
        provider.client_secret_variable = variable
        provider.client_secret_key = None
        provider.client_secret_sealed = None
    provider.name = values.name.strip()
    provider.issuer = issuer
    provider.client_id = values.client_id.strip()
    provider.multi_factor_acr_values = acr_values
    provider.enabled = values.enabled
    provider.full_clean(exclude=["organisation", "client_secret_key", "client_secret_sealed"])
    provider.save()
    IdentityProviderDomain.objects.filter(provider=provider).exclude(domain__in=domains).delete()
    for domain in domains:
        IdentityProviderDomain.objects.get_or_create(provider=provider, domain=domain)
    if old_key is not None and secret_changed:
        destroy_data_key(
            key=old_key,
            actor_id=actor.pk if actor else None,
            organisation=organisation,
            reason="provider_secret_replaced",
        )
    record(
        AuditEventType.IDENTITY_PROVIDER_CHANGED,
        actor_id=actor.pk if actor else None,
        organisation=organisation,
        target=provider,
        data={
            "created": created,
            "enabled": provider.enabled,
            "domains": len(domains),
            "secret_changed": secret_changed,
            "secret_kept_as": "variable" if provider.client_secret_variable else "sealed",
        },
    )
    return provider


@dataclass(frozen=True)
class ProviderSignIn:
    """The person signed in, or the code of the reason they were not (audited either way)."""

    user: User | None
    refusal: str = ""


def email_from_claims(claims: Mapping[str, object]) -> str | None:
    """The address the provider vouches for: `email`, else Entra's `preferred_username`
    or `upn` when it is an address. None when the provider says it did not check it."""
    if claims.get("email_verified") is False:
        return None
    for name in ("email", "preferred_username", "upn"):
        value = claims.get(name)
        if isinstance(value, str) and "@" in value:
            return value.strip().lower()
    return None


def _refuse(
    *, request: HttpRequest, provider: IdentityProvider, reason: str, user: User | None = None
) -> ProviderSignIn:
    record(
        AuditEventType.SIGN_IN_FAILED,
        actor_id=user.pk if user else None,
        organisation=provider.organisation,
        data={"method": "provider", "reason": reason, "known_account": user is not None},
    )
    lockout.note_client_failure(request)
    return ProviderSignIn(None, reason)


@transaction.atomic
def record_provider_failure(
    *, request: HttpRequest, provider: IdentityProvider, reason: str
) -> None:
    """Audit a sign-in through the provider that did not finish (a refused token, the
    provider's own refusal, a mismatched return), and count it against the client."""
    _refuse(request=request, provider=provider, reason=reason)


@transaction.atomic
def sign_in_with_provider(
    *, request: HttpRequest, provider: IdentityProvider, claims: Mapping[str, object]
) -> ProviderSignIn:
    """Start a session for the person the provider vouched for, if Candour knows them.

    Refused (audited) when the address is missing, unverified, at a domain the
    organisation did not list, or has no active account with a role in the organisation.
    A person whose role needs two factors is verified by the provider when its claims say
    it asked for a second factor; otherwise Candour asks for its own code as usual.
    """
    email = email_from_claims(claims)
    if email is None:
        return _refuse(request=request, provider=provider, reason="no_verified_email")
    if email.rpartition("@")[2] not in provider.domain_names:
        return _refuse(request=request, provider=provider, reason="domain_not_allowed")
    user = User.objects.get_by_email(email)
    if user is None:
        return _refuse(request=request, provider=provider, reason="unknown_account")
    member = User.objects.in_organisation(provider.organisation).filter(pk=user.pk).exists()
    if not user.is_active or not member:
        return _refuse(request=request, provider=provider, reason="no_active_role", user=user)
    previous = user.last_login
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    remember_previous_sign_in(request, previous)
    multi_factor = proves_multi_factor(claims, provider.multi_factor_acr_values)
    record(
        AuditEventType.SIGN_IN_SUCCEEDED,
        actor_id=user.pk,
        organisation=provider.organisation,
        data={"method": "provider", "provider_multi_factor": multi_factor},
    )
    if multi_factor and user.requires_two_factor():
        device, _created = ProviderSecondFactor.objects.get_or_create(
            user=user, provider=provider, defaults={"name": "provider", "confirmed": True}
        )
        otp_login(request, device)
        record(
            AuditEventType.TWO_FACTOR_VERIFIED,
            actor_id=user.pk,
            organisation=provider.organisation,
            data={"method": "provider"},
        )
    return ProviderSignIn(user)
