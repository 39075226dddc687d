"""Which provider a page may use: by an address's domain, by the pending sign-in, or the
one of an organisation its administrator already reached (core.access)."""

from __future__ import annotations

from candour.accounts.models import IdentityProvider
from candour.core.models import Organisation


def provider_for_email(email: str) -> IdentityProvider | None:
    """The enabled provider for this address's domain. Says only that the domain has one:
    never whether anyone at it has an account."""
    return (
        IdentityProvider.objects.enabled().for_email(email).select_related("organisation").first()
    )


def pending_provider(provider_id: int) -> IdentityProvider | None:
    """The provider a sign-in started with, if it is still offered."""
    return (
        IdentityProvider.objects.enabled()
        .filter(pk=provider_id)
        .select_related("organisation")
        .prefetch_related("domains")
        .first()
    )


def provider_of(organisation: Organisation) -> IdentityProvider | None:
    """An organisation's provider, enabled or not; for its administrator's page only, after
    `get_administered_organisation` has checked who may see it."""
    return (
        IdentityProvider.objects.of_organisation(organisation).prefetch_related("domains").first()
    )
