"""'Test connection' for an administrator, and the words for what can go wrong with a provider.

Reads only: the discovery document and the signing keys are fetched afresh (and the
cache refreshed with them), and the client secret is checked to be readable, never shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from candour.accounts.models import IdentityProvider
from candour.accounts.providers.client_secret import MissingSecretError, client_secret
from candour.accounts.providers.discovery import (
    ProviderMisconfiguredError,
    ProviderUnreachableError,
    discovery_url,
    fetch_keys,
    fetch_metadata,
)


def misconfigured_message(reason: str) -> str:
    """What an administrator should check, for each way a provider's answer is unusable."""
    messages = {
        "address": _("The provider's address is not one Candour will call: it must use https"),
        "status": _(
            "The provider did not publish its OpenID Connect configuration at that issuer "
            "URL. Check the issuer URL."
        ),
        "issuer_mismatch": _(
            "The provider names a different issuer from the one entered. Copy the issuer "
            "exactly, including any slash at the end."
        ),
        "endpoint": _("The provider's sign-in or token address does not use https"),
        "algorithms": _(
            "The provider does not sign its tokens with a public key algorithm Candour accepts"
        ),
        "no_keys": _("The provider publishes no signing keys"),
    }
    return messages.get(reason, _("The provider's configuration could not be read"))


@dataclass(frozen=True)
class ConnectionCheck:
    discovery_url: str
    reached: bool
    problem: str = ""
    key_count: int = 0
    secret_ready: bool = False


def check_connection(provider: IdentityProvider) -> ConnectionCheck:
    """Fetch the provider's discovery document and keys now, and check the secret."""
    url = discovery_url(provider.issuer)
    try:
        client_secret(provider)
        secret_ready = True
    except MissingSecretError:
        secret_ready = False
    try:
        metadata = fetch_metadata(provider.issuer, fresh=True)
        keys = fetch_keys(metadata, fresh=True)
    except ProviderUnreachableError:
        return ConnectionCheck(
            url,
            reached=False,
            problem=_("Candour could not reach the provider. Check the issuer URL."),
            secret_ready=secret_ready,
        )
    except ProviderMisconfiguredError as exc:
        return ConnectionCheck(
            url, reached=False, problem=misconfigured_message(exc.reason), secret_ready=secret_ready
        )
    return ConnectionCheck(
        url, reached=True, key_count=len(keys["keys"]), secret_ready=secret_ready
    )
